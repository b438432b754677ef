package main

import (
	"os"
	"syscall"
)

// Roster's Windows executable is a GUI program (no console window flashes
// when it opens from the Start menu), so Windows gives it no console: run
// from cmd.exe or PowerShell, `roster version`, `serve` or `seed` would
// print nothing. It attaches to the console it was started from, if any,
// and writes there; output redirected to a file or pipe is left alone.
func init() {
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if ok, _, _ := attach.Call(attachParentProcess); ok == 0 {
		return // started from Explorer, or already has a console
	}
	reopen := func(f **os.File, handle int, name string, mode int) {
		if h, err := syscall.GetStdHandle(handle); err == nil && h != 0 && h != syscall.InvalidHandle {
			return // redirected by the shell
		}
		if c, err := os.OpenFile(name, mode, 0); err == nil {
			*f = c
		}
	}
	reopen(&os.Stdin, syscall.STD_INPUT_HANDLE, "CONIN$", os.O_RDONLY)
	reopen(&os.Stdout, syscall.STD_OUTPUT_HANDLE, "CONOUT$", os.O_WRONLY)
	reopen(&os.Stderr, syscall.STD_ERROR_HANDLE, "CONOUT$", os.O_WRONLY)
}
