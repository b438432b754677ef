package app

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"

	"roster/backend/domain"
)

// maxBody bounds one RPC request body.
const maxBody = 1 << 20

var errorType = reflect.TypeFor[error]()

// callRPC serves POST /rpc/<Struct>/<Method>: it decodes the JSON array of
// arguments into the method's parameter types and calls the same bound
// method the desktop window calls, found by reflection. No route is written
// per method.
// after runs once the method returned, before the answer is written.
func callRPC(w http.ResponseWriter, r *http.Request, b *Backend, sess *Session, after func()) {
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/rpc/"), "/")
	if len(parts) != 2 {
		writeError(w, b, http.StatusNotFound, ErrorBody{Code: domain.CodeNotFound, Message: "Use POST /rpc/<Struct>/<Method>."})
		return
	}
	method, ok := lookup(NewServices(b, sess), parts[0], parts[1])
	if !ok {
		writeError(w, b, http.StatusNotFound, ErrorBody{Code: domain.CodeNotFound, Message: fmt.Sprintf("There is no method %s.%s.", parts[0], parts[1])})
		return
	}
	limit := int64(maxBody)
	if parts[0] == "Events" {
		limit = maxEventsBody // a file of events, imported from the browser
	}
	args, err := decodeArgs(http.MaxBytesReader(w, r.Body, limit), method.Type())
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		msg := fmt.Sprintf("The request is over %d MiB.", limit>>20)
		if parts[0] == "Events" {
			msg = fmt.Sprintf("The file is over %d MiB: import it with `roster ingest --db <file> <events.jsonl>` instead.", limit>>20)
		}
		writeError(w, b, http.StatusRequestEntityTooLarge, ErrorBody{Code: domain.CodeInvalid, Message: msg})
		return
	}
	if err != nil {
		writeError(w, b, http.StatusBadRequest, ErrorBody{Code: domain.CodeInvalid, Message: fmt.Sprintf("Bad arguments for %s.%s: %v", parts[0], parts[1], err)})
		return
	}
	result, err := splitResults(method.Call(args))
	after()
	if err != nil {
		body := errorBody(b.Log, err)
		writeError(w, b, httpStatus(body.Code), body)
		return
	}
	writeJSON(w, b, http.StatusOK, result)
}

// lookup finds an exported method of an exported field of the set.
func lookup(set *Services, structName, methodName string) (reflect.Value, bool) {
	sf, ok := reflect.TypeFor[Services]().FieldByName(structName)
	if !ok || !sf.IsExported() {
		return reflect.Value{}, false
	}
	recv := reflect.ValueOf(set).Elem().FieldByIndex(sf.Index)
	m := recv.MethodByName(methodName)
	if !m.IsValid() {
		return reflect.Value{}, false
	}
	return m, true
}

// decodeArgs reads a JSON array with exactly one element per parameter,
// refusing unknown fields so a typo is an error, not a silent default.
func decodeArgs(body io.Reader, fn reflect.Type) ([]reflect.Value, error) {
	var raw []json.RawMessage
	data, err := io.ReadAll(body)
	if err != nil {
		return nil, fmt.Errorf("reading the request: %w", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		data = []byte("[]")
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, errors.New("the body must be a JSON array of arguments")
	}
	if len(raw) != fn.NumIn() {
		return nil, fmt.Errorf("got %d arguments, want %d", len(raw), fn.NumIn())
	}
	args := make([]reflect.Value, len(raw))
	for i, r := range raw {
		v := reflect.New(fn.In(i))
		dec := json.NewDecoder(bytes.NewReader(r))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v.Interface()); err != nil {
			return nil, fmt.Errorf("argument %d: %w", i+1, err)
		}
		args[i] = v.Elem()
	}
	return args, nil
}

// splitResults accepts the shapes Wails binds: (), (T), (error), (T, error).
func splitResults(out []reflect.Value) (any, error) {
	var result any
	for _, v := range out {
		if v.Type() == errorType {
			if !v.IsNil() {
				return nil, v.Interface().(error)
			}
			continue
		}
		result = v.Interface()
	}
	return result, nil
}

func writeJSON(w http.ResponseWriter, b *Backend, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		b.Log.Error("encode response", "err", err)
		status, data = http.StatusInternalServerError, []byte(`{"code":"internal","message":"Roster could not encode its answer."}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(data)
}

func writeError(w http.ResponseWriter, b *Backend, status int, body ErrorBody) {
	writeJSON(w, b, status, body)
}
