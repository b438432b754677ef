package mail

import "time"

// EmailChangeData fills the mail that confirms a member's new address.
type EmailChangeData struct {
	Name      string
	OldEmail  string
	NewEmail  string
	Code      string
	ExpiresAt time.Time
}

const emailChangeText = `Hello {{.Name}},

You asked to change the e-mail address of your Roster account from {{.OldEmail}} to {{.NewEmail}}.

Your confirmation code:

    {{.Code}}

Enter it in Roster (account menu → Profile) before {{.Expires}}. The change applies only once the code is entered.

If you did not ask for this, ignore this e-mail: nothing changes.
`

// EmailChange renders the mail that carries the code confirming a new
// address; it is sent to the new address.
func EmailChange(d EmailChangeData) (subject, text string, err error) {
	data := struct {
		EmailChangeData
		Expires string
	}{d, d.ExpiresAt.UTC().Format("Mon, 2 Jan 2006 15:04 MST")}
	text, err = render("email change", emailChangeText, data)
	return "Your Roster e-mail confirmation code", text, err
}
