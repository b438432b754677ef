package mail

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"strings"
	texttemplate "text/template"
	"time"
)

// InvitationData fills the invitation e-mail.
type InvitationData struct {
	InviterName  string
	InviteeEmail string
	RoleLabel    string
	Integrations []string
	Code         string
	Link         string // empty on the desktop
	DeclineLink  string // opens the dismiss form; empty on the desktop
	ExpiresAt    time.Time
}

// Templates are parsed per call: invitations are rare, and no package state.
const invitationText = `Hello,

{{.InviterName}} invited you to Roster as {{.RoleLabel}}{{if .Integrations}} ({{join .Integrations}}){{end}}.

Your one-time invitation code:

    {{.Code}}
{{if .Link}}
Open this link to accept:
{{.Link}}

Not for you? Open this link to decline:
{{.DeclineLink}}
{{end}}
To accept in Roster, choose "I have an invitation" on the sign-in screen, then enter {{.InviteeEmail}} and the code above.
To decline there, choose "Dismiss the invitation" after entering them{{if .Link}} (or open the decline link){{end}}: the code stops working and the team sees that you declined.

The invitation expires on {{.Expires}}. If you did not expect it, decline it or ignore this e-mail.
`

const invitationHTML = `<!doctype html>
<html><body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #222">
<p>Hello,</p>
<p><strong>{{.InviterName}}</strong> invited you to Roster as <strong>{{.RoleLabel}}</strong>{{if .Integrations}} ({{join .Integrations}}){{end}}.</p>
<p>Your one-time invitation code:</p>
<p style="font-family: ui-monospace, monospace; font-size: 16px; background: #f1f3f5; padding: 12px; border-radius: 6px">{{.Code}}</p>
{{if .Link}}<p><a href="{{.Link}}">Accept the invitation</a></p>
<p>Not for you? <a href="{{.DeclineLink}}">Decline the invitation</a>.</p>{{end}}
<p>To accept in Roster, choose “I have an invitation” on the sign-in screen, then enter {{.InviteeEmail}} and the code above.
To decline there, choose “Dismiss the invitation” after entering them: the code stops working and the team sees that you declined.</p>
<p style="color: #666">The invitation expires on {{.Expires}}. If you did not expect it, decline it or ignore this e-mail.</p>
</body></html>
`

// Invitation renders the invitation e-mail.
func Invitation(d InvitationData) (subject, text, html string, err error) {
	data := struct {
		InvitationData
		Expires string
	}{d, d.ExpiresAt.UTC().Format("Mon, 2 Jan 2006 15:04 MST")}
	funcs := map[string]any{"join": func(s []string) string { return strings.Join(s, ", ") }}
	var tb, hb bytes.Buffer
	tt, err := texttemplate.New("text").Funcs(funcs).Parse(invitationText)
	if err == nil {
		err = tt.Execute(&tb, data)
	}
	if err != nil {
		return "", "", "", fmt.Errorf("mail: invitation text: %w", err)
	}
	ht, err := htmltemplate.New("html").Funcs(funcs).Parse(invitationHTML)
	if err == nil {
		err = ht.Execute(&hb, data)
	}
	if err != nil {
		return "", "", "", fmt.Errorf("mail: invitation html: %w", err)
	}
	subject = strings.NewReplacer("\r", " ", "\n", " ").Replace(d.InviterName + " invited you to Roster")
	return subject, tb.String(), hb.String(), nil
}

// TestMessage is the settings page's test e-mail.
func TestMessage(to string, now time.Time) Message {
	return Message{To: to, Subject: "Roster test e-mail",
		Text: "This is a test e-mail from Roster, sent " + now.UTC().Format(time.RFC1123) + ".\n\nIf you can read it, Roster can send invitations and notifications."}
}
