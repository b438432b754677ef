package app

import (
	"context"
	"io/fs"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// RunDesktop opens the Roster window on b and blocks until it closes. The
// window starts signed out; the person at the desktop may set up the first
// owner of an empty database.
func RunDesktop(b *Backend, hub *Hub, assets fs.FS, title string) error {
	sess := NewSession(context.Background(), "", true)
	services := NewServices(b, sess)
	return wails.Run(&options.App{
		Title:     title,
		Width:     1280,
		Height:    800,
		MinWidth:  900,
		MinHeight: 600,
		AssetServer: &assetserver.Options{
			Assets: assets,
		},
		OnStartup: func(ctx context.Context) {
			sess.Ctx = ctx
			hub.setDesktop(func(name string, data any) { runtime.EventsEmit(ctx, name, data) })
		},
		Menu:           appMenu(func() context.Context { return sess.Ctx }),
		Bind:           services.Bind(),
		EnumBind:       enums(),
		ErrorFormatter: ErrorFormatter(b.Log),
	})
}
