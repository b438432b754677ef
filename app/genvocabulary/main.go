// Command genvocabulary writes app.Vocabulary to the file it is given; run
// it with `go generate ./app`.
package main

import (
	"fmt"
	"os"

	"roster/app"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: genvocabulary OUT.ts")
		os.Exit(2)
	}
	if err := os.WriteFile(os.Args[1], app.Vocabulary(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "genvocabulary:", err)
		os.Exit(1)
	}
}
