package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math/bits"
	"slices"
	"strings"
	"unicode/utf8"

	"roster/backend/domain"
)

// Bulk writes connected users, connections and workflow states in large
// batches inside one transaction, with the per-row triggers on
// connected_users and connections set aside: statuses, the header and
// integration counts and the search index are brought up to date with a few
// set-based statements per batch instead. Every user a batch touches must be
// passed to Unaccount before its rows change and to Account after; triggers
// are restored by Close, in the same transaction, so no other connection ever
// sees them missing.
type Bulk struct {
	tx    DB
	aside []string // CREATE statements to run again on Close: indexes first, then triggers
	// New users' buckets of user_positions and user_fine_positions, counted
	// by InsertUsers and written by Close.
	positions        map[positionKey]int
	names, fineNames map[nameKey]int
	// Their integrations' buckets of integration_positions and
	// integration_fine_positions, likewise: counts by integration (a
	// user's bits) for each bucket, one map lookup a bucket, not one per
	// integration. A name's bucket is its index in bucketNames.
	integrationCounts map[positionKey]*[MaxBitIntegration + 1]int32
	bucketIndex       map[string]int64
	bucketNames       []string
	// latest is the newest user's created_at, once InsertUsers has read
	// it: a load has set users_created aside, and max(created_at) reads
	// every user without it (1.6 s of a million-user load, a batch at a
	// time). Forgotten by what can lower or move it.
	latest      int64
	latestKnown bool
}

// BeginBulk sets the triggers aside on tx.
func BeginBulk(ctx context.Context, tx DB) (*Bulk, error) {
	b := &Bulk{tx: tx}
	return b, b.setAside(ctx, "trigger", "connected_users", "connections")
}

// BeginLoad sets aside the triggers and the secondary indexes, for loading
// an empty database: an index built once over sorted data costs a fraction
// of one kept up row by row. The search index is rebuilt by Reindex.
func BeginLoad(ctx context.Context, tx DB) (*Bulk, error) {
	b := &Bulk{tx: tx}
	// Let SQLite sort with a second thread when Close builds the indexes.
	if _, err := tx.ExecContext(ctx, "PRAGMA threads = 2"); err != nil {
		return nil, fmt.Errorf("store: bulk: %w", err)
	}
	if err := b.setAside(ctx, "index", "connected_users", "connections", "user_workflows"); err != nil {
		return nil, err
	}
	return b, b.setAside(ctx, "trigger", "connected_users", "connections")
}

