package app

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/mattn/go-sqlite3"

	"roster/backend/domain"
)

// ErrorFormatter is the desktop's error path: what it returns becomes the
// message of the Error the frontend's promise rejects with.
func TestErrorFormatter(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		err    error
		want   string // the exact JSON; "" for an internal error, checked apart
		detail string // what must reach the log, and never the window
	}{
		{"invalid, with its field", domain.Invalid("limit", "Page size must be between 1 and 500; got 501."),
			`{"code":"invalid","message":"Page size must be between 1 and 500; got 501.","field":"limit"}`, ""},
		{"not found, without a field", domain.NotFound("There is no user with id 7."),
			`{"code":"not_found","message":"There is no user with id 7."}`, ""},
		{"forbidden", domain.Forbidden("Your role (Monitor all integrations) does not allow this."),
			`{"code":"forbidden","message":"Your role (Monitor all integrations) does not allow this."}`, ""},
		{"unauthenticated", domain.Unauthenticated("Sign in again."), `{"code":"unauthenticated","message":"Sign in again."}`, ""},
		{"rate limited", domain.RateLimited("Locked until 10:07."), `{"code":"rate_limited","message":"Locked until 10:07."}`, ""},
		{"characters JSON escapes", domain.Conflict(`Bob "the builder" <bob@example.com> changed it.`),
			`{"code":"conflict","message":"Bob \"the builder\" \u003cbob@example.com\u003e changed it."}`, ""},
		{"wrapped, keeps its code", fmt.Errorf("team: remove 7: %w", domain.Conflict("Olivia is the owner.")),
			`{"code":"conflict","message":"Olivia is the owner."}`, ""},
		{"wrapped twice, keeps its field", fmt.Errorf("a: %w", fmt.Errorf("b: %w", domain.Invalid("smtp.port", "The port is a number."))),
			`{"code":"invalid","message":"The port is a number.","field":"smtp.port"}`, ""},
		{"database is locked: a conflict to retry", fmt.Errorf("store: list users: %w", sqlite3.Error{Code: sqlite3.ErrBusy}),
			`{"code":"conflict","message":"Another Roster or roster command is writing to this file; try again in a moment."}`, ""},
		{"internal", errors.New("disk I/O error at /secret"), "", "disk I/O error at /secret"},
		{"wrapped internal", fmt.Errorf("store: list users in /secret/roster.db: %w", sql.ErrConnDone), "", "/secret/roster.db: " + sql.ErrConnDone.Error()},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var log bytes.Buffer
			out := ErrorFormatter(slog.New(slog.NewTextHandler(&log, nil)))(c.err)
			s, ok := out.(string)
			if !ok {
				t.Fatalf("ErrorFormatter returned %T; want a string (Wails passes it to new Error)", out)
			}
			var body ErrorBody
			if err := json.Unmarshal([]byte(s), &body); err != nil {
				t.Fatalf("%s is not JSON: %v", s, err)
			}
			if c.detail == "" {
				if s != c.want {
					t.Fatalf("got  %s\nwant %s", s, c.want)
				}
				if log.Len() != 0 {
					t.Fatalf("an error meant for people was logged as a failure: %s", log.String())
				}
				return
			}
			if body.Code != domain.CodeInternal || body.Field != "" || body.Message == "" || strings.Contains(s, "secret") || strings.Contains(s, "disk") {
				t.Fatalf("internal error shown as %s; want code internal and no detail", s)
			}
			if !strings.Contains(log.String(), "level=ERROR") || !strings.Contains(log.String(), c.detail) {
				t.Fatalf("log %q; want an error entry with %q", log.String(), c.detail)
			}
		})
	}
}

func TestHTTPStatus(t *testing.T) {
	t.Parallel()
	for code, want := range map[domain.Code]int{
		domain.CodeInvalid:         http.StatusBadRequest,
		domain.CodeNotFound:        http.StatusNotFound,
		domain.CodeForbidden:       http.StatusForbidden,
		domain.CodeConflict:        http.StatusConflict,
		domain.CodeUnauthenticated: http.StatusUnauthorized,
		domain.CodeRateLimited:     http.StatusTooManyRequests,
		domain.CodeInternal:        http.StatusInternalServerError,
		"some_future_code":         http.StatusInternalServerError,
	} {
		if got := httpStatus(code); got != want {
			t.Errorf("httpStatus(%s) = %d; want %d", code, got, want)
		}
	}
}
