package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// The version scripts/lib.sh stamps with -ldflags is what roster version
// prints (scripts/check-package checks the stamped binaries themselves).
// Not parallel: it sets the package's version.
func TestVersionCommandPrintsTheStampedVersion(t *testing.T) {
	defer func(v string) { version = v }(version)
	version = "1.2.3-rc.1+4.gabc1234"
	var out, errs bytes.Buffer
	if err := run([]string{"version"}, &out, &errs); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "roster 1.2.3-rc.1+4.gabc1234 (schema version ") {
		t.Errorf("roster version printed %q", out.String())
	}
}

func TestDefaultDatabaseIsInTheUserConfigDir(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir) // os.UserConfigDir on Linux; %AppData% and Application Support elsewhere
	tests := []struct{ name, in, want string }{
		{"none named", "", filepath.Join(dir, "Roster", "roster.db")},
		{"a relative name becomes absolute", "x.db", func() string { p, _ := filepath.Abs("x.db"); return p }()},
		{"an absolute name stays", "/srv/roster.db", "/srv/roster.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := dbPath(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("dbPath(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}
