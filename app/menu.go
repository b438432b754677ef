package app

import (
	"context"
	goruntime "runtime"

	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
	"github.com/wailsapp/wails/v2/pkg/runtime"
)

// MenuCommand is what a desktop menu item asks the window to do; the window
// decides how (open the import dialog, the export of the page it shows…).
type MenuCommand string

// The desktop's File menu.
const (
	MenuImportUsers  MenuCommand = "import-users"
	MenuImportEvents MenuCommand = "import-events"
	MenuExport       MenuCommand = "export" // what the page shows
)

// MenuCommands lists every command.
var MenuCommands = []MenuCommand{MenuImportUsers, MenuImportEvents, MenuExport}

// EventMenu carries a MenuCommand to the window.
const EventMenu = "roster:menu"

// appMenu is the desktop window's menu bar. ctx returns the window's
// context once it has started (menu items are clicked only after that).
func appMenu(ctx func() context.Context) *menu.Menu {
	m := menu.NewMenu()
	if goruntime.GOOS == "darwin" {
		m.Append(menu.AppMenu())
	}
	file := m.AddSubmenu("File")
	item := func(label string, key *keys.Accelerator, c MenuCommand) {
		file.AddText(label, key, func(*menu.CallbackData) { runtime.EventsEmit(ctx(), EventMenu, c) })
	}
	item("Import users…", keys.CmdOrCtrl("i"), MenuImportUsers)
	item("Import events…", nil, MenuImportEvents)
	item("Export…", keys.CmdOrCtrl("e"), MenuExport)
	file.AddSeparator()
	file.AddText("Quit", keys.CmdOrCtrl("q"), func(*menu.CallbackData) { runtime.Quit(ctx()) })
	if goruntime.GOOS == "darwin" {
		m.Append(menu.EditMenu()) // macOS routes copy and paste through the menu
	}
	return m
}
