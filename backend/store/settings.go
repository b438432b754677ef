package store

import (
	"context"
	"fmt"
	"strconv"

	"roster/backend/domain"
)

// Settings returns every stored setting.
func Settings(ctx context.Context, db DB) (map[string]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return nil, fmt.Errorf("store: settings: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("store: settings: %w", err)
		}
		out[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: settings: %w", err)
	}
	return out, nil
}

// PutSettings writes settings.
func PutSettings(ctx context.Context, tx DB, kv map[string]string) error {
	for k, v := range kv {
		if _, err := tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", k, v); err != nil {
			return fmt.Errorf("store: put setting %s: %w", k, err)
		}
	}
	return nil
}

// Policy setting keys.
const (
	keyDigestMinutes   = "policy.digest_minutes"
	keyCooldownMinutes = "policy.cooldown_minutes"
	keyRetentionDays   = "policy.retention_days"
	keyGiveUpDays      = "policy.give_up_days"
)

// Policy returns the notification and retention policy, defaults filled in.
func Policy(ctx context.Context, db DB) (domain.Policy, error) {
	kv, err := Settings(ctx, db)
	if err != nil {
		return domain.Policy{}, err
	}
	p := domain.DefaultPolicy
	for key, field := range map[string]*int{keyDigestMinutes: &p.DigestMinutes, keyCooldownMinutes: &p.CooldownMinutes,
		keyRetentionDays: &p.RetentionDays, keyGiveUpDays: &p.GiveUpDays} {
		if v, ok := kv[key]; ok {
			if n, err := strconv.Atoi(v); err == nil {
				*field = n
			}
		}
	}
	return p, nil
}

// PutPolicy writes the policy.
func PutPolicy(ctx context.Context, tx DB, p domain.Policy) error {
	return PutSettings(ctx, tx, map[string]string{keyDigestMinutes: strconv.Itoa(p.DigestMinutes),
		keyCooldownMinutes: strconv.Itoa(p.CooldownMinutes), keyRetentionDays: strconv.Itoa(p.RetentionDays),
		keyGiveUpDays: strconv.Itoa(p.GiveUpDays)})
}