// setAside drops the schema objects of a kind on tables, keeping their SQL.
// Automatic indexes (primary keys, UNIQUE) have no SQL and stay.
func (b *Bulk) setAside(ctx context.Context, kind string, tables ...string) error {
	type object struct{ name, sql string }
	list, _ := json.Marshal(tables)
	rows, err := b.tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_schema
		WHERE type = ? AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?)) ORDER BY name`, kind, string(list))
	objs, err := collect(rows, err, "bulk: read the schema", func(r *sql.Rows) (object, error) {
		var o object
		return o, r.Scan(&o.name, &o.sql)
	})
	if err != nil {
		return err
	}
	for _, o := range objs {
		if _, err := b.tx.ExecContext(ctx, "DROP "+strings.ToUpper(kind)+` "`+o.name+`"`); err != nil {
			return fmt.Errorf("store: bulk: set %s %s aside: %w", kind, o.name, err)
		}
		b.aside = append(b.aside, o.sql)
	}
	return nil
}

// Close writes the positions a load counted and builds again what Begin set
// aside. The caller commits (or rolls back) tx.
func (b *Bulk) Close(ctx context.Context) error {
	if err := b.writePositions(ctx); err != nil {
		return fmt.Errorf("store: bulk: %w", err)
	}
	for _, s := range b.aside {
		if _, err := b.tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("store: bulk: restore %q: %w", s[:min(len(s), 60)], err)
		}
	}
	b.aside = nil
	return nil
}

// Reindex rebuilds the search index from the users, merged into one
// segment: a rebuild leaves several, and a list that probes the index user
// by user seeks in each (a name-sorted search of ".com" at 1M users: 45 ms
// on the rebuilt index, 9 ms merged; merging costs 2 s). Merged once: with
// FTS5's automatic merges off while it rebuilds, 1M users take 5.7 s
// instead of 7.5.
func (b *Bulk) Reindex(ctx context.Context) error {
	var automerge int
	err := b.tx.QueryRowContext(ctx, "SELECT coalesce((SELECT v FROM users_fts_config WHERE k = 'automerge'), ?)", fts5Automerge).Scan(&automerge)
	if err != nil {
		return fmt.Errorf("store: bulk: read the search index's settings: %w", err)
	}
	for _, cmd := range []struct {
		name string
		rank any
	}{{"automerge", 0}, {"rebuild", nil}, {"optimize", nil}, {"automerge", automerge}} {
		if _, err := b.tx.ExecContext(ctx, "INSERT INTO users_fts (users_fts, rank) VALUES (?, ?)", cmd.name, cmd.rank); err != nil {
			return fmt.Errorf("store: bulk: %s the search index: %w", cmd.name, err)
		}
	}
	return nil
}

// fts5Automerge is FTS5's automerge setting when none is set.
const fts5Automerge = 4

// counting subtracts (?2 = -1) or adds (?2 = +1) what the users in the JSON
// array ?1 contribute to the counts by status and by integration; their
// positions are counted by countPositions.
var counting = []string{
	`WITH d AS (SELECT status, count(*) AS n FROM connected_users WHERE id IN (SELECT value FROM json_each(?1)) GROUP BY status)
	UPDATE status_counts SET n = status_counts.n + ?2 * d.n FROM d WHERE d.status = status_counts.status`,
	`WITH d AS (SELECT integration_id, count(*) AS n FROM connections WHERE user_id IN (SELECT value FROM json_each(?1)) GROUP BY integration_id)
	UPDATE integrations SET user_count = integrations.user_count + ?2 * d.n FROM d WHERE d.integration_id = integrations.id`,
	// By the status each connection holds: Account copies it from the user first.
	`WITH d AS (SELECT integration_id, user_status, count(*) AS n FROM connections
		WHERE user_id IN (SELECT value FROM json_each(?1)) GROUP BY integration_id, user_status)
	UPDATE integration_status_counts SET n = integration_status_counts.n + ?2 * d.n
	FROM d WHERE d.integration_id = integration_status_counts.integration_id AND d.user_status = integration_status_counts.status`,
}

// Recount says what a change to existing users can move, for Unaccount and
// Account to redo only that: an import that moves last active times need
// not count connections or index names again. Positions are always
// counted again.
type Recount uint8

const (
	RecountSearch Recount = 1 << iota // name or e-mail: the search index
	// Connections or disabled_at: the status, the integration bits and
	// every count by status or integration.
	RecountStatus
	RecountAll = RecountSearch | RecountStatus
)

// Unaccount takes existing users out of what changes can move, before
// their rows change (the search index's delete needs the old values).
func (b *Bulk) Unaccount(ctx context.Context, ids []int64, what Recount) error {
	if len(ids) == 0 {
		return nil
	}
	arr, _ := json.Marshal(ids)
	if what&RecountStatus != 0 {
		if err := b.count(ctx, string(arr), -1); err != nil {
			return fmt.Errorf("store: bulk: unaccount users: %w", err)
		}
	}
	if err := b.countPositions(ctx, string(arr), -1); err != nil {
		return fmt.Errorf("store: bulk: unaccount users: %w", err)
	}
	if what&RecountSearch != 0 {
		if _, err := b.tx.ExecContext(ctx, `INSERT INTO users_fts (users_fts, rowid, name, email, external_id)
			SELECT 'delete', id, name, email, external_id FROM connected_users WHERE id IN (SELECT value FROM json_each(?))`,
			string(arr)); err != nil {
			return fmt.Errorf("store: bulk: unaccount users in the search index: %w", err)
		}
	}
	return nil
}

// Account derives, with RecountStatus, the users' statuses, integration
// and error bits from their rows, then counts and indexes them.
func (b *Bulk) Account(ctx context.Context, ids []int64, what Recount) error {
	if len(ids) == 0 {
		return nil
	}
	arr, _ := json.Marshal(ids)
	if what&RecountStatus != 0 {
		// Only the rows whose values change are written: a row written
		// anew rewrites its entry in every index that holds the column,
		// changed or not, and most users an import touches keep their
		// status.
		if _, err := b.tx.ExecContext(ctx, `UPDATE connected_users SET status = d.status, integration_bits = d.bits, error_bits = d.errors
			FROM (SELECT u.id, (SELECT s.status FROM user_status_derived s WHERE s.id = u.id) AS status,
					coalesce(b.bits, 0) AS bits, coalesce(b.errors, 0) AS errors
				FROM connected_users u LEFT JOIN (SELECT c.user_id, sum(1 << c.integration_id) AS bits,
						sum(iif(c.status = 'error', 1 << c.integration_id, 0)) AS errors
					FROM connections c WHERE c.user_id IN (SELECT value FROM json_each(?1)) AND c.integration_id BETWEEN 1 AND ?2
					GROUP BY c.user_id) AS b ON b.user_id = u.id
				WHERE u.id IN (SELECT value FROM json_each(?1))) AS d
			WHERE connected_users.id = d.id
				AND (connected_users.status <> d.status OR connected_users.integration_bits <> d.bits OR connected_users.error_bits <> d.errors)`,
			string(arr), MaxBitIntegration); err != nil {
			return fmt.Errorf("store: bulk: derive statuses: %w", err)
		}
		if _, err := b.tx.ExecContext(ctx, `UPDATE connections SET user_status = u.status FROM connected_users u
			WHERE u.id IN (SELECT value FROM json_each(?)) AND connections.user_id = u.id AND connections.user_status <> u.status`,
			string(arr)); err != nil {
			return fmt.Errorf("store: bulk: copy statuses to connections: %w", err)
		}
		if err := b.count(ctx, string(arr), 1); err != nil {
			return fmt.Errorf("store: bulk: account users: %w", err)
		}
	}
	if err := b.countPositions(ctx, string(arr), 1); err != nil {
		return fmt.Errorf("store: bulk: account users: %w", err)
	}
	if what&RecountSearch != 0 {
		// With the triggers set aside, the folded text as well: folded once
		// a user (a call into Go), and written where it changed.
		if _, err := b.tx.ExecContext(ctx, `WITH f AS MATERIALIZED (SELECT id, search_fold(name, email, external_id) AS text
				FROM connected_users WHERE id IN (SELECT value FROM json_each(?)))
			UPDATE connected_users SET search_text = f.text FROM f WHERE connected_users.id = f.id AND connected_users.search_text <> f.text`,
			string(arr)); err != nil {
			return fmt.Errorf("store: bulk: fold the searched text: %w", err)
		}
		if _, err := b.tx.ExecContext(ctx, `INSERT INTO users_fts (rowid, name, email, external_id)
			SELECT id, name, email, external_id FROM connected_users WHERE id IN (SELECT value FROM json_each(?))`,
			string(arr)); err != nil {
			return fmt.Errorf("store: bulk: account users in the search index: %w", err)
		}
	}
	return nil
}

// count runs the counting statements with sign.
func (b *Bulk) count(ctx context.Context, ids string, sign int) error {
	for _, q := range counting {
		if _, err := b.tx.ExecContext(ctx, q, ids, sign); err != nil {
			return err
		}
	}
	return nil
}

// UserSnapshot is what Roster holds about one connected user, as an import
// compares it with a file. Times are Unix milliseconds; 0 = never/none.
type UserSnapshot struct {
	ID             int64
	ExternalID     string
	Name           string
	Email          string
	CreatedAt      int64
	LastActiveAt   int64
	DisabledAt     int64
	DisabledReason string
	Metadata       string
	Connections    map[int64]*ConnectionSnapshot // by integration id
}

// ConnectionSnapshot is one connection and its workflow states.
type ConnectionSnapshot struct {
	Status    string
	Reason    string
	Message   string
	Workflows map[int64]bool // by workflow id
}

// UserSnapshots returns the users among externalIDs that exist, by external
// id, with their connections and workflow states.
func UserSnapshots(ctx context.Context, db DB, externalIDs []string) (map[string]*UserSnapshot, error) {
	out := make(map[string]*UserSnapshot, len(externalIDs))
	if len(externalIDs) == 0 {
		return out, nil
	}
	arr, _ := json.Marshal(externalIDs)
	byID := map[int64]*UserSnapshot{}
	rows, err := db.QueryContext(ctx, `SELECT id, external_id, name, email, created_at, last_active_at,
		coalesce(disabled_at, 0), disabled_reason, metadata
		FROM connected_users WHERE external_id IN (SELECT value FROM json_each(?))`, string(arr))
	users, err := collect(rows, err, "snapshot users", func(r *sql.Rows) (*UserSnapshot, error) {
		u := &UserSnapshot{Connections: map[int64]*ConnectionSnapshot{}}
		return u, r.Scan(&u.ID, &u.ExternalID, &u.Name, &u.Email, &u.CreatedAt, &u.LastActiveAt, &u.DisabledAt,
			&u.DisabledReason, &u.Metadata)
	})
	if err != nil {
		return nil, err
	}
	if len(users) == 0 {
		return out, nil
	}
	ids := make([]int64, len(users))
	for i, u := range users {
		out[u.ExternalID], byID[u.ID], ids[i] = u, u, u.ID
	}
	idArr, _ := json.Marshal(ids)
	rows, err = db.QueryContext(ctx, `SELECT c.user_id, c.integration_id, c.status, c.error_reason, c.error_message,
		uw.workflow_id, uw.enabled
		FROM connections c
		LEFT JOIN workflows w ON w.integration_id = c.integration_id
		LEFT JOIN user_workflows uw ON uw.user_id = c.user_id AND uw.workflow_id = w.id
		WHERE c.user_id IN (SELECT value FROM json_each(?))`, string(idArr))
	if err != nil {
		return nil, fmt.Errorf("store: snapshot connections: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var uid, iid int64
		var status, reason, msg string
		var wid sql.NullInt64
		var enabled sql.NullBool
		if err := rows.Scan(&uid, &iid, &status, &reason, &msg, &wid, &enabled); err != nil {
			return nil, fmt.Errorf("store: snapshot connections: %w", err)
		}
		u := byID[uid]
		c := u.Connections[iid]
		if c == nil {
			c = &ConnectionSnapshot{Status: status, Reason: reason, Message: msg, Workflows: map[int64]bool{}}
			u.Connections[iid] = c
		}
		if wid.Valid {
			c.Workflows[wid.Int64] = enabled.Bool
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: snapshot connections: %w", err)
	}
	return out, nil
}

// NewUser is a connected user to insert. Times are Unix milliseconds; 0 =
// never/none.
type NewUser struct {
	ExternalID     string `json:"e"`
	Name           string `json:"n"`
	Email          string `json:"m"`
	CreatedAt      int64  `json:"c"`
	LastActiveAt   int64  `json:"a"`
	DisabledAt     int64  `json:"d"`
	DisabledReason string `json:"r"`
	Metadata       string `json:"x"`
	Status         string `json:"s"` // for InsertUsers: derived by the caller (see DeriveStatus)
	// For InsertUsers: the IntegrationBit of each of the user's connections,
	// and of those in error.
	IntegrationBits int64 `json:"-"`
	ErrorBits       int64 `json:"-"`
}

// InsertUsers adds users with the status the caller derived, numbered in
// created order as a block, and returns their ids by external id. The block
// goes after the newest user when none of it is older, before the oldest
// when none of it is newer (a file listing the newest first, as Roster's
// export and many platforms do, stays numbered in created order chunk after
// chunk), and otherwise after the newest, out of created order (see
// migration 16: user_order). Into an empty table, a block starts at
// FirstUserID, or ends below it when listed newest first. The users
// are counted in user_positions and user_fine_positions by Close, and in
// the other counts and the search index by AddCounts and Index, not
// Account.
func (b *Bulk) InsertUsers(ctx context.Context, users []NewUser) (map[string]int64, error) {
	out := make(map[string]int64, len(users))
	if len(users) == 0 {
		return out, nil
	}
	ends, err := UserIDEnds(ctx, b.tx)
	if err != nil {
		return nil, err
	}
	lowest, highest := ends[0], ends[1]
	// Numbered in created order, users are in created order by id: the
	// oldest is the one with the lowest id.
	var oldest int64
	var inOrder bool
	if err := b.tx.QueryRowContext(ctx, `SELECT coalesce((SELECT created_at FROM connected_users WHERE id = ?), 0),
		(SELECT ids_follow_created FROM user_order)`, lowest).Scan(&oldest, &inOrder); err != nil {
		return nil, fmt.Errorf("store: bulk insert users: %w", err)
	}
	if !b.latestKnown {
		if err := b.tx.QueryRowContext(ctx, "SELECT coalesce(max(created_at), 0) FROM connected_users").Scan(&b.latest); err != nil {
			return nil, fmt.Errorf("store: bulk insert users: %w", err)
		}
		b.latestKnown = true
	}
	latest := b.latest
	order := make([]int, len(users)) // users in created order, ties as listed
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmp.Compare(users[i].CreatedAt, users[j].CreatedAt) })
	first, last := users[order[0]].CreatedAt, users[order[len(order)-1]].CreatedAt
	n := int64(len(users))
	var start int64 // the first id of the block
	switch {
	case highest == 0 && users[0].CreatedAt > users[len(users)-1].CreatedAt && n < FirstUserID:
		start = FirstUserID - n
	case highest == 0:
		start = FirstUserID
	case first >= latest:
		start = highest + 1
	case inOrder && last <= oldest && lowest > n:
		start = lowest - n
	default:
		// After every other user: the block's oldest is latest - first
		// older than a user numbered before it (as it is, at most, while
		// the others are out of order too).
		start = highest + 1
		if first < latest {
			if err := idsInverted(ctx, b.tx, latest-first); err != nil {
				return nil, fmt.Errorf("store: bulk insert users: %w", err)
			}
		}
	}
	// One row a statement: SQLite keeps a copy of every page a multi-row
	// statement changes, to undo it alone if a row fails, and a user's id,
	// name and activity land on pages all over their indexes. 50,000 users
	// into 700,000: 1.17 s in statements of 500 rows, 0.74 s one by one.
	// search_text is folded here, not by the trigger that would call
	// search_fold through the driver (set aside here, and 3.3 µs a user).
	st, err := b.tx.PrepareContext(ctx, `INSERT INTO connected_users (id, external_id, name, email, created_at, last_active_at,
			disabled_at, disabled_reason, metadata, status, integration_bits, error_bits, search_text)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("store: bulk insert users: %w", err)
	}
	defer st.Close()
	// The driver watches a cancellable context with a goroutine per
	// statement; checked here every 1,024 rows instead.
	each := context.WithoutCancel(ctx)
	ids := make([]int64, len(users))
	for k, i := range order {
		if k%1024 == 0 && ctx.Err() != nil {
			return nil, fmt.Errorf("store: bulk insert users: %w", ctx.Err())
		}
		u := users[i]
		var disabled any
		if u.DisabledAt != 0 {
			disabled = u.DisabledAt
		}
		ids[i] = start + int64(k)
		out[u.ExternalID] = ids[i]
		if _, err := st.ExecContext(each, ids[i], u.ExternalID, u.Name, u.Email, u.CreatedAt, u.LastActiveAt, disabled,
			u.DisabledReason, u.Metadata, u.Status, u.IntegrationBits, u.ErrorBits, searchFold(u.Name, u.Email, u.ExternalID)); err != nil {
			return nil, fmt.Errorf("store: bulk insert user %q: %w", u.ExternalID, err)
		}
	}
	b.latest = max(latest, last)
	// Counted here, written by Close: nothing reads the positions before
	// the transaction commits, and a transaction's batches share most
	// buckets.
	b.addPositions(users, ids)
	return out, nil
}

