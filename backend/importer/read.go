// Package importer loads connected users, their connections and workflow
// states from files (CSV, JSON Lines, a JSON array; Roster's record or an
// integration platform's users API shape), as docs/import.md describes. It
// streams: memory stays bounded whatever the file's size.
package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"roster/backend/domain"
)

// Format is a file format.
type Format string

// File formats.
const (
	FormatCSV   Format = "csv"
	FormatJSONL Format = "jsonl"
	FormatJSON  Format = "json"
)

// Formats lists every format.
var Formats = []Format{FormatCSV, FormatJSONL, FormatJSON}

// Label is the format as people read it.
func (f Format) Label() string {
	switch f {
	case FormatCSV:
		return "CSV"
	case FormatJSONL:
		return "JSON Lines"
	case FormatJSON:
		return "JSON array"
	}
	return string(f)
}

// Valid reports whether f is a known format.
func (f Format) Valid() bool {
	return f == FormatCSV || f == FormatJSONL || f == FormatJSON
}

// MaxRecordBytes bounds one row (or JSON record): past it the file is
// refused (an unclosed quote would otherwise swallow the rest of it).
const MaxRecordBytes = 1 << 20

var utf8BOM = []byte("\xef\xbb\xbf")

// detect names the format of a file from its first bytes (after a BOM), its
// name breaking a tie: '[' is a JSON array, '{' JSON Lines, anything else CSV.
func detect(name string, head []byte) (Format, error) {
	if bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff")) {
		return "", domain.Invalid("file", "The file is UTF-16 text; save it as UTF-8 (with or without a BOM) and import it again.")
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	if len(trimmed) == 0 {
		return "", domain.Invalid("file", "The file is empty.")
	}
	switch trimmed[0] {
	case '[':
		return FormatJSON, nil
	case '{':
		return FormatJSONL, nil
	}
	if ext := strings.ToLower(filepath.Ext(name)); ext == ".json" || ext == ".jsonl" || ext == ".ndjson" {
		return "", domain.Invalid("file", "%s does not start with '[' or '{': it is not JSON.", filepath.Base(name))
	}
	return FormatCSV, nil
}

// counter counts the bytes read through it and refuses a record longer
// than MaxRecordBytes (reset marks where a record starts).
type counter struct {
	r     io.Reader
	n     int64 // bytes read
	mark  int64 // where the current record started
	lines []int64
	base  int // newlines before the first entry of lines
	track bool
}

func (c *counter) Read(p []byte) (int, error) {
	if c.n-c.mark > MaxRecordBytes+64<<10 {
		return 0, errTooLong
	}
	n, err := c.r.Read(p)
	if c.track {
		for i, b := range p[:n] {
			if b == '\n' {
				c.lines = append(c.lines, c.n+int64(i))
			}
		}
	}
	c.n += int64(n)
	return n, err
}

// lineAt returns the 1-based line of byte offset off; offsets must not go
// backwards between calls.
func (c *counter) lineAt(off int64) int {
	i := 0
	for i < len(c.lines) && c.lines[i] < off {
		i++
	}
	c.base += i
	c.lines = c.lines[i:]
	return c.base + 1
}

var errTooLong = errors.New("record too long")

// row is one record of a file before it is understood: CSV cells, or a
// JSON object.
type row struct {
	line  int
	cells []string
	obj   []byte
	err   error // the row cannot be read (a CSV quote error, a line that is not JSON)
}

// rows reads a file's records one at a time.
type rows interface {
	// next returns the next row, or io.EOF. An error that is not io.EOF
	// nor in row.err ends the file.
	next() (row, error)
	// header is the CSV header (nil for JSON).
	header() []string
	// offset is how many bytes of the file have been read.
	offset() int64
}

func openRows(f Format, c *counter) (rows, error) {
	br := bufio.NewReaderSize(c, 64<<10)
	if head, _ := br.Peek(3); bytes.Equal(head, utf8BOM) {
		_, _ = br.Discard(3)
	}
	switch f {
	case FormatCSV:
		return newCSVRows(br, c)
	case FormatJSONL:
		return &jsonlRows{r: br, c: c}, nil
	case FormatJSON:
		c.track = true
		return newJSONRows(br, c)
	}
	return nil, domain.Invalid("format", "The format is %s, not %q.", domain.Choices(Formats), f)
}

type csvRows struct {
	r    *csv.Reader
	c    *counter
	head []string
	line int // where the last row started
}

