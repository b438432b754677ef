package domain

import (
	"errors"
	"fmt"
)

// Code classifies an error for callers: the UI, the HTTP bridge and the CLI.
type Code string

const (
	CodeInvalid         Code = "invalid"
	CodeNotFound        Code = "not_found"
	CodeForbidden       Code = "forbidden"
	CodeConflict        Code = "conflict"
	CodeUnauthenticated Code = "unauthenticated"
	CodeRateLimited     Code = "rate_limited"
	CodeInternal        Code = "internal"
)

// Codes lists every error code; the frontend gets them as a bound enum.
var Codes = []Code{CodeInvalid, CodeNotFound, CodeForbidden, CodeConflict, CodeUnauthenticated, CodeRateLimited, CodeInternal}

// Sentinel errors; match them with errors.Is.
var (
	ErrInvalid   = errors.New("invalid input")
	ErrNotFound  = errors.New("not found")
	ErrForbidden = errors.New("forbidden")
	ErrConflict  = errors.New("conflict")
)

// Error is an error a person can act on: a code, a message written for people,
// and optionally the input field it concerns.
type Error struct {
	Code    Code
	Message string
	Field   string
}

func (e *Error) Error() string { return e.Message }

// Is lets errors.Is(err, ErrNotFound) and friends match an *Error by code.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrInvalid:
		return e.Code == CodeInvalid
	case ErrNotFound:
		return e.Code == CodeNotFound
	case ErrForbidden:
		return e.Code == CodeForbidden
	case ErrConflict:
		return e.Code == CodeConflict
	}
	return false
}

// Invalid reports bad input in field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: CodeInvalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// NotFound reports a missing record.
func NotFound(format string, args ...any) *Error {
	return &Error{Code: CodeNotFound, Message: fmt.Sprintf(format, args...)}
}

// Conflict reports an action that the current state does not allow.
func Conflict(format string, args ...any) *Error {
	return &Error{Code: CodeConflict, Message: fmt.Sprintf(format, args...)}
}

// Forbidden reports an action the actor may not take.
func Forbidden(format string, args ...any) *Error {
	return &Error{Code: CodeForbidden, Message: fmt.Sprintf(format, args...)}
}

// Unauthenticated reports a call that needs a signed-in member.
func Unauthenticated(format string, args ...any) *Error {
	return &Error{Code: CodeUnauthenticated, Message: fmt.Sprintf(format, args...)}
}

// RateLimited reports too many attempts; the message says until when.
func RateLimited(format string, args ...any) *Error {
	return &Error{Code: CodeRateLimited, Message: fmt.Sprintf(format, args...)}
}

// AsError returns the *Error in err's chain, or an internal error whose
// message hides the details (they belong in the log, not in the UI).
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Code: CodeInternal, Message: "Something went wrong inside Roster; the details are in its log."}
}