// FirstUserID is the id of the first user of an empty table (a block
// listed newest first ends below it), live or imported: room for four
// million older users below, numbered before the oldest in created order,
// as an import of a platform's history after its live events brings them.
// Numbered from 1, they went after the newest, out of created order for
// good, and searches sorted by date slowed (BenchmarkList at 1M users, the
// same file with user_order off: a name search p95 12.4-14.1 ms against
// 1.2-1.4, "globex" + Slack 14.0 against 4.9-5.3). Ids below 2^23 take
// three bytes in a record: a million users imported from 2^22 fill 769.9
// MB, from 1 765.8 MB, from 2^31 820.2 MB.
const FirstUserID = 1 << 22

// positionKey is a bucket of a sort order for one status (its index in
// domain.UserStatuses; everyStatus for the empty status), nameKey one of names: small
// keys, quick to hash, as an import counts six a user.
type positionKey struct {
	sort   positionSort
	status uint8
	bucket int64
}

type nameKey struct {
	status uint8
	bucket string
}

// positionSort is a sort order of user_positions or user_fine_positions.
type positionSort uint8

const (
	byCreated positionSort = iota
	byActive
	byID
	byCreatedFine
	byActiveFine
	// Integrations' buckets of names (user_positions' are nameKeys), and
	// none.
	byName
	byNameFine
	noSort
)

