package ingest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"roster/backend/domain"
	"roster/backend/store"
)

// An ingest key reads rk_<prefix>_<secret>: the prefix finds the row, the
// secret is compared (as SHA-256) in constant time.
const (
	keyScheme   = "rk_"
	prefixBytes = 6
	secretBytes = 32
	// touchEvery bounds the writes that record a key's last use.
	touchEvery = time.Minute
)

// CreateKey makes a key for POST /api/v1/events; its secret is returned
// this once and stored only as a hash.
func (s *Service) CreateKey(ctx context.Context, actor domain.Actor, name string) (domain.NewIngestKey, error) {
	if err := domain.Require(actor, domain.PermManageSettings, domain.Target{}); err != nil {
		return domain.NewIngestKey{}, err
	}
	name, err := domain.OneLine("name", name, 100, false)
	if err != nil {
		return domain.NewIngestKey{}, err
	}
	if name == "" {
		return domain.NewIngestKey{}, domain.Invalid("name", "Name the key after what will use it, e.g. \"Production platform\".")
	}
	p, sec := make([]byte, prefixBytes), make([]byte, secretBytes)
	rand.Read(p) // never fails (crypto/rand documents it)
	rand.Read(sec)
	prefix, secret := hex.EncodeToString(p), hex.EncodeToString(sec)
	hash := sha256.Sum256([]byte(secret))
	var out domain.NewIngestKey
	now := s.now()
	err = s.st.Update(ctx, func(tx store.DB) error {
		k, err := store.InsertIngestKey(ctx, tx, name, keyScheme+prefix, hash[:], actor.Name, now)
		if err != nil {
			return err
		}
		out = domain.NewIngestKey{Key: k, Secret: keyScheme + prefix + "_" + secret}
		return store.AppendAudit(ctx, tx, store.AuditRecord{At: now, Actor: actor, Action: domain.ActionIngestKeyCreate,
			TargetType: domain.TargetIngestKey, TargetID: strconv.FormatInt(k.ID, 10), TargetLabel: name,
			After: map[string]any{"name": name, "prefix": k.Prefix}})
	})
	return out, err
}

// ListKeys lists every key, revoked ones included, newest first.
func (s *Service) ListKeys(ctx context.Context, actor domain.Actor) ([]domain.IngestKey, error) {
	if err := domain.Require(actor, domain.PermManageSettings, domain.Target{}); err != nil {
		return nil, err
	}
	return store.ListIngestKeys(ctx, s.st.Reader())
}

// RevokeKey stops a key at once: the next request with it is refused.
func (s *Service) RevokeKey(ctx context.Context, actor domain.Actor, id int64) (domain.IngestKey, error) {
	if err := domain.Require(actor, domain.PermManageSettings, domain.Target{}); err != nil {
		return domain.IngestKey{}, err
	}
	if err := domain.ID("id", id); err != nil {
		return domain.IngestKey{}, err
	}
	now := s.now()
	var out domain.IngestKey
	err := s.st.Update(ctx, func(tx store.DB) error {
		k, err := store.GetIngestKey(ctx, tx, id)
		if err != nil {
			return err
		}
		if k.RevokedAt != nil {
			return domain.Conflict("The key %q is already revoked.", k.Name)
		}
		if err := store.RevokeIngestKey(ctx, tx, id, now); err != nil {
			return err
		}
		out = k
		out.RevokedAt = &now
		return store.AppendAudit(ctx, tx, store.AuditRecord{At: now, Actor: actor, Action: domain.ActionIngestKeyRevoke,
			TargetType: domain.TargetIngestKey, TargetID: strconv.FormatInt(id, 10), TargetLabel: k.Name,
			Before: map[string]any{"revoked": false}, After: map[string]any{"revoked": true}})
	})
	return out, err
}

// Authenticate checks a key sent with a request and returns it. Every
// failure reads the same, so a caller learns nothing about which keys exist.
func (s *Service) Authenticate(ctx context.Context, key string) (domain.IngestKey, error) {
	refused := domain.Unauthenticated("This ingest key is not valid or was revoked. Create one under Settings → Ingest keys.")
	rest, ok := strings.CutPrefix(key, keyScheme)
	prefix, secret, ok2 := strings.Cut(rest, "_")
	if !ok || !ok2 || len(prefix) != 2*prefixBytes {
		return domain.IngestKey{}, refused
	}
	k, hash, err := store.IngestKeyByPrefix(ctx, s.st.Reader(), keyScheme+prefix)
	if err != nil {
		if domain.AsError(err).Code == domain.CodeNotFound {
			return domain.IngestKey{}, refused
		}
		return domain.IngestKey{}, err
	}
	sum := sha256.Sum256([]byte(secret))
	if subtle.ConstantTimeCompare(sum[:], hash) != 1 || k.RevokedAt != nil {
		return domain.IngestKey{}, refused
	}
	if now := s.now(); k.LastUsedAt == nil || now.Sub(*k.LastUsedAt) >= touchEvery {
		if err := s.st.Update(ctx, func(tx store.DB) error { return store.TouchIngestKey(ctx, tx, k.ID, now) }); err != nil {
			return domain.IngestKey{}, err
		}
		k.LastUsedAt = &now
	}
	return k, nil
}

// Import applies a file of events (JSON Lines) for a member, as the
// desktop's "Import events…" does, and records the import in the audit log.
func (s *Service) Import(ctx context.Context, actor domain.Actor, name, content string) (Report, error) {
	if err := domain.Require(actor, domain.PermManageWorkspace, domain.Target{}); err != nil {
		return Report{}, err
	}
	name, err := domain.OneLine("name", name, 255, false)
	if err != nil {
		return Report{}, err
	}
	if strings.TrimSpace(content) == "" {
		return Report{}, domain.Invalid("content", "The file is empty: it should hold one JSON event per line.")
	}
	rep, err := s.Ingest(ctx, Lines(strings.NewReader(content)), Options{})
	if err != nil {
		return rep, err
	}
	return rep, s.Audit(ctx, actor, name, rep)
}

// Audit records a file import in the audit log: one entry with the counts.
func (s *Service) Audit(ctx context.Context, actor domain.Actor, file string, rep Report) error {
	now := s.now()
	return s.st.Update(ctx, func(tx store.DB) error {
		return store.AppendAudit(ctx, tx, store.AuditRecord{At: now, Actor: actor, Action: domain.ActionEventsImport,
			TargetType: domain.TargetWorkspace, TargetID: "events", TargetLabel: file,
			After: map[string]any{"file": file, "accepted": rep.Accepted, "duplicates": rep.Duplicates, "rejected": rep.Rejected}})
	})
}
