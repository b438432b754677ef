//go:build linux

package main

// glibc gives threads that allocate at once arenas of their own, up to eight
// per core, and an arena keeps what is freed in it. SQLite allocates on
// whichever thread a cgo call lands (Go moves goroutines between threads),
// so its page caches end up spread over many arenas: `roster import` of a
// million users peaked at 590 MB RSS, and at 477 MB with two arenas, in the
// same time (45.0 s against 46.9 s; /usr/bin/time -f %M). glibc fixes the
// limit when it makes its second arena, before Go's init functions run:
// hence a constructor, which runs as the program loads.

/*
#include <malloc.h>

__attribute__((constructor)) static void roster_malloc_arenas(void) { mallopt(M_ARENA_MAX, 2); }
*/
import "C"
