package app

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWindowState(t *testing.T) {
	t.Parallel()
	def := windowState{Width: windowWidth, Height: windowHeight}
	tests := []struct {
		name    string
		content string // "" writes no file
		want    windowState
	}{
		{"no file gives the default size", "", def},
		{"a saved state comes back", `{"width":1500,"height":900,"x":40,"y":30,"placed":true,"maximised":true}`,
			windowState{Width: 1500, Height: 900, X: 40, Y: 30, Placed: true, Maximised: true}},
		{"too small grows to the minimum", `{"width":10,"height":20}`, windowState{Width: windowMinWidth, Height: windowMinHeight}},
		{"an impossible size is ignored", `{"width":99999999,"height":900}`, def},
		{"a far away position is ignored", `{"width":1000,"height":900,"x":-99999999,"placed":true}`, def},
		{"a damaged file is ignored", `{"width":`, def},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "window.json")
			if tt.content != "" {
				if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if got := loadWindowState(path); got != tt.want {
				t.Errorf("loadWindowState = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestWindowStateSaveRoundTrip(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "Roster", "window.json") // the folder is created
	want := windowState{Width: 1111, Height: 777, X: 12, Y: 34, Placed: true}
	if err := want.save(path); err != nil {
		t.Fatal(err)
	}
	if got := loadWindowState(path); got != want {
		t.Errorf("after save, loadWindowState = %+v, want %+v", got, want)
	}
	if _, err := os.Stat(path + ".tmp"); !os.IsNotExist(err) {
		t.Errorf("the temporary file was left behind: %v", err)
	}
}

func TestWindowStateOnScreen(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		s    windowState
		x, y int
	}{
		{"never placed", windowState{X: 300, Y: 200}, 0, 0},
		{"on the screen", windowState{X: 300, Y: 200, Placed: true}, 300, 200},
		{"off to the right (a monitor unplugged)", windowState{X: 3000, Y: 200, Placed: true}, 0, 0},
		{"above the top", windowState{X: 300, Y: -50, Placed: true}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if x, y := tt.s.onScreen(1920, 1080); x != tt.x || y != tt.y {
				t.Errorf("onScreen = %d,%d, want %d,%d", x, y, tt.x, tt.y)
			}
		})
	}
}