// row names the table and the sort of s.
func (s positionSort) row() (table, sort string) {
	switch s {
	case byCreated:
		return "user_positions", "created"
	case byActive:
		return "user_positions", "active"
	case byID:
		return "user_positions", "id"
	case byCreatedFine:
		return "user_fine_positions", "created"
	default:
		return "user_fine_positions", "active"
	}
}

var everyStatus = uint8(len(domain.UserStatuses))

// statusIndex is status's index in domain.UserStatuses (a status the
// table's CHECK accepted).
func statusIndex(status string) uint8 {
	return uint8(slices.Index(domain.UserStatuses, domain.UserStatus(status)))
}

func statusName(i uint8) string {
	if i == everyStatus {
		return ""
	}
	return string(domain.UserStatuses[i])
}

// addPositions counts new users, numbered ids, in their buckets of
// user_positions and user_fine_positions, and their integrations' (with
// the integration bits they are inserted with).
func (b *Bulk) addPositions(users []NewUser, ids []int64) {
	for i, u := range users {
		b.addPosition(ids[i], u.Status, u.CreatedAt, u.LastActiveAt, u.Name, u.IntegrationBits, 1)
	}
}

// countPositions counts the users in the JSON array ids in their buckets
// as their rows now stand, sign -1 taking them out: from one read of each
// row, where the views user_position_keys and user_fine_position_keys
// (migrations 18 and 19) read it once per bucket (50,000 users renamed
// among 1M: 2 s of 11.4 that way).
func (b *Bulk) countPositions(ctx context.Context, ids string, sign int) error {
	rows, err := b.tx.QueryContext(ctx, `SELECT id, status, created_at, last_active_at, name, integration_bits FROM connected_users
		WHERE id IN (SELECT value FROM json_each(?))`, ids)
	if err != nil {
		return fmt.Errorf("positions: %w", err)
	}
	defer rows.Close()
	var id, created, active, integrations int64
	var status, name string
	for rows.Next() {
		if err := rows.Scan(&id, &status, &created, &active, &name, &integrations); err != nil {
			return fmt.Errorf("positions: %w", err)
		}
		b.addPosition(id, status, created, active, name, integrations, sign)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("positions: %w", err)
	}
	return nil
}

// addPosition adds sign to a user's buckets, computed as
// user_position_keys and user_fine_position_keys compute them, and to those
// of the integrations whose bits they hold (integration_position_keys and
// integration_fine_position_keys): grouping a chunk's rows in SQL cost an
// import of a million users 2.6 s. The counts of every status (the empty
// status) are summed from the others when they are written, by Close.
func (b *Bulk) addPosition(id int64, userStatus string, created, active int64, name string, integrations int64, sign int) {
	if b.positions == nil {
		b.positions, b.names, b.fineNames = map[positionKey]int{}, map[nameKey]int{}, map[nameKey]int{}
		b.integrationCounts, b.bucketIndex, b.bucketNames = map[positionKey]*[MaxBitIntegration + 1]int32{}, map[string]int64{}, nil
	}
	status, activeAt := statusIndex(userStatus), activeBucket(active, id)
	b.positions[positionKey{byCreated, status, created >> positionShift}] += sign
	b.positions[positionKey{byActive, status, activeAt}] += sign
	b.positions[positionKey{byID, status, id >> idPositionShift}] += sign
	b.positions[positionKey{byCreatedFine, status, created >> finePositionShift}] += sign
	if active != 0 {
		b.positions[positionKey{byActiveFine, status, active >> finePositionShift}] += sign
	}
	coarseName, fineName := nameBucket(name, nameChars), nameBucket(name, fineNameChars)
	b.names[nameKey{status, coarseName}] += sign
	b.fineNames[nameKey{status, fineName}] += sign
	if integrations == 0 {
		return
	}
	keys := [5]positionKey{{byActive, status, activeAt}, {byID, status, id >> idPositionShift},
		{byName, status, b.bucketOf(coarseName)}, {byNameFine, status, b.bucketOf(fineName)},
		{byActiveFine, status, active >> integrationFineShift}}
	if active == 0 {
		keys[4].sort = noSort
	}
	for _, k := range keys {
		if k.sort == noSort {
			continue
		}
		counts := b.integrationCounts[k]
		if counts == nil {
			counts = new([MaxBitIntegration + 1]int32)
			b.integrationCounts[k] = counts
		}
		for rest := uint64(integrations); rest != 0; rest &= rest - 1 {
			counts[bits.TrailingZeros64(rest)] += int32(sign)
		}
	}
}

// bucketOf is a name's bucket's index in bucketNames.
func (b *Bulk) bucketOf(name string) int64 {
	i, ok := b.bucketIndex[name]
	if !ok {
		i = int64(len(b.bucketNames))
		b.bucketIndex[name], b.bucketNames = i, append(b.bucketNames, name)
	}
	return i
}

// writePositions adds what addPosition counted to the tables, in key
// order and bound as values: a chunk of a million-user import adds to tens
// of thousands of rows of user_fine_positions, which in a map's order land
// on pages all over it (BenchmarkImportCSV at 1M users: 3.6 s of 47 s here
// as JSON in map order, 2.6 s now).
func (b *Bulk) writePositions(ctx context.Context) error {
	if len(b.positions) == 0 {
		return nil
	}
	type row struct {
		sort, status string
		bucket       any // int64, or a name's string
		n            int
	}
	rows := map[string][]row{}
	add := func(table string, r row) {
		if r.n != 0 { // a user taken out and counted again in the same bucket
			rows[table] = append(rows[table], r)
		}
	}
	all, allNames := map[positionKey]int{}, map[string]int{}
	for k, c := range b.positions {
		table, sort := k.sort.row()
		add(table, row{sort, statusName(k.status), k.bucket, c})
		all[positionKey{k.sort, everyStatus, k.bucket}] += c
	}
	for k, c := range all {
		table, sort := k.sort.row()
		add(table, row{sort, "", k.bucket, c})
	}
	for table, names := range map[string]map[nameKey]int{"user_positions": b.names, "user_fine_positions": b.fineNames} {
		clear(allNames)
		for k, c := range names {
			add(table, row{"name", statusName(k.status), k.bucket, c})
			allNames[k.bucket] += c
		}
		for bucket, c := range allNames {
			add(table, row{"name", "", bucket, c})
		}
	}
	for table, rows := range rows {
		// SQLite's order: numbers before text; a table's buckets of one
		// sort are all numbers or all names.
		slices.SortFunc(rows, func(a, b row) int {
			if c := cmp.Or(strings.Compare(a.sort, b.sort), strings.Compare(a.status, b.status)); c != 0 {
				return c
			}
			if x, ok := a.bucket.(int64); ok {
				return cmp.Compare(x, b.bucket.(int64))
			}
			return strings.Compare(a.bucket.(string), b.bucket.(string))
		})
		args := make([]any, 0, 4*len(rows))
		for _, r := range rows {
			args = append(args, r.sort, r.status, r.bucket, r.n)
		}
		if err := insertValues(ctx, b.tx, "INSERT INTO "+table+" (sort, status, bucket, n) VALUES ",
			" ON CONFLICT (sort, status, bucket) DO UPDATE SET n = n + excluded.n", 4, args); err != nil {
			return fmt.Errorf("count the users in %s: %w", table, err)
		}
	}
	b.positions, b.names, b.fineNames = nil, nil, nil
	return b.writeIntegrationPositions(ctx)
}

