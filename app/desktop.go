package app

import (
	"context"
	"io/fs"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"roster/backend/domain"
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
		Bind:           services.Bind(),
		EnumBind:       enums(),
		ErrorFormatter: ErrorFormatter(b.Log),
	})
}

// enums gives the generated TypeScript the status and role names.
func enums() []any {
	statuses := make([]struct {
		Value  domain.UserStatus
		TSName string
	}, len(domain.UserStatuses))
	for i, s := range domain.UserStatuses {
		statuses[i].Value, statuses[i].TSName = s, string(s)
	}
	roles := make([]struct {
		Value  domain.Role
		TSName string
	}, len(domain.Roles))
	for i, r := range domain.Roles {
		roles[i].Value, roles[i].TSName = r, string(r)
	}
	return []any{statuses, roles}
}
