package app

import (
	"context"
	"encoding/json"
	"sync"
)

// Emitter sends an event to every window.
type Emitter interface {
	Emit(name string, data any)
}

// Hub fans events out to browser windows over server-sent events, and to
// the desktop window through Wails once it has started.
type Hub struct {
	mu      sync.Mutex
	subs    map[chan []byte]struct{}
	desktop func(name string, data any)
}

// NewHub returns an empty hub.
func NewHub() *Hub { return &Hub{subs: map[chan []byte]struct{}{}} }

// Emit implements Emitter.
func (h *Hub) Emit(name string, data any) {
	payload, _ := json.Marshal(data)
	msg := []byte("event: " + name + "\ndata: " + string(payload) + "\n\n")
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.desktop != nil {
		h.desktop(name, data)
	}
	for ch := range h.subs {
		select {
		case ch <- msg:
		default: // a slow window misses an event; it refreshes on the next one
		}
	}
}

// subscribe registers a browser window until ctx ends.
func (h *Hub) subscribe(ctx context.Context) <-chan []byte {
	ch := make(chan []byte, 16)
	h.mu.Lock()
	h.subs[ch] = struct{}{}
	h.mu.Unlock()
	go func() {
		<-ctx.Done()
		h.mu.Lock()
		delete(h.subs, ch)
		h.mu.Unlock()
	}()
	return ch
}

// setDesktop routes events to the Wails window.
func (h *Hub) setDesktop(fn func(name string, data any)) {
	h.mu.Lock()
	h.desktop = fn
	h.mu.Unlock()
}
