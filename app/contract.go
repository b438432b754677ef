package app

import (
	"strings"
	"unicode"

	"roster/backend/backups"
	"roster/backend/domain"
	"roster/backend/exporter"
	"roster/backend/importer"
	"roster/backend/ingest"
	"roster/backend/mail"
	"roster/backend/workspace"
)

// enums lists the string types the frontend gets as TypeScript enums
// (options.App.EnumBind): every value of Go data it types with them comes
// from here, so a value renamed or removed in Go fails its type check.
//
// Wails v2.16.0 writes the enums of a package that has no bound struct in
// map order, so such a package may bind one enum only, or models.ts changes
// at every generation (TestEnumsGenerateInOneOrder holds this).
func enums() []any {
	return []any{
		enum(domain.UserStatuses), enum(domain.ConnectionStatuses), enum(domain.ChangedBys),
		enum(domain.UserSorts), enum(domain.SortOrders),
		enum(domain.Roles), enum(domain.Permissions), enum(domain.MemberStatuses), enum(domain.Deliveries), enum(domain.InviteOutcomes),
		enum(domain.AuditActions), enum(domain.TargetTypes), enum(domain.Codes),
		enum(domain.RunStatuses), enum(domain.CredentialErrors), enum(domain.MailStatuses), enum(domain.MailKinds),
		enum(mail.Securities), enum(workspace.Modes), enum(ingest.Outcomes),
		enum(domain.ImportStates), enum(importer.Formats), enum(importer.Fields), enum(exporter.Whats), enum(MenuCommands),
		enum(backups.Kinds),
	}
}

// enumValue is the shape EnumBind reads: a value and its TypeScript name.
type enumValue[T ~string] struct {
	Value  T
	TSName string
}

func enum[T ~string](values []T) []enumValue[T] {
	out := make([]enumValue[T], len(values))
	for i, v := range values {
		out[i] = enumValue[T]{Value: v, TSName: tsName(string(v))}
	}
	return out
}

// tsName makes an enum member name of a value: "account_errors" is
// AccountErrors, "member.invitation_resend" MemberInvitationResend.
func tsName(value string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(value, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}
