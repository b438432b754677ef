//go:build desktop || dev

package main

// desktopMode: this binary opens the Wails window.
const desktopMode = "window"
