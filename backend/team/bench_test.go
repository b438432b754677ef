package team_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"roster/backend/mail"
	"roster/backend/store"
	"roster/backend/team"
)

// Authenticate runs before every bound call, so its cost is on every click;
// SignIn is argon2id on purpose (slow for a guesser, once for a member).
//
//	go test -tags sqlite_fts5 -run '^$' -bench . ./backend/team/
func BenchmarkSessions(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "roster.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	svc := team.New(st, &mail.SMTP{Timeout: time.Second}, func() {}, time.Now)
	token, _, err := svc.Setup(ctx, team.SetupInput{Name: "Olivia Owner", Email: "olivia@example.com", Password: strong})
	if err != nil {
		b.Fatal(err)
	}

	b.Run("Authenticate", func(b *testing.B) {
		for b.Loop() {
			if _, err := svc.Authenticate(ctx, token); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("SignIn", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := svc.SignIn(ctx, "olivia@example.com", strong); err != nil {
				b.Fatal(err)
			}
		}
	})
}
