package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migration is one step of the schema.
type migration struct {
	name string // says what the step adds, for error messages
	sql  string // one or more statements
}

// migrations returns the schema steps in order: step i brings a database
// from PRAGMA user_version i to i+1. To change the schema, append a step
// (its SQL may live in the file of the code that uses it); never edit,
// reorder or remove a step that has been released, since databases in the
// field have already run it.
func migrations() []migration {
	return []migration{
		{name: "orders", sql: ordersSchema},
		{name: "mail loop", sql: mailSchema},
	}
}

// migrate runs the steps db has not run yet, each in its own transaction
// together with its user_version update, so a failed step leaves the
// database at the previous version. The version is read inside each
// transaction, which begins IMMEDIATE: two processes opening the same
// database at once take turns instead of running a step twice.
func migrate(ctx context.Context, db *sql.DB, steps []migration) error {
	for {
		done, err := migrateOne(ctx, db, steps)
		if err != nil || done {
			return err
		}
	}
}

// migrateOne runs the next step, if any. done reports that the database is
// at the latest version.
func migrateOne(ctx context.Context, db *sql.DB, steps []migration) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return false, fmt.Errorf("reading schema version: %w", err)
	}
	switch {
	case version > len(steps):
		return false, fmt.Errorf("%w: database is at schema version %d, this program knows up to %d; use a newer helpdesk", ErrSchemaTooNew, version, len(steps))
	case version == len(steps):
		return true, nil
	}
	step := steps[version]
	if _, err := tx.ExecContext(ctx, step.sql); err != nil {
		return false, fmt.Errorf("schema step %d (%s): %w", version+1, step.name, err)
	}
	// PRAGMA takes no bound parameters; version is an int.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", version+1)); err != nil {
		return false, fmt.Errorf("schema step %d (%s): setting version: %w", version+1, step.name, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("schema step %d (%s): %w", version+1, step.name, err)
	}
	return version+1 == len(steps), nil
}
