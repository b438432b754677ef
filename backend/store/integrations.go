package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"roster/backend/domain"
)

// ListIntegrations returns the integration catalogue by name.
func ListIntegrations(ctx context.Context, db DB) ([]domain.Integration, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, key, name, category, user_count FROM integrations ORDER BY name, id")
	if err != nil {
		return nil, fmt.Errorf("store: list integrations: %w", err)
	}
	defer rows.Close()
	out := []domain.Integration{}
	for rows.Next() {
		var i domain.Integration
		if err := rows.Scan(&i.ID, &i.Key, &i.Name, &i.Category, &i.Users); err != nil {
			return nil, fmt.Errorf("store: list integrations: %w", err)
		}
		out = append(out, i)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list integrations: %w", err)
	}
	codes, err := ShortCodes(ctx, db)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Short = codes[out[i].ID]
	}
	return out, nil
}

// ShortCodes reads the catalogue's badge codes (domain.ShortCodes): a
// catalogue is tens of rows, cheaper to read than to keep codes in step.
func ShortCodes(ctx context.Context, db DB) (map[int64]string, error) {
	cat, err := badges(ctx, db)
	if err != nil {
		return nil, err
	}
	codes := make(map[int64]string, len(cat))
	for id, b := range cat {
		codes[id] = b.Short
	}
	return codes, nil
}

// badges reads the catalogue as a list row shows an integration: id, key,
// name and badge code (the status is the connection's).
func badges(ctx context.Context, db DB) (map[int64]domain.UserIntegration, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, key, name FROM integrations ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("store: integration codes: %w", err)
	}
	defer rows.Close()
	var ids []int64
	names := map[int64]string{}
	out := map[int64]domain.UserIntegration{}
	for rows.Next() {
		var b domain.UserIntegration
		if err := rows.Scan(&b.ID, &b.Key, &b.Name); err != nil {
			return nil, fmt.Errorf("store: integration codes: %w", err)
		}
		ids, names[b.ID], out[b.ID] = append(ids, b.ID), b.Name, b
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: integration codes: %w", err)
	}
	for id, code := range domain.ShortCodes(ids, names) {
		b := out[id]
		b.Short = code
		out[id] = b
	}
	return out, nil
}

// IntegrationExists reports whether an integration id is known.
func IntegrationExists(ctx context.Context, db DB, id int64) (bool, error) {
	var one int
	err := db.QueryRowContext(ctx, "SELECT 1 FROM integrations WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: find integration %d: %w", id, err)
	}
	return true, nil
}

// InsertIntegration adds an integration to the catalogue.
func InsertIntegration(ctx context.Context, tx DB, id int64, key, name, category string) error {
	if _, err := tx.ExecContext(ctx, "INSERT INTO integrations (id, key, name, category) VALUES (?, ?, ?, ?)",
		id, key, name, category); err != nil {
		return fmt.Errorf("store: insert integration %s: %w", key, err)
	}
	return nil
}

// InsertWorkflow adds a workflow to an integration and returns its id.
func InsertWorkflow(ctx context.Context, tx DB, integrationID int64, key, name, description string) (int64, error) {
	res, err := tx.ExecContext(ctx, "INSERT INTO workflows (integration_id, key, name, description) VALUES (?, ?, ?, ?)",
		integrationID, key, name, description)
	if err != nil {
		return 0, fmt.Errorf("store: insert workflow %s of integration %d: %w", key, integrationID, err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("store: insert workflow %s of integration %d: %w", key, integrationID, err)
	}
	return id, nil
}

// ListWorkflows returns an integration's workflows by name.
func ListWorkflows(ctx context.Context, db DB, integrationID int64) ([]domain.Ref, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, key, name FROM workflows WHERE integration_id = ? ORDER BY name, id", integrationID)
	return collect(rows, err, fmt.Sprintf("list workflows of %d", integrationID), func(rows *sql.Rows) (domain.Ref, error) {
		var r domain.Ref
		return r, rows.Scan(&r.ID, &r.Key, &r.Name)
	})
}
