package order

import (
	"errors"
	"strings"
	"testing"
	"time"
)

const header = "order_id,email,product,placed_at,amount_cents,currency,recurring,last_payment_at,status\n"

func TestParseCSV(t *testing.T) {
	orders, err := ParseCSV(strings.NewReader(header +
		"100234,anna@example.nl,1000 Instagram volgers,2026-11-02T14:05:00+01:00,1495,EUR,false,,processing\n" +
		"S-7781,jan@example.com,\"Maandelijks TikTok pakket, groot\",2026-09-15T09:00:00+02:00,2999,eur,true,2026-11-15T09:00:00+01:00,active\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(orders) != 2 {
		t.Fatalf("got %d orders; want 2", len(orders))
	}
	s := orders[1]
	if s.ID != "S-7781" || !s.Recurring || s.Currency != "EUR" || s.Product != "Maandelijks TikTok pakket, groot" || s.Status != Active {
		t.Errorf("got %+v", s)
	}
	if want := time.Date(2026, 11, 15, 8, 0, 0, 0, time.UTC); !s.LastPaymentAt.Equal(want) || !s.ReferenceDate(true).Equal(want) {
		t.Errorf("got last payment %v, reference %v; want %v", s.LastPaymentAt, s.ReferenceDate(true), want)
	}
	if !s.ReferenceDate(false).Equal(s.PlacedAt) {
		t.Errorf("the reference date of a non-cancellation is placed_at")
	}
}

// TestParseCSVBadRows: every bad row is named with its line and why, and
// nothing is returned.
func TestParseCSVBadRows(t *testing.T) {
	in := header +
		"100234,anna@example.nl,volgers,2026-11-02T14:05:00+01:00,1495,EUR,false,,processing\n" + // line 2: good
		"100235,anna@example.nl,volgers,2 november,1495,EUR,false,,processing\n" + // 3: time
		"100236,not-an-address,volgers,2026-11-02T14:05:00+01:00,1495,EUR,false,,processing\n" + // 4: email
		"100237,anna@example.nl,volgers,2026-11-02T14:05:00+01:00,-5,EUR,false,,processing\n" + // 5: amount
		"100238,anna@example.nl,volgers,2026-11-02T14:05:00+01:00,1495,EUR,maybe,,shipped\n" + // 6: recurring, status
		"100234,anna@example.nl,volgers,2026-11-02T14:05:00+01:00,1495,EUR,false,,processing\n" + // 7: duplicate
		"100239,anna@example.nl\n" // 8: fields
	orders, err := ParseCSV(strings.NewReader(in))
	var pe *ParseError
	if !errors.As(err, &pe) || orders != nil {
		t.Fatalf("got %d orders, %v; want a *ParseError and no orders", len(orders), err)
	}
	want := map[int]string{3: "placed_at", 4: "email", 5: "amount_cents", 6: "status", 7: "already on line 2", 8: "fields"}
	if len(pe.Rows) != len(want) {
		t.Fatalf("got %d bad rows; want %d:\n%v", len(pe.Rows), len(want), err)
	}
	for _, r := range pe.Rows {
		if w, ok := want[r.Line]; !ok || !strings.Contains(r.Reason, w) {
			t.Errorf("line %d: %q; want it to mention %q", r.Line, r.Reason, w)
		}
	}
	if !strings.Contains(pe.Rows[3].Reason, "recurring") {
		t.Errorf("line 6 names only %q; want recurring too", pe.Rows[3].Reason)
	}
}

func TestParseCSVHeader(t *testing.T) {
	for _, in := range []string{"", "file,category,outcome\nx,y,z\n"} {
		if _, err := ParseCSV(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("ParseCSV(%q): got %v; want an error on line 1", in, err)
		}
	}
	if _, err := ParseCSV(strings.NewReader("\ufeff" + header)); err != nil {
		t.Errorf("a UTF-8 byte order mark: got %v", err)
	}
}

func TestKey(t *testing.T) {
	for in, want := range map[string]string{"#100234": "100234", "s-7781": "S7781", "S 7781": "S7781", "ab.1212": "AB1212"} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q; want %q", in, got, want)
		}
	}
}