// writeIntegrationPositions is writePositions for integration_positions
// and integration_fine_positions.
func (b *Bulk) writeIntegrationPositions(ctx context.Context) error {
	type row struct {
		integration int
		sort        positionSort
		status      string
		bucket      int64 // a name's: its index in bucketNames
		n           int32
	}
	all := map[positionKey]*[MaxBitIntegration + 1]int32{}
	for k, counts := range b.integrationCounts {
		every := positionKey{k.sort, everyStatus, k.bucket}
		if all[every] == nil {
			all[every] = new([MaxBitIntegration + 1]int32)
		}
		for i, n := range counts {
			all[every][i] += n
		}
	}
	maps.Copy(b.integrationCounts, all)
	rows := map[bool][]row{} // by fine
	for k, counts := range b.integrationCounts {
		for i, n := range counts {
			if n != 0 { // users taken out and counted again in the same bucket
				fine := k.sort == byActiveFine || k.sort == byNameFine
				rows[fine] = append(rows[fine], row{i, k.sort, statusName(k.status), k.bucket, n})
			}
		}
	}
	sortName := map[positionSort]string{byActive: "active", byActiveFine: "active", byID: "id", byName: "name", byNameFine: "name"}
	names := b.bucketNames
	b.integrationCounts, b.bucketIndex, b.bucketNames = nil, nil, nil
	for fine, rows := range rows {
		table := "integration_positions"
		if fine {
			table = "integration_fine_positions"
		}
		// In key order (see writePositions).
		slices.SortFunc(rows, func(a, b row) int {
			if c := cmp.Or(cmp.Compare(a.integration, b.integration), strings.Compare(sortName[a.sort], sortName[b.sort]),
				strings.Compare(a.status, b.status)); c != 0 {
				return c
			}
			if a.sort == byName || a.sort == byNameFine {
				return strings.Compare(names[a.bucket], names[b.bucket])
			}
			return cmp.Compare(a.bucket, b.bucket)
		})
		args := make([]any, 0, 5*len(rows))
		for _, r := range rows {
			var bucket any = r.bucket
			if r.sort == byName || r.sort == byNameFine {
				bucket = names[r.bucket]
			}
			args = append(args, r.integration, sortName[r.sort], r.status, bucket, r.n)
		}
		if err := insertValues(ctx, b.tx, "INSERT INTO "+table+" (integration_id, sort, status, bucket, n) VALUES ",
			" ON CONFLICT (integration_id, sort, status, bucket) DO UPDATE SET n = n + excluded.n", 5, args); err != nil {
			return fmt.Errorf("count the users in %s: %w", table, err)
		}
	}
	return nil
}

// activeBucket is a user's bucket of last active order (migration 18): the
// time's, or for a user never active their block of ids, below every time.
func activeBucket(lastActive, id int64) int64 {
	if lastActive == 0 {
		return id>>idPositionShift - neverActiveBase
	}
	return lastActive >> positionShift
}

// nameBucket is lower(substr(name, 1, chars)) in SQLite: the first chars
// characters, ASCII letters in lower case.
func nameBucket(name string, chars int) string {
	var buf [4 * utf8.UTFMax]byte
	b, n := buf[:0], 0
	for _, r := range name {
		if n == chars {
			break
		}
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		b, n = utf8.AppendRune(b, r), n+1
	}
	return string(b)
}

// valuesPerStatement bounds the rows of one multi-row INSERT (SQLite takes
// up to 32,766 parameters).
const valuesPerStatement = 500

// insertValues runs head + "(?, …), (?, …)…" + tail over args, width
// parameters a row, as few statements as it takes: no JSON for SQLite to
// parse, and one call into SQLite per 500 rows.
func insertValues(ctx context.Context, tx DB, head, tail string, width int, args []any) error {
	tuple := "(" + strings.Repeat("?, ", width-1) + "?)"
	stmts := map[int]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	for len(args) > 0 {
		n := min(len(args)/width, valuesPerStatement)
		st := stmts[n]
		if st == nil {
			var err error
			if st, err = tx.PrepareContext(ctx, head+strings.Repeat(tuple+", ", n-1)+tuple+tail); err != nil {
				return err
			}
			stmts[n] = st
		}
		if _, err := st.ExecContext(ctx, args[:n*width]...); err != nil {
			return err
		}
		args = args[n*width:]
	}
	return nil
}

// MaxBitIntegration is the highest integration id that has a bit in
// connected_users.integration_bits (migration 20): bits 1 to 62 of a
// positive 64-bit integer.
const MaxBitIntegration = 62

// IntegrationBit is integration id's bit in integration_bits, 0 for an id
// without one.
func IntegrationBit(id int64) int64 {
	if id < 1 || id > MaxBitIntegration {
		return 0
	}
	return 1 << id
}

// DeriveStatus is a new user's status, as user_status_derived defines it:
// disabled, else account errors if a connection is in error, else
// connected if they have one.
func DeriveStatus(disabled bool, connections, inError int) string {
	switch {
	case disabled:
		return "disabled"
	case inError > 0:
		return "account_errors"
	case connections > 0:
		return "connected"
	}
	return "no_integrations"
}

// IntegrationStatus keys the users of an integration by their status.
type IntegrationStatus struct {
	IntegrationID int64
	Status        string
}

// AddCounts adds new users to the header counts (by status) and the
// integrations' user counts (by integration and the user's status).
func (b *Bulk) AddCounts(ctx context.Context, byStatus map[string]int, byIntegration map[IntegrationStatus]int) error {
	for st, n := range byStatus {
		if _, err := b.tx.ExecContext(ctx, "UPDATE status_counts SET n = n + ? WHERE status = ?", n, st); err != nil {
			return fmt.Errorf("store: bulk count %s: %w", st, err)
		}
	}
	if len(byIntegration) == 0 {
		return nil
	}
	type count struct {
		I int64  `json:"i"`
		S string `json:"s"`
		N int    `json:"n"`
	}
	counts := make([]count, 0, len(byIntegration))
	for k, n := range byIntegration {
		counts = append(counts, count{k.IntegrationID, k.Status, n})
	}
	arr, _ := json.Marshal(counts)
	if _, err := b.tx.ExecContext(ctx, `WITH d AS (SELECT j.value->>'i' AS id, sum(j.value->>'n') AS n FROM json_each(?) j GROUP BY 1)
		UPDATE integrations SET user_count = integrations.user_count + d.n FROM d WHERE integrations.id = d.id`, string(arr)); err != nil {
		return fmt.Errorf("store: bulk count integrations: %w", err)
	}
	if _, err := b.tx.ExecContext(ctx, `UPDATE integration_status_counts SET n = integration_status_counts.n + (j.value->>'n')
		FROM json_each(?) j WHERE integration_status_counts.integration_id = j.value->>'i'
			AND integration_status_counts.status = j.value->>'s'`, string(arr)); err != nil {
		return fmt.Errorf("store: bulk count integrations by status: %w", err)
	}
	return nil
}

