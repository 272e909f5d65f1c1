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
	"helpdesk/internal/order"
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

type noOrders struct{}

func (noOrders) OrdersByEmail(context.Context, string) ([]order.Order, error) {
	return []order.Order{{ID: "100234", Email: "anna@example.nl", Product: "volgers", PlacedAt: time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC), Currency: "EUR", Status: order.Processing}}, nil
}
func (noOrders) OrdersByIDs(context.Context, []string) ([]order.Order, error) { return nil, nil }

// TestUnsafeSenders: a forged sender or one that asks for no automatic
// answer gets no decision on money.
func TestUnsafeSenders(t *testing.T) {
	const base = "Received: from x by mx1.volgersfabriek.nl; Thu, 05 Nov 2026 10:00:00 +0100\r\nFrom: Anna <anna@example.nl>\r\nTo: support@volgersfabriek.nl\r\nSubject: Niet ontvangen\r\nMessage-ID: <a@example.nl>\r\n"
	const body = "\r\nMijn volgers van bestelling 100234 zijn nog steeds niet ontvangen.\r\n"
	shop := decide.Shop{Addresses: []string{"support@volgersfabriek.nl"}, Location: time.UTC, WindowDays: 7, TrustedAuthservID: "mx1.volgersfabriek.nl"}
	tests := []struct {
		name, header string
		want         policy.Outcome
	}{
		{"authenticated", "Authentication-Results: mx1.volgersfabriek.nl; dmarc=pass header.from=example.nl\r\n", policy.Eligible},
		{"dmarc fail", "Authentication-Results: mx1.volgersfabriek.nl; dmarc=fail header.from=example.nl\r\n", policy.Human},
		{"forged pass of another server", "Authentication-Results: mx1.volgersfabriek.nl; spf=fail smtp.mailfrom=example.nl\r\nAuthentication-Results: evil.example; spf=pass smtp.mailfrom=example.nl\r\n", policy.Human},
		{"asks for no automatic answer", "X-Auto-Response-Suppress: All\r\n", policy.Human},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := message.Read(bytes.NewReader([]byte(base+tt.header+body)), message.Options{})
			if err != nil {
				t.Fatal(err)
			}
			r, err := decide.Mail(context.Background(), shop, noOrders{}, m, policy.History{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if r.Decision.Outcome != tt.want {
				t.Errorf("got %s; want %s\n%v", r.Decision.Outcome, tt.want, r.Decision.Reasons)
			}
		})
	}
}
