package decide_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"helpdesk/internal/decide"
	"helpdesk/internal/message"
	"helpdesk/internal/policy"
	"helpdesk/internal/store"
)

// BenchmarkReadAndDecide measures one mail from raw bytes to its decision:
// reading (internal/message), classifying, the order lookups in SQLite and
// the policy. Compare with internal/message's BenchmarkGoMessageParse, which
// is go-message alone on the same mail.
func BenchmarkReadAndDecide(b *testing.B) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "dev")
	raw, err := os.ReadFile(filepath.Join(dir, "mail", "026.eml"))
	if err != nil {
		b.Skipf("corpus not found: %v", err)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	f, err := os.Open(filepath.Join(dir, "orders.csv"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.ImportOrdersCSV(ctx, f); err != nil {
		b.Fatal(err)
	}
	f.Close()
	loc, _ := time.LoadLocation("Europe/Amsterdam")
	shop := decide.Shop{Addresses: []string{"support@volgersfabriek.nl"}, Location: loc, WindowDays: 7}
	b.ReportAllocs()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		m, err := message.Read(bytes.NewReader(raw), message.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := decide.Mail(ctx, shop, st, m, policy.History{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