// Index adds new users to the search index.
func (b *Bulk) Index(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	arr, _ := json.Marshal(ids)
	if _, err := b.tx.ExecContext(ctx, `INSERT INTO users_fts (rowid, name, email, external_id)
		SELECT id, name, email, external_id FROM connected_users WHERE id IN (SELECT value FROM json_each(?))`, string(arr)); err != nil {
		return fmt.Errorf("store: bulk index users: %w", err)
	}
	return nil
}

// InsertConnections adds connections of new users (no conflict possible);
// At is both when they connected and when their status was set, and
// UserCreatedAt and UserStatus copy the user's created_at and status. It
// sorts cs in place.
func (b *Bulk) InsertConnections(ctx context.Context, cs []ConnectionWrite) error {
	// In key order: a block of users numbered below the others (see
	// InsertUsers) listed newest first would otherwise be written in
	// falling keys, each before the last, and leave the table's pages half
	// empty (a million users imported newest first: 212 MB of connections
	// instead of 116, and a search by integration that probes them took
	// 26 ms instead of 9-13).
	slices.SortStableFunc(cs, func(a, b ConnectionWrite) int {
		return cmp.Or(cmp.Compare(a.UserID, b.UserID), cmp.Compare(a.IntegrationID, b.IntegrationID))
	})
	args := make([]any, 0, len(cs)*9)
	for _, c := range cs {
		changed := c.ChangedAt
		if changed == 0 {
			changed = c.At
		}
		args = append(args, c.UserID, c.IntegrationID, c.Status, c.Reason, c.Message, c.At, changed, c.UserCreatedAt, c.UserStatus)
	}
	if err := insertValues(ctx, b.tx, `INSERT INTO connections (user_id, integration_id, status, error_reason, error_message,
			connected_at, status_changed_at, user_created_at, user_status) VALUES `, "", 9, args); err != nil {
		return fmt.Errorf("store: bulk insert connections: %w", err)
	}
	return nil
}

// UserUpdate is a changed user: the fields that differ from Old are written.
type UserUpdate struct {
	ID int64 `json:"i"`
	NewUser
	Old NewUser `json:"-"`
}

// UpdateUsers rewrites the fields of users that changed; a changed
// created_at moves the copy in their connections too. Users are written in
// groups by the fields they changed, each group setting only those: an
// UPDATE rewrites a row's entry in every index that holds a column it
// sets, changed or not (a name is in two indexes, the times in four more;
// 50,000 users renamed among 1M: 2.3 s setting every field).
func (b *Bulk) UpdateUsers(ctx context.Context, users []UserUpdate) error {
	groups := map[string][]UserUpdate{} // by the SET list
	for _, u := range users {
		var set []string
		for _, f := range []struct {
			changed bool
			set     string
		}{
			{u.Name != u.Old.Name, "name = j.value->>'n'"},
			{u.Email != u.Old.Email, "email = j.value->>'m'"},
			{u.CreatedAt != u.Old.CreatedAt, "created_at = j.value->>'c'"},
			{u.LastActiveAt != u.Old.LastActiveAt, "last_active_at = j.value->>'a'"},
			{u.DisabledAt != u.Old.DisabledAt, "disabled_at = nullif(j.value->>'d', 0)"},
			{u.DisabledReason != u.Old.DisabledReason, "disabled_reason = j.value->>'r'"},
			{u.Metadata != u.Old.Metadata, "metadata = j.value->>'x'"},
		} {
			if f.changed {
				set = append(set, f.set)
			}
		}
		if len(set) > 0 {
			key := strings.Join(set, ", ")
			groups[key] = append(groups[key], u)
		}
	}
	for set, group := range groups {
		arr, err := json.Marshal(group)
		if err != nil {
			return fmt.Errorf("store: bulk update users: %w", err)
		}
		if _, err := b.tx.ExecContext(ctx, "UPDATE connected_users SET "+set+
			" FROM json_each(?) j WHERE connected_users.id = j.value->>'i'", string(arr)); err != nil {
			return fmt.Errorf("store: bulk update users: %w", err)
		}
	}
	// created_at rarely changes: move the copy in connections user by user.
	moved := false
	defer func() {
		if moved {
			b.latestKnown = false
		}
	}()
	for _, u := range users {
		if u.CreatedAt == u.Old.CreatedAt {
			continue
		}
		if !moved {
			if err := datesMoved(ctx, b.tx); err != nil {
				return fmt.Errorf("store: bulk update users: %w", err)
			}
			moved = true
		}
		if _, err := b.tx.ExecContext(ctx, "UPDATE connections SET user_created_at = ? WHERE user_id = ?", u.CreatedAt, u.ID); err != nil {
			return fmt.Errorf("store: bulk update user %d connections: %w", u.ID, err)
		}
	}
	return nil
}

// idsInverted records that a user is numbered after one created by
// ms later (see migrations 16 and 24: user_order); set-aside triggers
// record it otherwise.
func idsInverted(ctx context.Context, tx DB, ms int64) error {
	_, err := tx.ExecContext(ctx, "UPDATE user_order SET ids_follow_created = 0, max_inversion = max(max_inversion, ?)", ms)
	return err
}

// datesMoved records that a creation date changed: users may no longer be
// numbered in created order, by how much is not known.
func datesMoved(ctx context.Context, tx DB) error {
	_, err := tx.ExecContext(ctx, "UPDATE user_order SET ids_follow_created = 0, max_inversion = NULL")
	return err
}

// RecheckUserOrder measures again how far users are from being numbered
// in created order (user_order), and turns it back on when they are, as
// after a rollback has put back the creation dates an import moved and
// removed the users it numbered out of order; nothing else turns it on. It
// reads every user (1.0-1.6 s at 1M), only while off.
func RecheckUserOrder(ctx context.Context, tx DB) error {
	return measureUserOrder(ctx, tx, "NOT ids_follow_created")
}

// MeasureUserOrder measures how far users are from being numbered in
// created order when that is not known, after a creation date moved (as
// RecheckUserOrder, only then).
func MeasureUserOrder(ctx context.Context, tx DB) error {
	return measureUserOrder(ctx, tx, "max_inversion IS NULL")
}

// measureUserOrder sets user_order from every user when it meets when.
func measureUserOrder(ctx context.Context, tx DB, when string) error {
	_, err := tx.ExecContext(ctx, `UPDATE user_order SET (ids_follow_created, max_inversion) = (SELECT m = 0, m
		FROM (SELECT max(coalesce(max(before - created_at), 0), 0) AS m
			FROM (SELECT created_at, max(created_at) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
				FROM connected_users))) WHERE `+when)
	if err != nil {
		return fmt.Errorf("store: check the users' order: %w", err)
	}
	return nil
}

