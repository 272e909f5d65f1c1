package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"helpdesk/internal/order"
)

// newStore opens a fresh database in a temporary directory.
func newStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "helpdesk.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// sharedDir returns /work/shared, found beside the module root, or skips.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared corpus not found at %s (it lives beside the module root): %v", dir, err)
	}
	return dir
}

func TestOpenPragmas(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	// Hold two connections at once so the pool must open a second one: the
	// pragmas come from the DSN and must be set on each.
	var conns []*sql.Conn
	for range 2 {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns = append(conns, c)
	}
	for i, c := range conns {
		for _, tc := range []struct {
			pragma string
			want   string
		}{
			{"journal_mode", "wal"},
			{"foreign_keys", "1"},
			{"synchronous", "2"}, // FULL
			{"busy_timeout", "5000"},
		} {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+tc.pragma).Scan(&got); err != nil {
				t.Fatalf("conn %d: PRAGMA %s: %v", i, tc.pragma, err)
			}
			if got != tc.want {
				t.Errorf("conn %d: PRAGMA %s = %s; want %s", i, tc.pragma, got, tc.want)
			}
		}
	}
}

func TestOpenMemory(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatalf("Open(:memory:): %v", err)
	}
	defer s.Close()
	if _, err := s.ImportOrders(ctx, []order.Order{testOrder(t, "100234", "anna@example.nl", "2026-11-02T14:05:00+01:00")}); err != nil {
		t.Fatalf("ImportOrders: %v", err)
	}
	// Concurrent readers must all see the one in-memory database.
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if _, err := s.Order(ctx, "100234"); err != nil {
				t.Errorf("Order: %v", err)
			}
		})
	}
	wg.Wait()
}

func TestOpenPathNeedsEscaping(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "a dir?x=1#frag", "help%20desk.db")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database file not at %q: %v", path, err)
	}
}

func TestOpenEmptyPath(t *testing.T) {
	if _, err := Open(context.Background(), ""); err == nil {
		t.Error("Open(\"\") succeeded; want an error")
	}
}

func schemaVersion(t *testing.T, db *sql.DB) int {
	t.Helper()
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestMigrationsIdempotent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "helpdesk.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("first Open: %v", err)
	}
	if _, err := s.ImportOrders(ctx, []order.Order{testOrder(t, "100234", "anna@example.nl", "2026-11-02T14:05:00+01:00")}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("second Open: %v", err)
	}
	defer s.Close()
	if got, want := schemaVersion(t, s.db), len(migrations()); got != want {
		t.Errorf("user_version = %d; want %d", got, want)
	}
	if _, err := s.Order(ctx, "100234"); err != nil {
		t.Errorf("order lost on reopening: %v", err)
	}
}

func TestSchemaTooNew(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "helpdesk.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	newer := len(migrations()) + 1
	if _, err := s.db.Exec(fmt.Sprintf("PRAGMA user_version = %d", newer)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(ctx, path)
	if !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("Open of a newer database: got %v; want ErrSchemaTooNew", err)
	}
	if !strings.Contains(err.Error(), fmt.Sprint(newer)) {
		t.Errorf("error %q does not name the database's version %d", err, newer)
	}
}

func TestMigrateStepRollsBack(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	base := migrations()
	bad := append(base[:len(base):len(base)],
		migration{name: "good", sql: "CREATE TABLE t1 (x INTEGER)"},
		migration{name: "bad", sql: "CREATE TABLE t2 (x INTEGER); CREATE TABLE oops ("},
	)
	if err := migrate(ctx, s.db, bad); err == nil || !strings.Contains(err.Error(), "(bad)") {
		t.Fatalf("migrate with a broken step: got %v; want an error naming step \"bad\"", err)
	}
	if got, want := schemaVersion(t, s.db), len(base)+1; got != want {
		t.Errorf("user_version after failed step = %d; want %d", got, want)
	}
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 't2'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Error("table t2 of the failed step exists; want the step rolled back")
	}
	fixed := append(bad[:len(bad)-1:len(bad)-1], migration{name: "fixed", sql: "CREATE TABLE t2 (x INTEGER); CREATE TABLE t3 (y TEXT)"})
	if err := migrate(ctx, s.db, fixed); err != nil {
		t.Fatalf("migrate with the step fixed: %v", err)
	}
	if got, want := schemaVersion(t, s.db), len(fixed); got != want {
		t.Errorf("user_version = %d; want %d", got, want)
	}
}

// TestConcurrentImports checks that writers on separate connections wait
// for each other (busy_timeout, BEGIN IMMEDIATE) instead of failing.
func TestConcurrentImports(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "helpdesk.db")
	var stores []*Store
	for range 2 {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores = append(stores, s)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			s := stores[i%2]
			o := testOrder(t, fmt.Sprint(100000+i), "anna@example.nl", "2026-11-02T14:05:00+01:00")
			if _, err := s.ImportOrders(ctx, []order.Order{o}); err != nil {
				t.Errorf("import %d: %v", i, err)
			}
			if _, err := s.OrdersByEmail(ctx, "anna@example.nl"); err != nil {
				t.Errorf("lookup %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	got, err := stores[0].OrdersByEmail(ctx, "anna@example.nl")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 8 {
		t.Errorf("got %d orders; want 8", len(got))
	}
}
