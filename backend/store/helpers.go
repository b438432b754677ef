package store

import (
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Times are stored as Unix milliseconds (UTC). A column that may be unset
// ("never": not sent, never signed in, not locked) stores 0 and is read with
// optMillis, into a nil *time.Time; a column that is always set is read with
// fromMillis.

// fromMillis reads a stored time that is always set.
func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// optMillis reads a stored time that may be unset: the stored 0 ("never")
// becomes nil.
func optMillis(ms int64) *time.Time {
	if ms == 0 {
		return nil
	}
	t := fromMillis(ms)
	return &t
}

// millis is the stored form of an optional time: nil becomes 0.
func millis(t *time.Time) int64 {
	if t == nil {
		return 0
	}
	return t.UnixMilli()
}

// whereSQL joins conditions into a WHERE clause, or nothing if there are none.
func whereSQL(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(conds, " AND ")
}

// escapeLike escapes LIKE's wildcards in s, for a pattern with ESCAPE '\'.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// collect scans every row of a query with scan, closing the rows; what
// names the query in errors.
func collect[T any](rows *sql.Rows, err error, what string, scan func(*sql.Rows) (T, error)) ([]T, error) {
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return out, nil
}
