package mail

import (
	"bytes"
	"fmt"
	"strings"
	texttemplate "text/template"
	"time"
)

// Alert is what a notification is about: one user's integration, and for a
// workflow failure, the workflow.
type Alert struct {
	UserName, UserID string // the user's name and external id
	Integration      string
	Workflow         string // "" for a connection alert
}

// WorkflowFailedData fills the first-failure mail.
type WorkflowFailedData struct {
	Alert
	StartedAt     time.Time
	Error         string
	DigestMinutes int
}

// ConnectionData fills the offline and back-online mails.
type ConnectionData struct {
	Alert
	Offline         bool // else back online
	Since           time.Time
	Reason, Message string // why it is offline
	Held            int    // further times it went offline within the cooldown, untold
	CooldownMinutes int
}

// DigestItem is one workflow in a failure summary.
type DigestItem struct {
	Alert
	Resolved     bool
	NewFailures  int // since the last mail
	Failures     int // since it started failing
	Since        time.Time
	LastError    string
	LastFailedAt time.Time
	ResolvedAt   time.Time
}

// DigestData fills the failure summary.
type DigestData struct {
	Items         []DigestItem
	DigestMinutes int
}

var notifyFuncs = texttemplate.FuncMap{
	"when": func(t time.Time) string { return t.UTC().Format("Mon, 2 Jan 2006 15:04:05 MST") },
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, one)
		}
		return fmt.Sprintf("%d %s", n, many)
	},
}

const footer = `
--
You get this e-mail because Notifications are on for you in Roster's Team
page, and your role covers this integration. Turn them off there.
`

const workflowFailedText = `The workflow "{{.Workflow}}" ({{.Integration}}) failed for {{.UserName}} (user id {{.UserID}}).

When:  {{when .StartedAt}}
Error: {{.Error}}

What to do: open Roster, find user {{.UserID}} under Connected users and
look at the run history in their drawer. If the error is about the user's
credentials, ask them to reconnect {{.Integration}} in the Connect Portal.

If this workflow keeps failing for this user, you get one summary every
{{.DigestMinutes}} minutes instead of a mail per failure.
` + footer

const connectionText = `{{if .Offline}}{{.Integration}} went offline for {{.UserName}} (user id {{.UserID}}){{if .Held}}, again{{end}}.

Since:  {{when .Since}}
Reason: {{.Reason}}{{if .Message}}
Error:  {{.Message}}{{end}}
{{if .Held}}
It went offline {{plural .Held "more time" "more times"}} within {{.CooldownMinutes}} minutes of the last
mail; Roster held those back so that a flapping connection does not flood you.
{{end}}
What to do: their {{.Integration}} workflows do not run until the
credential works again. Ask the user to reconnect {{.Integration}} in the
Connect Portal. You will get one more e-mail when it is back online.
{{else}}{{.Integration}} is back online for {{.UserName}} (user id {{.UserID}}).

Back since: {{when .Since}}

Nothing to do: their {{.Integration}} workflows run again.
{{end}}` + footer

const digestText = `Failure summary for the last {{.DigestMinutes}} minutes:
{{range .Items}}
* {{.Workflow}} ({{.Integration}}) for {{.UserName}} (user id {{.UserID}})
{{- if .Resolved}}
  Resolved: succeeded at {{when .ResolvedAt}} after {{plural .Failures "failure" "failures"}}.
{{- else}}
  Still failing: {{plural .NewFailures "new failure" "new failures"}}, {{.Failures}} since {{when .Since}}.
  Last error ({{when .LastFailedAt}}): {{.LastError}}
{{- end}}
{{end}}
What to do: open Roster and look at the run history of these users. If
the errors are about credentials, ask the users to reconnect in the
Connect Portal.
` + footer

func render(name, tmpl string, data any) (string, error) {
	t, err := texttemplate.New(name).Funcs(notifyFuncs).Parse(tmpl)
	if err != nil {
		return "", fmt.Errorf("mail: %s: %w", name, err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("mail: %s: %w", name, err)
	}
	return b.String(), nil
}

// oneLine keeps a subject on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// WorkflowFailed renders the mail sent at a workflow's first failure.
func WorkflowFailed(d WorkflowFailedData) (subject, text string, err error) {
	text, err = render("workflow failed", workflowFailedText, d)
	return oneLine(fmt.Sprintf("Workflow failed: %s for %s (%s)", d.Workflow, d.UserName, d.Integration)), text, err
}

// Connection renders the offline and back-online mails.
func Connection(d ConnectionData) (subject, text string, err error) {
	text, err = render("connection", connectionText, d)
	if d.Offline {
		subject = fmt.Sprintf("%s offline for %s", d.Integration, d.UserName)
	} else {
		subject = fmt.Sprintf("%s back online for %s", d.Integration, d.UserName)
	}
	return oneLine(subject), text, err
}

// Digest renders a failure summary.
func Digest(d DigestData) (subject, text string, err error) {
	failing, resolved, fresh := 0, 0, 0
	for _, it := range d.Items {
		if it.Resolved {
			resolved++
		} else {
			failing++
			fresh += it.NewFailures
		}
	}
	text, err = render("digest", digestText, d)
	var parts []string
	if failing > 0 {
		parts = append(parts, fmt.Sprintf("%d still failing (%d new failures)", failing, fresh))
	}
	if resolved > 0 {
		parts = append(parts, fmt.Sprintf("%d resolved", resolved))
	}
	return "Workflow failures: " + strings.Join(parts, ", "), text, err
}
