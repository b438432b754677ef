package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"net/http"
	goruntime "runtime"
	"strings"
	"sync"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// Desktop is what the window needs beside the backend.
type Desktop struct {
	Title string
	// Icon is the window's icon on Linux (PNG); Windows and macOS take it
	// from the executable and the bundle.
	Icon []byte
	// DBPath is the database the window works on, absolute: one window per
	// database, a second launch on it brings this window forward. Empty:
	// no lock (the bindings generator).
	DBPath string
	// StateFile keeps the window's size and place between runs; empty
	// keeps nothing.
	StateFile string
	// OnShutdown runs once the window has closed: stop the background work,
	// close the database.
	OnShutdown func()
	// Open, when set, makes b whole (opens the database) or says why it
	// could not: the window opens at once and says Opening meanwhile (see
	// opening). It runs once this is the one window on DBPath: a second
	// launch exits before it has started, never in the middle of it.
	Open    func() error
	Opening string
}

// RunDesktop opens the Roster window on b and blocks until it closes. The
// window starts signed out; the person at the desktop may set up the first
// owner of an empty database.
func RunDesktop(b *Backend, hub *Hub, assets fs.FS, d Desktop) error {
	sess := NewSession(context.Background(), "", true)
	services := NewServices(b, sess)
	state := loadWindowState(d.StateFile)
	start := options.Normal
	if state.Maximised {
		start = options.Maximised
	}
	var single *options.SingleInstanceLock
	if d.DBPath != "" {
		single = &options.SingleInstanceLock{
			UniqueId: instanceID(d.DBPath),
			OnSecondInstanceLaunch: func(options.SecondInstanceData) {
				b.Log.Info("Roster was opened again on this database: showing this window", "db", d.DBPath)
				runtime.WindowUnminimise(sess.Ctx)
				runtime.Show(sess.Ctx)
			},
		}
	}
	var wait assetserver.Middleware
	var startOpen sync.Once
	ready := make(chan error, 1)
	if d.Open != nil {
		wait = opening(ready, d.Opening)
	}
	return wails.Run(&options.App{
		Title:            d.Title,
		Width:            state.Width,
		Height:           state.Height,
		MinWidth:         windowMinWidth,
		MinHeight:        windowMinHeight,
		WindowStartState: start,
		AssetServer: &assetserver.Options{
			Assets:     assets,
			Middleware: wait,
		},
		OnStartup: func(ctx context.Context) {
			sess.Ctx = ctx
			hub.setDesktop(func(name string, data any) { runtime.EventsEmit(ctx, name, data) })
		},
		OnDomReady: func(ctx context.Context) {
			if d.Open != nil { // the single-instance check is behind: the page loaded
				startOpen.Do(func() { go func() { ready <- d.Open() }() })
			}
			if !state.Placed || state.Maximised {
				return
			}
			if screens, err := runtime.ScreenGetAll(ctx); err == nil && len(screens) > 0 {
				w, h := 0, 0
				for _, s := range screens {
					w, h = max(w, s.Size.Width), max(h, s.Size.Height)
				}
				if x, y := state.onScreen(w, h); x != 0 || y != 0 {
					runtime.WindowSetPosition(ctx, x, y)
				}
			}
		},
		// Called for the close button and File → Quit alike, while the
		// window still exists to be measured.
		OnBeforeClose: func(ctx context.Context) bool {
			if d.StateFile == "" {
				return false
			}
			next := state
			next.Maximised = runtime.WindowIsMaximised(ctx)
			if !next.Maximised { // keep the size to come back to from maximised
				next.Width, next.Height = runtime.WindowGetSize(ctx)
				next.X, next.Y = runtime.WindowGetPosition(ctx)
				next.Placed = true
			}
			if err := next.save(d.StateFile); err != nil {
				b.Log.Warn("keep the window's size for the next run", "err", err)
			}
			return false
		},
		OnShutdown: func(context.Context) {
			if d.OnShutdown != nil {
				d.OnShutdown()
			}
		},
		SingleInstanceLock: single,
		Linux: &linux.Options{
			Icon:        d.Icon,
			ProgramName: "roster", // the window's class, as roster.desktop's StartupWMClass says
		},
		Menu:           appMenu(func() context.Context { return sess.Ctx }),
		Bind:           services.Bind(),
		EnumBind:       enums(),
		ErrorFormatter: ErrorFormatter(b.Log),
	})
}

// ShowStartupError shows why Roster could not open, in a message box with
// no window behind it, and returns once it is closed: started from a menu,
// Roster has no terminal to print its errors in.
func ShowStartupError(title, message string) error {
	return wails.Run(&options.App{
		Title:       "Roster",
		Width:       windowMinWidth,
		Height:      windowMinHeight,
		StartHidden: true,
		AssetServer: &assetserver.Options{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			_, _ = io.WriteString(w, "<!doctype html><title>Roster</title>") // the hidden window's page
		})},
		OnDomReady: func(ctx context.Context) {
			_, _ = runtime.MessageDialog(ctx, runtime.MessageDialogOptions{Type: runtime.ErrorDialog, Title: title, Message: message})
			runtime.Quit(ctx)
		},
		Linux: &linux.Options{ProgramName: "roster"},
	})
}

// instanceID names the lock of one database: the same file, however it
// was named, gives the same lock (Windows and macOS paths ignore case).
func instanceID(dbPath string) string {
	if goruntime.GOOS != "linux" {
		dbPath = strings.ToLower(dbPath)
	}
	sum := sha256.Sum256([]byte(dbPath))
	return "io.roster.db-" + hex.EncodeToString(sum[:8])
}
