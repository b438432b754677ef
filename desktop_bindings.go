//go:build bindings && !desktop && !dev

package main

// desktopMode: `wails generate module` builds with the bindings tag and runs
// the binary only to read the bound methods; it must touch no database.
const desktopMode = "bindings"