// DeleteUsers removes users, and by cascade everything that is theirs.
// Unaccount them first.
func (b *Bulk) DeleteUsers(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	b.latestKnown = false
	arr, _ := json.Marshal(ids)
	if _, err := b.tx.ExecContext(ctx, "DELETE FROM connected_users WHERE id IN (SELECT value FROM json_each(?))", string(arr)); err != nil {
		return fmt.Errorf("store: bulk delete users: %w", err)
	}
	return nil
}

// Restore puts users' rows back as RecordBefore kept them. Unaccount them
// first and Account them after.
func (b *Bulk) Restore(ctx context.Context, befores []Before) error {
	if len(befores) == 0 {
		return nil
	}
	b.latestKnown = false
	raw := make([]json.RawMessage, len(befores))
	for i, x := range befores {
		raw[i] = json.RawMessage(x.JSON)
	}
	arr, err := json.Marshal(raw)
	if err != nil {
		return fmt.Errorf("store: restore users: %w", err)
	}
	// Parsed once into JSONB, which each statement reads as it is: as text,
	// every statement parsed it again (a rollback of 50,000 renamed users
	// among 1M, 30 MB of JSON: the six statements took 5.1 s, 2.5 s now).
	var blob []byte
	if err := b.tx.QueryRowContext(ctx, "SELECT jsonb(?)", string(arr)).Scan(&blob); err != nil {
		return fmt.Errorf("store: restore users: %w", err)
	}
	for _, q := range []string{
		`UPDATE user_order SET ids_follow_created = 0, max_inversion = NULL WHERE EXISTS (
			SELECT 1 FROM jsonb_each(?1) j JOIN connected_users u ON u.id = j.value->>'id' WHERE u.created_at <> j.value->>'created_at')`,
		`UPDATE connected_users SET name = j.value->>'name', email = j.value->>'email', created_at = j.value->>'created_at',
			last_active_at = j.value->>'last_active_at', disabled_at = j.value->>'disabled_at',
			disabled_reason = j.value->>'disabled_reason', metadata = j.value->>'metadata'
		FROM jsonb_each(?1) j WHERE connected_users.id = j.value->>'id'`,
		`DELETE FROM user_workflows WHERE user_id IN (SELECT value->>'id' FROM jsonb_each(?1))`,
		`DELETE FROM connections WHERE user_id IN (SELECT value->>'id' FROM jsonb_each(?1))`,
		`INSERT INTO connections (user_id, integration_id, status, error_reason, error_message, connected_at, status_changed_at, user_created_at)
		SELECT j.value->>'id', c.value->>'i', c.value->>'s', c.value->>'r', c.value->>'m', c.value->>'c', c.value->>'t', j.value->>'created_at'
		FROM jsonb_each(?1) j, jsonb_each(j.value, '$.connections') c`,
		`INSERT INTO user_workflows (user_id, workflow_id, enabled, changed_by, changed_at)
		SELECT j.value->>'id', w.value->>0, w.value->>1, w.value->>2, w.value->>3
		FROM jsonb_each(?1) j, jsonb_each(j.value, '$.connections') c, jsonb_each(c.value, '$.w') w`,
	} {
		if _, err := b.tx.ExecContext(ctx, q, blob); err != nil {
			return fmt.Errorf("store: restore users: %w", err)
		}
	}
	return nil
}

// ConnectionWrite is a connection to insert or update. At is when its
// status changed (Unix milliseconds).
type ConnectionWrite struct {
	UserID        int64  `json:"u"`
	IntegrationID int64  `json:"i"`
	Status        string `json:"s"`
	Reason        string `json:"r"`
	Message       string `json:"m"`
	At            int64  `json:"t"`
	UserCreatedAt int64  `json:"c,omitempty"` // InsertConnections only
	UserStatus    string `json:"-"`           // InsertConnections only
	ChangedAt     int64  `json:"-"`           // InsertConnections: when the status was set, if not At
}

// UpsertConnections inserts connections, or updates the status of existing
// ones (keeping when they connected, and since when they are in their
// status if it stays: an error whose message changed is still the same
// outage, as ingest keeps it).
func (b *Bulk) UpsertConnections(ctx context.Context, cs []ConnectionWrite) error {
	if len(cs) == 0 {
		return nil
	}
	arr, err := json.Marshal(cs)
	if err != nil {
		return fmt.Errorf("store: bulk upsert connections: %w", err)
	}
	if _, err := b.tx.ExecContext(ctx, `INSERT INTO connections (user_id, integration_id, status, error_reason, error_message,
			connected_at, status_changed_at, user_created_at)
		SELECT j.value->>'u', j.value->>'i', j.value->>'s', j.value->>'r', j.value->>'m', j.value->>'t', j.value->>'t', u.created_at
		FROM json_each(?) j JOIN connected_users u ON u.id = j.value->>'u'
		WHERE true
		ON CONFLICT (user_id, integration_id) DO UPDATE SET status = excluded.status, error_reason = excluded.error_reason,
			error_message = excluded.error_message,
			status_changed_at = iif(connections.status = excluded.status, connections.status_changed_at, excluded.status_changed_at)`, string(arr)); err != nil {
		return fmt.Errorf("store: bulk upsert connections: %w", err)
	}
	return nil
}

// DeleteConnections removes connections ([user id, integration id] pairs)
// and their workflow states.
func (b *Bulk) DeleteConnections(ctx context.Context, pairs [][2]int64) error {
	if len(pairs) == 0 {
		return nil
	}
	arr, _ := json.Marshal(pairs)
	if _, err := b.tx.ExecContext(ctx, `DELETE FROM user_workflows WHERE (user_id, workflow_id) IN (
			SELECT j.value->>0, w.id FROM json_each(?) j JOIN workflows w ON w.integration_id = j.value->>1)`, string(arr)); err != nil {
		return fmt.Errorf("store: bulk delete workflow states: %w", err)
	}
	if _, err := b.tx.ExecContext(ctx, `DELETE FROM connections WHERE (user_id, integration_id) IN (
			SELECT value->>0, value->>1 FROM json_each(?))`, string(arr)); err != nil {
		return fmt.Errorf("store: bulk delete connections: %w", err)
	}
	return nil
}

// WorkflowWrite is one user's state of one workflow.
type WorkflowWrite struct {
	UserID     int64
	WorkflowID int64
	Enabled    bool
	By         string // who set it: "user" (the default) or "admin"
	At         int64
}

// SetWorkflowStates records workflow states.
func (b *Bulk) SetWorkflowStates(ctx context.Context, ws []WorkflowWrite) error {
	// In key order, as InsertConnections writes.
	ws = slices.Clone(ws)
	slices.SortStableFunc(ws, func(a, b WorkflowWrite) int {
		return cmp.Or(cmp.Compare(a.UserID, b.UserID), cmp.Compare(a.WorkflowID, b.WorkflowID))
	})
	args := make([]any, 0, len(ws)*4)
	for _, w := range ws {
		by := w.By
		if by == "" {
			by = string(domain.ChangedByUser)
		}
		args = append(args, w.UserID, w.WorkflowID, w.Enabled, by, w.At)
	}
	if err := insertValues(ctx, b.tx, `INSERT INTO user_workflows (user_id, workflow_id, enabled, changed_by, changed_at) VALUES `,
		` ON CONFLICT (user_id, workflow_id) DO UPDATE SET enabled = excluded.enabled, changed_by = excluded.changed_by,
			changed_at = excluded.changed_at`, 5, args); err != nil {
		return fmt.Errorf("store: bulk workflow states: %w", err)
	}
	return nil
}

