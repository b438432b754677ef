package store

import (
	"context"
	"path/filepath"
	"testing"
)

// A backup from an older Roster is brought up to date as it is restored:
// the open store never runs on a schema older than it knows.
func TestRestoreFromAnOlderSchemaMigratesIt(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	old := filepath.Join(dir, "old.db")
	migrateTo(t, old, 4)
	rawExec(t, old, "INSERT INTO connected_users (external_id, name, created_at) VALUES ('u-old', 'Ada', 1)")

	st, err := Open(ctx, filepath.Join(dir, "roster.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if from, err := st.RestoreFrom(ctx, old, filepath.Join(dir, "aside.db")); err != nil || from != 4 {
		t.Fatalf("restore: upgraded from %d, %v; want from 4", from, err)
	}
	if st.SchemaVersion() != LatestVersion() {
		t.Fatalf("schema version %d after the restore; want %d", st.SchemaVersion(), LatestVersion())
	}
	var v uint
	if err := st.Reader().QueryRowContext(ctx, "SELECT version FROM schema_migrations").Scan(&v); err != nil || v != LatestVersion() {
		t.Fatalf("file at version %d, %v; want %d", v, err, LatestVersion())
	}
	var name string
	if err := st.Reader().QueryRowContext(ctx, "SELECT name FROM connected_users WHERE external_id = 'u-old'").Scan(&name); err != nil {
		t.Fatalf("the restored data: %v", err)
	}
	// A table of a later migration is there and writable.
	if err := st.Update(ctx, func(tx DB) error {
		_, err := tx.ExecContext(ctx, "SELECT count(*) FROM imports")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := CheckFile(ctx, filepath.Join(dir, "aside.db")); err != nil {
		t.Fatalf("the file kept aside: %v", err)
	}
}
