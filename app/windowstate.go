package app

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// The window's default and smallest sizes.
const (
	windowWidth, windowHeight       = 1280, 800
	windowMinWidth, windowMinHeight = 900, 600
	windowMaxSide                   = 16384 // larger is a damaged file, not a screen
)

// windowState is the desktop window's size and place, kept in a small file
// between runs so Roster opens where the person left it.
type windowState struct {
	Width     int  `json:"width"`
	Height    int  `json:"height"`
	X         int  `json:"x"`
	Y         int  `json:"y"`
	Placed    bool `json:"placed"` // X and Y were read from a window
	Maximised bool `json:"maximised"`
}

// loadWindowState reads path; a missing or unreadable file, or sizes no
// window could have, give the defaults (a window must always open).
func loadWindowState(path string) windowState {
	def := windowState{Width: windowWidth, Height: windowHeight}
	if path == "" {
		return def
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return def
	}
	var s windowState
	if json.Unmarshal(data, &s) != nil || s.Width > windowMaxSide || s.Height > windowMaxSide ||
		abs(s.X) > windowMaxSide || abs(s.Y) > windowMaxSide {
		return def
	}
	s.Width, s.Height = max(s.Width, windowMinWidth), max(s.Height, windowMinHeight)
	return s
}

// save writes the state beside its final name and renames it into place,
// so a crash never leaves half a file.
func (s windowState) save(path string) error {
	data, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("window state: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("window state: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return fmt.Errorf("window state: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("window state: %w", err)
	}
	return nil
}

// onScreen moves a saved position that no longer falls on a screen of
// width×height (a monitor unplugged since) back to the top left corner.
func (s windowState) onScreen(width, height int) (x, y int) {
	const grip = 100 // at least this much of the window stays reachable
	if !s.Placed || s.X < 0 || s.Y < 0 || s.X > width-grip || s.Y > height-grip {
		return 0, 0
	}
	return s.X, s.Y
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