func newCSVRows(r io.Reader, c *counter) (*csvRows, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, domain.Invalid("file", "The file is empty.")
	}
	if err != nil {
		return nil, domain.Invalid("file", "The header row cannot be read: %v.", readErr(err))
	}
	out := &csvRows{r: cr, c: c, head: make([]string, len(head))}
	for i, h := range head {
		out.head[i] = strings.TrimSpace(h)
	}
	return out, nil
}

func (r *csvRows) header() []string { return r.head }
func (r *csvRows) offset() int64    { return r.c.n }

func (r *csvRows) next() (row, error) {
	r.c.mark = r.c.n
	cells, err := r.r.Read()
	if errors.Is(err, errTooLong) {
		return row{}, domain.Invalid("file", "The row after line %d is longer than %d bytes; is a quote left open?", r.line, MaxRecordBytes)
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			r.line = pe.StartLine
			return row{line: pe.StartLine, err: domain.Invalid("", "%v", readErr(err))}, nil
		}
		return row{}, err
	}
	r.line, _ = r.r.FieldPos(0)
	return row{line: r.line, cells: cells}, nil
}

// readErr words a CSV error for a person.
func readErr(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(pe.Err, csv.ErrQuote):
			return fmt.Sprintf("a quote in column %d is not closed or not doubled", pe.Column)
		case errors.Is(pe.Err, csv.ErrBareQuote):
			return fmt.Sprintf("a quote inside an unquoted field in column %d (write it as \"\")", pe.Column)
		}
		return pe.Err.Error()
	}
	return err.Error()
}

type jsonlRows struct {
	r    *bufio.Reader
	c    *counter
	line int
}

func (r *jsonlRows) header() []string { return nil }
func (r *jsonlRows) offset() int64    { return r.c.n }

func (r *jsonlRows) next() (row, error) {
	for {
		r.c.mark = r.c.n
		b, err := r.r.ReadSlice('\n')
		r.line++
		if errors.Is(err, bufio.ErrBufferFull) || errors.Is(err, errTooLong) {
			// A line longer than the buffer: read it whole, up to the limit.
			long := append([]byte(nil), b...)
			for errors.Is(err, bufio.ErrBufferFull) && len(long) <= MaxRecordBytes {
				b, err = r.r.ReadSlice('\n')
				long = append(long, b...)
			}
			if len(long) > MaxRecordBytes || errors.Is(err, errTooLong) {
				return row{}, domain.Invalid("file", "Line %d is longer than %d bytes.", r.line, MaxRecordBytes)
			}
			b = long
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return row{}, err
		}
		if t := bytes.TrimSpace(b); len(t) > 0 {
			return row{line: r.line, obj: append([]byte(nil), t...)}, nil
		}
		if err != nil {
			return row{}, io.EOF
		}
	}
}

type jsonRows struct {
	dec *json.Decoder
	c   *counter
}

func newJSONRows(r io.Reader, c *counter) (*jsonRows, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	tok, err := dec.Token()
	if errors.Is(err, io.EOF) {
		return nil, domain.Invalid("file", "The file is empty.")
	}
	if err != nil || tok != json.Delim('[') {
		return nil, domain.Invalid("file", "A JSON file must be an array of user records: [{…}, {…}].")
	}
	return &jsonRows{dec: dec, c: c}, nil
}

func (r *jsonRows) header() []string { return nil }
func (r *jsonRows) offset() int64    { return r.c.n }

func (r *jsonRows) next() (row, error) {
	if !r.dec.More() {
		if tok, err := r.dec.Token(); err != nil || tok != json.Delim(']') {
			return row{}, domain.Invalid("file", "The JSON array is not closed (line %d).", r.c.lineAt(r.dec.InputOffset()))
		}
		return row{}, io.EOF
	}
	r.c.mark = r.c.n
	var raw json.RawMessage
	if err := r.dec.Decode(&raw); err != nil {
		line := r.c.lineAt(r.dec.InputOffset())
		if errors.Is(err, errTooLong) {
			return row{}, domain.Invalid("file", "The record at line %d is longer than %d bytes.", line, MaxRecordBytes)
		}
		return row{}, domain.Invalid("file", "Line %d is not valid JSON: %v; the file cannot be read past it.", line, err)
	}
	return row{line: r.c.lineAt(r.dec.InputOffset() - int64(len(raw))), obj: raw}, nil
}
