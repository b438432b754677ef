package store

import (
	"database/sql"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestMayMatchFoldedNeverMissesWhatTheIndexFinds: the pre-test of a walk
// over users must say yes wherever the search index finds the search, or
// users would go missing from the list. Random text of ASCII, accented and
// case-folded letters, combining accents (which the index drops) and
// characters it keeps is indexed by a real trigram index and searched.
func TestMayMatchFoldedNeverMissesWhatTheIndexFinds(t *testing.T) {
	t.Parallel()
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one in-memory database
	if _, err := db.Exec(`CREATE VIRTUAL TABLE f USING fts5 (x, tokenize = 'trigram remove_diacritics 1')`); err != nil {
		t.Fatal(err)
	}
	// Mostly the letters searched for, so that longer searches find some.
	alphabet := []string{"a", "b", "o", "n", "a", "b", "o", "n", "a", "b", "o", "n",
		"A", "N", "ó", "Ó", "ö", "ø", "ñ", "\u0301", "\u0301", "\u0308", "İ", "ß", "\u200b", "Ω", ".", "@", " "}
	rng := rand.New(rand.NewPCG(1, 2))
	word := func(max int) string {
		var b strings.Builder
		for range 1 + rng.IntN(max) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return b.String()
	}
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	for range 5000 {
		if _, err := tx.Exec("INSERT INTO f (x) VALUES (?)", word(16)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	searches := []string{"bon", "oon", "aob", "nab", "a.b", "o@n", "n o", "bab", "bono", "aobn", "nabo", "oonab"}
	for _, s := range searches {
		rows, err := db.Query("SELECT x FROM f WHERE f MATCH ?", ftsPhrase(s))
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for rows.Next() {
			var x string
			if err := rows.Scan(&x); err != nil {
				t.Fatal(err)
			}
			found++
			if !mayMatchFolded(x, s) {
				t.Errorf("the index finds %q in %q (%+q); mayMatchFolded says no", s, x, x)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		if found == 0 {
			t.Errorf("the index finds %q nowhere: the test text does not exercise it", s)
		}
	}
	// And it says no where nothing could match, or the walk gains nothing.
	for _, tc := range []struct {
		hay, needle string
		want        bool
	}{
		{"Ramón", "mon", true},
		{"RAMÓN", "amo", true},
		{"ao\u0301bc", "aobc", true}, // the index drops the combining accent
		{"Ramón", "max", false},
		{"globex.com", "xcom", false},
		{"ana@globex.com", "globex", true},
		{"Zoë\nzoe@x.io", "zoez", false},       // columns are apart
		{"Zoë", strings.Repeat("z", 63), true}, // too long to pre-test
	} {
		if got := mayMatchFolded(tc.hay, tc.needle); got != tc.want {
			t.Errorf("mayMatchFolded(%q, %q) = %v; want %v", tc.hay, tc.needle, got, tc.want)
		}
	}
}
