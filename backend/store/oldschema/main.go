// Command oldschema makes a new Roster file at an older schema version, as
// an older Roster left it, for the desktop smoke test of an upgrade. Build
// it with the sqlite_fts5 tag.
//
//	oldschema --db /tmp/old.db [--version N]   (default: the version before this build's)
package main

import (
	"flag"
	"fmt"
	"log"

	"roster/backend/store"
)

func main() {
	db := flag.String("db", "", "the file to create (required; must not exist)")
	version := flag.Uint("version", store.LatestVersion()-1, "the schema version to leave it at")
	flag.Parse()
	if *db == "" {
		log.Fatal("oldschema: --db is required")
	}
	if err := store.CreateAt(*db, *version); err != nil {
		log.Fatal("oldschema: ", err)
	}
	fmt.Printf("%s is at schema version %d\n", *db, *version)
}
