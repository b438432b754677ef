package team_test

import (
	"context"
	"testing"
	"time"

	"roster/backend/mail"
	"roster/backend/team"
	"roster/backend/testutil"
)

// Authenticate runs before every bound call, so its cost is on every click;
// SignIn is argon2id on purpose (slow for a guesser, once for a member).
//
//	go test -tags sqlite_fts5 -run '^$' -bench . ./backend/team/
func BenchmarkSessions(b *testing.B) {
	ctx := context.Background()
	st := testutil.Open(b)
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
			if _, _, err := svc.SignIn(ctx, "desktop", "olivia@example.com", strong); err != nil {
				b.Fatal(err)
			}
		}
	})
}
