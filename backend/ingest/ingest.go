// Package ingest applies events from the integration platform: the
// catalogue, connected users, connection health, workflow runs and toggles.
// Three doors lead here — `roster ingest`, POST /api/v1/events with an
// ingest key, and the desktop's "Import events…" — and all validate and
// apply the same way: idempotent by event id, each event all or nothing, a
// bad event never blocking the good ones beside it, and the notifications
// an event causes queued in its transaction.
package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"roster/backend/domain"
	"roster/backend/store"
)

// Service applies events to one store.
type Service struct {
	st    *store.Store
	now   func() time.Time
	after func(mailQueued int) // wakes the notifier and the outbox sender
}

// New returns a Service; after runs once a batch commits.
func New(st *store.Store, now func() time.Time, after func(mailQueued int)) *Service {
	return &Service{st: st, now: now, after: after}
}

// Options shape one ingest.
type Options struct {
	// AllLines reports every line; otherwise only the rejected ones (at
	// most MaxReported), as a large file needs.
	AllLines bool
	// Batch is how many events share a transaction (default 1000).
	Batch int
	// Progress, if set, is called after each batch commits.
	Progress func(Report)
}

// Source yields a body's events one at a time: the line (or array
// position) and its bytes, valid until the next call; io.EOF at the end.
type Source interface {
	Next() (line int, raw []byte, err error)
}

// errTooLong marks a line longer than MaxLine; the source skips past it.
var errTooLong = errors.New("line too long")

type lineSource struct {
	r *bufio.Reader
	n int
}

// Lines reads JSON Lines: one event per line; blank lines are skipped.
func Lines(r io.Reader) Source { return &lineSource{r: bufio.NewReaderSize(r, MaxLine+1)} }

func (s *lineSource) Next() (int, []byte, error) {
	for {
		line, err := s.r.ReadSlice('\n')
		if len(line) == 0 && err != nil {
			if errors.Is(err, bufio.ErrBufferFull) {
				continue
			}
			return 0, nil, err
		}
		s.n++
		if errors.Is(err, bufio.ErrBufferFull) {
			for errors.Is(err, bufio.ErrBufferFull) { // skip the rest of the line
				_, err = s.r.ReadSlice('\n')
			}
			if err != nil && !errors.Is(err, io.EOF) {
				return 0, nil, err
			}
			return s.n, nil, errTooLong
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return 0, nil, err
		}
		if line = bytes.TrimSpace(line); len(line) > 0 {
			return s.n, line, nil
		}
		if err != nil {
			return 0, nil, err
		}
	}
}

type arraySource struct {
	items []json.RawMessage
	n     int
}

// JSON reads one event object, or a JSON array of them.
func JSON(data []byte) (Source, error) {
	data = bytes.TrimSpace(data)
	if len(data) > 0 && data[0] == '{' {
		return &arraySource{items: []json.RawMessage{data}}, nil
	}
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		return nil, domain.Invalid("", "Send one event object, a JSON array of events, or JSON Lines (application/x-ndjson).")
	}
	return &arraySource{items: items}, nil
}

func (s *arraySource) Next() (int, []byte, error) {
	if s.n == len(s.items) {
		return 0, nil, io.EOF
	}
	s.n++
	return s.n, s.items[s.n-1], nil
}

// Ingest validates and applies every event of src, a batch of them per
// transaction, and reports what became of each. It fails only on a read or
// database error; what it reported up to then is committed.
func (s *Service) Ingest(ctx context.Context, src Source, opt Options) (Report, error) {
	if opt.Batch <= 0 {
		opt.Batch = 1000
	}
	rep := Report{Lines: []Line{}}
	var pending []*event
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		lines, queued, err := s.apply(ctx, pending)
		if err != nil {
			return err
		}
		for _, l := range lines {
			rep.add(l, opt.AllLines)
		}
		rep.MailQueued += queued
		pending = pending[:0]
		if opt.Progress != nil {
			opt.Progress(rep)
		}
		return nil
	}
	for {
		n, raw, err := src.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.Is(err, errTooLong) {
			rep.add(Line{Line: n, Outcome: Rejected, Reason: fmt.Sprintf("The line is longer than %d KiB, the limit for one event.", MaxLine>>10)}, opt.AllLines)
			continue
		}
		if err != nil {
			return rep, fmt.Errorf("ingest: read: %w", err)
		}
		e, err := parse(n, raw, s.now())
		if err != nil {
			l := Line{Line: n, Outcome: Rejected}
			if e != nil {
				l.ID = e.id
			}
			var de *domain.Error
			if !errors.As(err, &de) {
				return rep, err
			}
			l.Field, l.Reason = de.Field, de.Message
			rep.add(l, opt.AllLines)
			continue
		}
		if pending = append(pending, e); len(pending) >= opt.Batch {
			if err := flush(); err != nil {
				return rep, err
			}
		}
	}
	if err := flush(); err != nil {
		return rep, err
	}
	slices.SortFunc(rep.Lines, func(a, b Line) int { return a.Line - b.Line })
	return rep, nil
}

// apply runs one batch in one transaction.
func (s *Service) apply(ctx context.Context, events []*event) ([]Line, int, error) {
	lines := make([]Line, 0, len(events))
	queued := 0
	err := s.st.Update(ctx, func(tx store.DB) error {
		lines, queued = lines[:0], 0
		policy, err := store.Policy(ctx, tx)
		if err != nil {
			return err
		}
		b, err := newBatch(ctx, tx, s.now(), policy)
		if err != nil {
			return err
		}
		defer b.close()
		for _, e := range events {
			l, err := b.one(e)
			if err != nil {
				return err
			}
			lines = append(lines, l)
		}
		queued = b.notify.Queued()
		return b.finish()
	})
	if err != nil {
		return nil, 0, err
	}
	s.after(queued)
	return lines, queued, nil
}
