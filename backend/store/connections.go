package store

import (
	"context"
	"fmt"
	"time"

	"roster/backend/domain"
)

// DeleteConnection removes a user's integration and its workflow states.
func DeleteConnection(ctx context.Context, tx DB, userID, integrationID int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM user_workflows WHERE user_id = ?
		AND workflow_id IN (SELECT id FROM workflows WHERE integration_id = ?)`, userID, integrationID); err != nil {
		return fmt.Errorf("store: delete workflows of user %d integration %d: %w", userID, integrationID, err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM connections WHERE user_id = ? AND integration_id = ?", userID, integrationID); err != nil {
		return fmt.Errorf("store: delete connection of user %d integration %d: %w", userID, integrationID, err)
	}
	return nil
}

// SetWorkflowEnabled records a workflow state for a user.
func SetWorkflowEnabled(ctx context.Context, tx DB, userID, workflowID int64, enabled bool, by domain.ChangedBy, at time.Time) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO user_workflows (user_id, workflow_id, enabled, changed_by, changed_at)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (user_id, workflow_id) DO UPDATE SET enabled = excluded.enabled,
			changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
		userID, workflowID, enabled, string(by), at.UnixMilli()); err != nil {
		return fmt.Errorf("store: set workflow %d for user %d: %w", workflowID, userID, err)
	}
	return nil
}
