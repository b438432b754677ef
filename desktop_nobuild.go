//go:build !desktop && !dev && !bindings

package main

// desktopMode: the command-line roster, built without the desktop or dev
// tags (wails.Run would only print a note), opens the window by running
// roster-desktop (openDesktop).
const desktopMode = ""
