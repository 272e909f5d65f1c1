// Package store keeps helpdesk's state in SQLite (modernc.org/sqlite, no
// cgo): the schema and its migrations, the orders and their import, and the
// records of the mail loop (threads, decisions, outbox, refunds). It knows
// nothing of mail formats.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Errors returned by the store; test with errors.Is.
var (
	// ErrNotFound means the record asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrSchemaTooNew means the database was migrated by a newer version of
	// helpdesk than this one; running older code on it could lose data.
	ErrSchemaTooNew = errors.New("database schema is newer than this program")
	// ErrInvalidOrder means ImportOrders was given an order that cannot be
	// stored, or two order ids that normalise to the same lookup key.
	ErrInvalidOrder = errors.New("invalid order")
)

// Store is helpdesk's SQLite database. It is safe for concurrent use.
type Store struct {
	db *sql.DB
}

// Open opens or creates the database at path and migrates its schema to the
// version this program knows. The path ":memory:" opens a private in-memory
// database (for tests).
//
// Every pooled connection gets the same pragmas through the DSN:
//   - journal_mode=WAL: readers do not block the writer.
//   - synchronous=FULL: this database records that a refund reply was sent
//     and what is still to do; in WAL mode NORMAL may lose the last commits on
//     a power cut, which could send a customer the same reply twice or lose
//     a refund owed. FULL costs one fsync per commit, nothing at our volume.
//   - foreign_keys=ON, busy_timeout=5000 (ms).
//
// Transactions begin IMMEDIATE (_txlock), so a transaction that writes takes
// the write lock at BEGIN and waits for it under busy_timeout, instead of
// failing with SQLITE_BUSY when it upgrades from a read.
func Open(ctx context.Context, path string) (*Store, error) {
	dsn, memory, err := dataSourceName(path)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("opening database %s: %w", path, err)
	}
	if memory {
		// Each connection to ":memory:" is a database of its own: keep one.
		db.SetMaxOpenConns(1)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("opening database %s: %w", path, err)
	}
	if err := migrate(ctx, db, migrations()); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrating database %s: %w", path, err)
	}
	return &Store{db: db}, nil
}

// Close closes the database.
func (s *Store) Close() error {
	return s.db.Close()
}

// dataSourceName turns path into a SQLite URI (https://sqlite.org/uri.html)
// carrying the driver's connection parameters. A URI, unlike a plain name,
// survives file names with '?' or '#' in them.
func dataSourceName(path string) (dsn string, memory bool, err error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Set("_txlock", "immediate")
	if path == ":memory:" {
		return "file::memory:?" + q.Encode(), true, nil
	}
	if path == "" {
		return "", false, errors.New("database path is empty")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false, fmt.Errorf("database path %s: %w", path, err)
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // file:///C:/... on Windows
	}
	u := url.URL{Scheme: "file", Path: p, RawQuery: q.Encode()}
	return u.String(), false, nil
}
