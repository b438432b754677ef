package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
	"time"
	"unicode/utf8"

	_ "github.com/mattn/go-sqlite3"

	"roster/backend/domain"
	"roster/backend/store"
	"roster/backend/testutil"
)

// TestFoldIsTheIndexs folds every character the tokenizer folds (the Basic
// Multilingual Plane and the Deseret letters above it) in Go and in SQLite's
// trigram tokenizer, as the search index is declared (migration 1), and
// compares them: "ab" + the character gives one trigram, "ab" + its fold, or
// none where the tokenizer drops the character.
func TestFoldIsTheIndexs(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(t.TempDir(), "fold.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range []string{
		`CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'trigram remove_diacritics 1')`,
		`CREATE VIRTUAL TABLE v USING fts5vocab (t, 'instance')`,
		`BEGIN`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	var chars []rune
	for c := rune(1); c < 0x10500; c++ {
		if c < 0x10000 || c >= 0x10400 {
			if utf8.ValidRune(c) {
				chars = append(chars, c)
			}
		}
	}
	st, err := db.PrepareContext(ctx, `INSERT INTO t (rowid, x) VALUES (?, ?)`)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range chars {
		if _, err := st.ExecContext(ctx, int64(c), "ab"+string(c)); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	if _, err := db.ExecContext(ctx, `COMMIT`); err != nil {
		t.Fatal(err)
	}
	terms := map[rune]string{}
	rows, err := db.QueryContext(ctx, `SELECT doc, term FROM v`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var doc int64
		var term string
		if err := rows.Scan(&doc, &term); err != nil {
			t.Fatal(err)
		}
		terms[rune(doc)] = term
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	wrong, folded := 0, 0
	for _, c := range chars {
		want, got := "", store.FoldSearch("ab"+string(c))
		if term, ok := terms[c]; ok {
			want = term
		} else {
			want = "ab" // dropped: no trigram
		}
		if got != "ab"+string(c) {
			folded++
		}
		if got != want {
			if wrong++; wrong <= 20 {
				t.Errorf("U+%04X %q: folds to %q in Go, %q in the index", c, string(c), got, want)
			}
		}
	}
	if wrong > 0 {
		t.Fatalf("%d of %d characters fold differently", wrong, len(chars))
	}
	// The comparison means something only if characters do fold.
	if folded < 1000 {
		t.Fatalf("only %d characters fold; the test compared too little", folded)
	}
	t.Logf("%d characters compared, %d fold to another or none", len(chars), folded)
}

// TestNameWalkFindsWhatTheSearchIndexFinds lists searches sorted by name
// both ways: walking users_name, testing the folded text it holds (planned,
// or the walk near the start), reading the names that start with the search
// and the ranges of those that start with it once folded (namePrefix), and
// sorting the search index's matches. Names, e-mails and external ids in
// many scripts and forms (combining marks, title case, full width, a letter
// above the Basic Multilingual Plane, accents where the search has none and
// the other way round, a search across lines) must give the same users.
func TestNameWalkFindsWhatTheSearchIndexFinds(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := testutil.Open(t)
	people := []struct{ name, email, ext string }{
		{"Zoë Lovelace", "zoe.lovelace@example.com", "usr-1"},
		{"ZOË LOVELACE", "ZOE@EXAMPLE.COM", "usr-2"},
		{"Zoe\u0301 Combining", "combining@example.com", "usr-3"},
		{"Straße Weiß", "strasse@example.de", "usr-4"},
		{"Ørjan Bjørnstad", "orjan@example.no", "usr-5"},
		{"İsmail Şahin", "ismail@example.tr", "usr-6"},
		{"ǅemal Ǆuro", "dzemal@example.ba", "usr-7"},
		{"Ἀθηνᾶ Παλλάς", "athena@example.gr", "usr-8"},
		{"Ⅻ Roman", "roman@example.com", "usr-9"},
		{"Ａｂｃ Fullwidth", "fullwidth@example.jp", "usr-10"},
		{"𐐀𐐁𐐂 Deseret", "deseret@example.com", "usr-11"},
		{"Ramón García", "RAMON.GARCIA@EXAMPLE.COM", "EXT-ÅÄÖ"},
		{"Renée Ramon", "renee@example.fr", "ext-aao"},
		{"Plain Person", "plain@example.com", "usr-14"},
		{"Élodie Durand", "elodie@example.fr", "usr-15"},
		{"e\u0301lise Combining", "elise@example.fr", "usr-16"},
		{"\u0301Leading Mark", "mark@example.com", "usr-17"},
		{"Ÿvonne Yvon", "yvonne@example.fr", "usr-18"},
		{"Zoe Plain", "zoe.plain@example.com", "usr-19"},
		{"ZOÉ Acute", "zoe.acute@example.com", "usr-20"},
		{"Ramon Smith", "rsmith@example.com", "usr-21"},
		{"Lace", "zoe.cross@example.com", "usr-22"}, // "lace\nzoe" across the folded text's lines
	}
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	var us []store.NewUser
	for i, p := range people {
		us = append(us, store.NewUser{ExternalID: p.ext, Name: p.name, Email: p.email, CreatedAt: now + int64(i),
			Metadata: "{}", Status: "no_integrations"})
	}
	addUsers(t, st, us)
	names := func(q store.UserQuery) []string {
		t.Helper()
		page, err := store.ListUsers(ctx, st.Reader(), q)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, u := range page.Users {
			out = append(out, u.Name)
		}
		return out
	}
	found := 0
	for _, search := range []string{"zoe", "zoë", "ZOË", "lovel", "ramon", "RAMÓN", "bjorn", "ørj", "straße", "strasse", "ismail",
		"şah", "ǆem", "dzem", "ἀθη", "αθη", "ⅻ r", "xii", "ａｂｃ", "abc", "𐐨𐐩𐐪", "ext-åäö", "ext-aao", "example.com", "@example.",
		"elod", "ÉLOD", "elis", "leadi", "yvon", "ÿvo", "zoé", "ramo", "ramó", "e\u0301li", "lace\nzoe"} {
		for _, sort := range []domain.UserSort{domain.SortName, domain.SortLastActive} {
			for _, desc := range []bool{false, true} {
				q := store.UserQuery{Search: search, Sort: sort, Desc: desc, Limit: 50}
				walked := names(store.WithWalkFrom(q, 1))
				sorted := names(store.WithWalkFrom(q, 1<<30))
				near := names(q) // every user walked from the start (nearWalk)
				if !slices.Equal(walked, sorted) {
					t.Errorf("search %q by %s (descending %v): the walk finds %q, the search index %q", search, sort, desc, walked, sorted)
				}
				if !slices.Equal(near, sorted) {
					t.Errorf("search %q by %s (descending %v): the walk of every user finds %q, the search index %q", search, sort, desc, near, sorted)
				}
				if prefixed := names(store.WithNamePrefix(q)); sort == domain.SortName && !slices.Equal(prefixed, sorted) {
					t.Errorf("search %q (descending %v): the names that start with it and the others find %q, the search index %q",
						search, desc, prefixed, sorted)
				}
				// Looked up by its rarest trigram, then tested on the folded text.
				if pruned := names(store.WithPruned(q)); !slices.Equal(pruned, sorted) {
					t.Errorf("search %q by %s (descending %v): its rarest trigram and the folded text find %q, the search index %q",
						search, sort, desc, pruned, sorted)
				}
				found += len(sorted)
			}
		}
	}
	if found < 80 {
		t.Fatalf("the searches found %d users in all: too few to compare", found)
	}
}
