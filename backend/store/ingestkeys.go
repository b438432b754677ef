package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"roster/backend/domain"
)

const ingestKeyCols = `id, name, prefix, created_at, created_by, last_used_at, revoked_at`

func scanIngestKey(sc interface{ Scan(...any) error }, extra ...any) (domain.IngestKey, error) {
	var k domain.IngestKey
	var created, used, revoked int64
	err := sc.Scan(append([]any{&k.ID, &k.Name, &k.Prefix, &created, &k.CreatedBy, &used, &revoked}, extra...)...)
	k.CreatedAt, k.LastUsedAt, k.RevokedAt = fromMillis(created), optMillis(used), optMillis(revoked)
	return k, err
}

// InsertIngestKey stores a new key (its secret only as a hash) and returns it.
func InsertIngestKey(ctx context.Context, tx DB, name, prefix string, secretHash []byte, by string, at time.Time) (domain.IngestKey, error) {
	k, err := scanIngestKey(tx.QueryRowContext(ctx, `INSERT INTO ingest_keys (name, prefix, secret_hash, created_at, created_by)
		VALUES (?, ?, ?, ?, ?) RETURNING `+ingestKeyCols, name, prefix, secretHash, at.UnixMilli(), by))
	if err != nil {
		return k, fmt.Errorf("store: insert ingest key: %w", err)
	}
	return k, nil
}

// ListIngestKeys returns every key, newest first, revoked ones included.
func ListIngestKeys(ctx context.Context, db DB) ([]domain.IngestKey, error) {
	rows, err := db.QueryContext(ctx, `SELECT `+ingestKeyCols+` FROM ingest_keys ORDER BY id DESC`)
	return collect(rows, err, "list ingest keys", func(rows *sql.Rows) (domain.IngestKey, error) { return scanIngestKey(rows) })
}

// GetIngestKey returns one key, or a not-found error.
func GetIngestKey(ctx context.Context, db DB, id int64) (domain.IngestKey, error) {
	k, err := scanIngestKey(db.QueryRowContext(ctx, `SELECT `+ingestKeyCols+` FROM ingest_keys WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return k, domain.NotFound("There is no ingest key with id %d.", id)
	}
	if err != nil {
		return k, fmt.Errorf("store: ingest key %d: %w", id, err)
	}
	return k, nil
}

// IngestKeyByPrefix returns a key and its secret's hash, or a not-found error.
func IngestKeyByPrefix(ctx context.Context, db DB, prefix string) (domain.IngestKey, []byte, error) {
	var hash []byte
	k, err := scanIngestKey(db.QueryRowContext(ctx, `SELECT `+ingestKeyCols+`, secret_hash FROM ingest_keys WHERE prefix = ?`, prefix), &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return k, nil, domain.NotFound("There is no such ingest key.")
	}
	if err != nil {
		return k, nil, fmt.Errorf("store: ingest key %s: %w", prefix, err)
	}
	return k, hash, nil
}

// RevokeIngestKey stops a key at once.
func RevokeIngestKey(ctx context.Context, tx DB, id int64, at time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE ingest_keys SET revoked_at = ? WHERE id = ? AND revoked_at = 0`, at.UnixMilli(), id); err != nil {
		return fmt.Errorf("store: revoke ingest key %d: %w", id, err)
	}
	return nil
}

// TouchIngestKey records a key's use.
func TouchIngestKey(ctx context.Context, tx DB, id int64, at time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE ingest_keys SET last_used_at = ? WHERE id = ?`, at.UnixMilli(), id); err != nil {
		return fmt.Errorf("store: touch ingest key %d: %w", id, err)
	}
	return nil
}
