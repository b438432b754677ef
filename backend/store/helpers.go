package store

import (
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
