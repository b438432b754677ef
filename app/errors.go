package app

import (
	"encoding/json"
	"log/slog"
	"net/http"

	"roster/backend/domain"
	"roster/backend/store"
)

// ErrorBody is an error as the frontend receives it.
type ErrorBody struct {
	Code    domain.Code `json:"code"`
	Message string      `json:"message"`
	Field   string      `json:"field,omitempty"`
}

// errorBody turns a backend error into what a person can act on; internal
// details go to the log, not to the screen.
func errorBody(log *slog.Logger, err error) ErrorBody {
	if store.IsBusy(err) {
		err = store.Busy()
	}
	e := domain.AsError(err)
	if e.Code == domain.CodeInternal {
		log.Error("call failed", "err", err)
	}
	return ErrorBody{Code: e.Code, Message: e.Message, Field: e.Field}
}

// ErrorFormatter is the desktop's options.App.ErrorFormatter. Wails rejects
// the JS promise with new Error(value), so the body travels as a JSON string
// in Error.message; the browser bridge rejects the same way.
func ErrorFormatter(log *slog.Logger) func(error) any {
	return func(err error) any {
		b, _ := json.Marshal(errorBody(log, err))
		return string(b)
	}
}

// httpStatus maps an error code to the bridge's HTTP status.
func httpStatus(c domain.Code) int {
	switch c {
	case domain.CodeInvalid:
		return http.StatusBadRequest
	case domain.CodeNotFound:
		return http.StatusNotFound
	case domain.CodeForbidden:
		return http.StatusForbidden
	case domain.CodeConflict:
		return http.StatusConflict
	case domain.CodeUnauthenticated:
		return http.StatusUnauthorized
	case domain.CodeRateLimited:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}
