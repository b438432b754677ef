package team_test

import (
	"testing"
	"time"

	"roster/backend/domain"
)

// While the file is damaged every change is refused, but people can still
// sign in, keep their session and sign out: they must reach the restore.
func TestADamagedFileStillLetsPeopleSignIn(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	f.st.SetDamaged("Page 5: btreeInitPage() returns error code 11")

	_, err := f.svc.SetNotifications(f.ctx, owner, owner.MemberID, false)
	wantCode(t, err, domain.CodeConflict, "Restore a backup")

	token, _, err := f.svc.SignIn(f.ctx, "desktop", "olivia@example.com", strong)
	if err != nil {
		t.Fatalf("sign-in into a damaged file: %v", err)
	}
	f.advance(time.Minute) // past the session's touch interval: a write
	if a := f.actor(token); a.MemberID != owner.MemberID {
		t.Fatalf("the session is %+v", a)
	}
	_, _, err = f.svc.SignIn(f.ctx, "desktop", "olivia@example.com", "wrong password 1")
	wantCode(t, err, domain.CodeUnauthenticated, "do not match")
	if err := f.svc.SignOut(f.ctx, token); err != nil {
		t.Fatalf("sign-out from a damaged file: %v", err)
	}
}
