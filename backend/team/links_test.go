package team_test

import (
	"strings"
	"testing"

	"roster/backend/domain"
	"roster/backend/team"
)

// Links in mail open --public-url, else the Settings' public address, else
// serve mode's own address; the setting is validated and audited, and its
// host is one serve mode answers to.
func TestLinksInMailUseThePublicAddress(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner, _ := f.owner()
	settings := func(publicURL string) error {
		_, err := f.svc.UpdateSettings(f.ctx, owner, team.SettingsInput{InvitationDays: 7, IdleMinutes: 60, PublicURL: publicURL})
		return err
	}
	n := 0
	invite := func() string {
		t.Helper()
		n++
		res, err := f.svc.Invite(f.ctx, owner, team.InviteInput{Emails: "p" + strings.Repeat("x", n) + "@example.com", Role: domain.RoleMonitorAll})
		if err != nil || len(res.Invited) != 1 {
			t.Fatalf("invite: %+v %v", res, err)
		}
		return res.Invited[0].Link
	}
	linkBase := func() string {
		t.Helper()
		base, err := f.svc.LinkBase(f.ctx)
		if err != nil {
			t.Fatal(err)
		}
		return base
	}

	if link := invite(); link != "" || linkBase() != "" {
		t.Fatalf("with no address at all, the link is %q (base %q); want a code only", link, linkBase())
	}
	for _, bad := range []string{"roster.corp", "ftp://roster.corp", "https://roster.corp/?a=1", "https://user:pw@roster.corp"} {
		err := settings(bad)
		wantCode(t, err, domain.CodeInvalid, "https://roster.example.com")
	}
	if err := settings(" https://roster.corp/ "); err != nil {
		t.Fatal(err)
	}
	if link := invite(); !strings.HasPrefix(link, "https://roster.corp/#accept?") {
		t.Fatalf("with a public address set, the link is %q", link)
	}
	if got := f.count("SELECT count(*) FROM audit_log WHERE action = ? AND after LIKE '%https://roster.corp%'", domain.ActionSettingsUpdate); got != 1 {
		t.Fatalf("%d audit entries record the public address; want 1", got)
	}
	if !f.svc.IsPublicHost(f.ctx, "ROSTER.corp") || f.svc.IsPublicHost(f.ctx, "evil.example") {
		t.Fatal("the public address's host is not told apart from others")
	}

	f.svc.SetLinkBase("http://roster-host:8080", false) // serve on a wildcard address
	if base := linkBase(); base != "https://roster.corp" {
		t.Fatalf("the setting lost to serve's own address: %q", base)
	}
	f.svc.SetLinkBase("https://flag.example", true) // --public-url
	if link := invite(); !strings.HasPrefix(link, "https://flag.example/#accept?") {
		t.Fatalf("--public-url lost to the setting: %q", link)
	}
	if err := settings(""); err != nil {
		t.Fatal(err)
	}
	f.svc.SetLinkBase("http://roster-host:8080", false)
	if base := linkBase(); base != "http://roster-host:8080" {
		t.Fatalf("with the setting cleared, links open %q; want serve's own address", base)
	}
}
