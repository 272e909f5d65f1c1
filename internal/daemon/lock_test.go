package daemon

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestLock(t *testing.T) {
	db := filepath.Join(t.TempDir(), "helpdesk.db")
	unlock, err := Lock(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(db); !errors.Is(err, ErrLocked) {
		t.Fatalf("second Lock: got %v; want ErrLocked", err)
	}
	unlock()
	unlock2, err := Lock(db)
	if err != nil {
		t.Fatalf("Lock after unlock: %v", err)
	}
	unlock2()
}
