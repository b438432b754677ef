//go:build !desktop && !dev && !bindings

package main

// desktopMode: without the desktop or dev tags wails.Run only prints a note
// and exits 0, so Roster says what to do instead.
const desktopMode = ""
