package app

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// limiter is a token bucket per client address, for sign-in attempts. The
// per-account lockout stops guessing one password; this stops one address
// from trying many accounts.
type limiter struct {
	burst int
	every time.Duration

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newLimiter(burst int, every time.Duration) *limiter {
	return &limiter{burst: burst, every: every, buckets: map[string]*bucket{}}
}

// allow spends a token of key's bucket, if it has one.
func (l *limiter) allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) > 10000 { // forget idle addresses rather than grow
			for k, v := range l.buckets {
				if now.Sub(v.at) > time.Duration(l.burst)*l.every {
					delete(l.buckets, k)
				}
			}
		}
		b = &bucket{tokens: float64(l.burst), at: now}
		l.buckets[key] = b
	}
	b.tokens = min(float64(l.burst), b.tokens+now.Sub(b.at).Seconds()/l.every.Seconds())
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// clientIP is the connection's address; serve mode is not meant to sit
// behind a proxy, so forwarded headers are not trusted.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