// Catalogue maps integration and workflow keys to ids.
type Catalogue struct {
	Integrations map[string]int64
	Workflows    map[[2]string]int64 // by integration key, workflow key
}

// ReadCatalogue returns every integration and workflow id by key.
func ReadCatalogue(ctx context.Context, db DB) (Catalogue, error) {
	c := Catalogue{Integrations: map[string]int64{}, Workflows: map[[2]string]int64{}}
	rows, err := db.QueryContext(ctx, `SELECT i.key, i.id, w.key, w.id FROM integrations i LEFT JOIN workflows w ON w.integration_id = i.id`)
	if err != nil {
		return c, fmt.Errorf("store: read catalogue: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ik string
		var iid int64
		var wk sql.NullString
		var wid sql.NullInt64
		if err := rows.Scan(&ik, &iid, &wk, &wid); err != nil {
			return c, fmt.Errorf("store: read catalogue: %w", err)
		}
		c.Integrations[ik] = iid
		if wid.Valid {
			c.Workflows[[2]string{ik, wk.String}] = wid.Int64
		}
	}
	if err := rows.Err(); err != nil {
		return c, fmt.Errorf("store: read catalogue: %w", err)
	}
	return c, nil
}

// KeyName makes a display name from a key: "google-drive" → "Google Drive".
func KeyName(key string) string {
	words := strings.FieldsFunc(key, func(r rune) bool { return strings.ContainsRune("._-:", r) })
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	if len(words) == 0 {
		return key
	}
	return strings.Join(words, " ")
}

// UserRecord is a connected user in full, as an export writes them (the
// record of docs/import.md). Times are Unix milliseconds; 0 = never/none.
type UserRecord struct {
	NewUser
	Connections []ConnectionRecord
}

// ConnectionRecord is one connection in a UserRecord.
type ConnectionRecord struct {
	Integration string
	Status      string
	Reason      string
	Message     string
	Workflows   map[string]bool // by workflow key
}

// UserRecords returns users in the order of ids: in full (workflow states,
// error reasons and messages) for a JSON export, else with their
// connections' integration and status only, as a CSV holds them. Those
// come from the users' integration and error bits when every integration
// has one: a CSV export of 1M users then reads no connections.
func UserRecords(ctx context.Context, db DB, ids []int64, full bool) ([]UserRecord, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var byKey []integrationKey // when the connections come from bits
	if !full {
		var err error
		if byKey, err = integrationsByKey(ctx, db); err != nil {
			return nil, err
		}
	}
	arr, _ := json.Marshal(ids)
	byID := make(map[int64]*UserRecord, len(ids))
	rows, err := db.QueryContext(ctx, `SELECT id, external_id, name, email, created_at, last_active_at, coalesce(disabled_at, 0),
		disabled_reason, metadata, status, integration_bits, error_bits FROM connected_users WHERE id IN (SELECT value FROM json_each(?))`, string(arr))
	if err != nil {
		return nil, fmt.Errorf("store: user records: %w", err)
	}
	var bits, errorBits int64
	for rows.Next() {
		var id int64
		u := &UserRecord{}
		if err := rows.Scan(&id, &u.ExternalID, &u.Name, &u.Email, &u.CreatedAt, &u.LastActiveAt, &u.DisabledAt,
			&u.DisabledReason, &u.Metadata, &u.Status, &bits, &errorBits); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: user records: %w", err)
		}
		for _, in := range byKey {
			if bits&in.bit == 0 {
				continue
			}
			c := ConnectionRecord{Integration: in.key, Status: string(domain.ConnectionConnected)}
			if errorBits&in.bit != 0 {
				c.Status = string(domain.ConnectionError)
			}
			u.Connections = append(u.Connections, c)
		}
		byID[id] = u
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("store: user records: %w", err)
	}
	if byKey != nil {
		return ordered(ids, byID), nil
	}
	// Connections, then workflow states: two walks of primary keys.
	type key struct {
		user        int64
		integration int64
	}
	conns := map[key]int{} // index in the user's Connections
	rows, err = db.QueryContext(ctx, `SELECT c.user_id, c.integration_id, i.key, c.status, c.error_reason, c.error_message
		FROM connections c JOIN integrations i ON i.id = c.integration_id
		WHERE c.user_id IN (SELECT value FROM json_each(?)) ORDER BY c.user_id, i.key`, string(arr))
	if err != nil {
		return nil, fmt.Errorf("store: user record connections: %w", err)
	}
	for rows.Next() {
		var k key
		var c ConnectionRecord
		if err := rows.Scan(&k.user, &k.integration, &c.Integration, &c.Status, &c.Reason, &c.Message); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: user record connections: %w", err)
		}
		if full {
			c.Workflows = map[string]bool{}
		}
		u := byID[k.user]
		conns[k] = len(u.Connections)
		u.Connections = append(u.Connections, c)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, fmt.Errorf("store: user record connections: %w", err)
	}
	if !full {
		return ordered(ids, byID), nil
	}
	rows, err = db.QueryContext(ctx, `SELECT uw.user_id, w.integration_id, w.key, uw.enabled
		FROM user_workflows uw JOIN workflows w ON w.id = uw.workflow_id
		WHERE uw.user_id IN (SELECT value FROM json_each(?))`, string(arr))
	if err != nil {
		return nil, fmt.Errorf("store: user record workflows: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k key
		var wkey string
		var enabled bool
		if err := rows.Scan(&k.user, &k.integration, &wkey, &enabled); err != nil {
			return nil, fmt.Errorf("store: user record workflows: %w", err)
		}
		if i, ok := conns[k]; ok {
			byID[k.user].Connections[i].Workflows[wkey] = enabled
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: user record workflows: %w", err)
	}
	return ordered(ids, byID), nil
}

// integrationKey is an integration's key and bit.
type integrationKey struct {
	key string
	bit int64
}

// integrationsByKey lists the integrations in key order, nil when one has
// no bit.
func integrationsByKey(ctx context.Context, db DB) ([]integrationKey, error) {
	rows, err := db.QueryContext(ctx, "SELECT id, key FROM integrations ORDER BY key")
	list, err := collect(rows, err, "integrations by key", func(r *sql.Rows) (integrationKey, error) {
		var in integrationKey
		var id int64
		err := r.Scan(&id, &in.key)
		in.bit = IntegrationBit(id)
		return in, err
	})
	if err != nil {
		return nil, err
	}
	for _, in := range list {
		if in.bit == 0 {
			return nil, nil
		}
	}
	return list, nil
}

func ordered(ids []int64, byID map[int64]*UserRecord) []UserRecord {
	out := make([]UserRecord, 0, len(ids))
	for _, id := range ids {
		if u := byID[id]; u != nil {
			out = append(out, *u)
		}
	}
	return out
}
