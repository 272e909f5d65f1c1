package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"helpdesk/internal/order"
)

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return tm
}

// testOrder returns a one-off processing order.
func testOrder(t testing.TB, id, email, placedAt string) order.Order {
	t.Helper()
	tm := mustTime(t, placedAt)
	return order.Order{
		ID: id, Email: email, Product: "1000 Instagram volgers", PlacedAt: tm,
		AmountCents: 1495, Currency: "EUR", Status: order.Processing,
	}
}

// sameOrder reports how got differs from want; times must be the same
// instant written with the same offset.
func sameOrder(got, want order.Order) string {
	var diffs []string
	if got.ID != want.ID || got.Email != want.Email || got.Product != want.Product ||
		got.AmountCents != want.AmountCents || got.Currency != want.Currency ||
		got.Recurring != want.Recurring || got.Status != want.Status {
		diffs = append(diffs, fmt.Sprintf("got %+v; want %+v", got, want))
	}
	for _, tc := range []struct {
		name      string
		got, want time.Time
	}{
		{"PlacedAt", got.PlacedAt, want.PlacedAt},
		{"LastPaymentAt", got.LastPaymentAt, want.LastPaymentAt},
	} {
		_, gotOff := tc.got.Zone()
		_, wantOff := tc.want.Zone()
		if !tc.got.Equal(tc.want) || gotOff != wantOff || tc.got.IsZero() != tc.want.IsZero() {
			diffs = append(diffs, fmt.Sprintf("%s: got %s; want %s", tc.name,
				tc.got.Format(time.RFC3339Nano), tc.want.Format(time.RFC3339Nano)))
		}
	}
	return strings.Join(diffs, "\n")
}

// dump returns every stored row, to see that a failed import changed nothing.
func dump(t *testing.T, s *Store) []orderRow {
	t.Helper()
	rows, err := s.db.Query(`SELECT ` + orderColumns + ` FROM orders ORDER BY lookup_key`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var all []orderRow
	for rows.Next() {
		r, err := scanOrderRow(rows)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return all
}

func TestImportCorpusOrders(t *testing.T) {
	shared := sharedDir(t)
	for _, corpus := range []string{"dev", "wording"} {
		t.Run(corpus, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(shared, "corpus", corpus, "orders.csv")
			data, err := os.ReadFile(path)
			if err != nil {
				t.Skipf("no orders.csv in corpus %s: %v", corpus, err)
			}
			want, err := order.ParseCSV(strings.NewReader(string(data)))
			if err != nil {
				t.Fatalf("ParseCSV(%s): %v", path, err)
			}
			s := newStore(t)
			res, err := s.ImportOrdersCSV(ctx, strings.NewReader(string(data)))
			if err != nil {
				t.Fatalf("ImportOrdersCSV: %v", err)
			}
			if res != (ImportResult{Added: len(want)}) {
				t.Errorf("first import: got %+v; want %+v", res, ImportResult{Added: len(want)})
			}
			for _, w := range want {
				got, err := s.Order(ctx, w.ID)
				if err != nil {
					t.Errorf("Order(%q): %v", w.ID, err)
					continue
				}
				if d := sameOrder(got, w); d != "" {
					t.Errorf("Order(%q):\n%s", w.ID, d)
				}
			}
			res, err = s.ImportOrdersCSV(ctx, strings.NewReader(string(data)))
			if err != nil {
				t.Fatalf("second ImportOrdersCSV: %v", err)
			}
			if res != (ImportResult{Unchanged: len(want)}) {
				t.Errorf("second import: got %+v; want %+v", res, ImportResult{Unchanged: len(want)})
			}
		})
	}
}

const goodCSV = `order_id,email,product,placed_at,amount_cents,currency,recurring,last_payment_at,status
100234,anna@example.nl,1000 Instagram volgers,2026-11-02T14:05:00+01:00,1495,EUR,false,,processing
S-7781,jan@example.com,Maandelijks TikTok pakket,2026-09-15T09:00:00+02:00,2999,EUR,true,2026-11-15T09:00:00+01:00,active
`

func TestImportBadFileChangesNothing(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if _, err := s.ImportOrdersCSV(ctx, strings.NewReader(goodCSV)); err != nil {
		t.Fatalf("importing the good file: %v", err)
	}
	before := dump(t, s)

	// Line 2 is good and would update order 100234; every other row is bad.
	bad := `order_id,email,product,placed_at,amount_cents,currency,recurring,last_payment_at,status
100234,anna@example.nl,1000 Instagram volgers,2026-11-02T14:05:00+01:00,1495,EUR,false,,completed
100235,piet@example.nl,500 likes,2026-11-02T14:05:00+01:00,595,EUR,false
100236,piet@example.nl,500 likes,2 november 2026,595,EUR,false,,processing
100237,piet@example.nl,500 likes,2026-11-02T14:05:00+01:00,595,EUR,false,,shipped
100234,anna@example.nl,1000 Instagram volgers,2026-11-02T14:05:00+01:00,1495,EUR,false,,processing
100238,piet@example.nl,500 likes,2026-11-02T14:05:00+01:00,-595,EUR,false,,processing
`
	res, err := s.ImportOrdersCSV(ctx, strings.NewReader(bad))
	var pe *order.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("ImportOrdersCSV of a bad file: got %v; want *order.ParseError", err)
	}
	if res != (ImportResult{}) {
		t.Errorf("result of a failed import: got %+v; want zero", res)
	}
	wantLines := []struct {
		line int
		has  string
	}{
		{3, "fields"},
		{4, "placed_at"},
		{5, "status"},
		{6, "already on line 2"},
		{7, "amount_cents"},
	}
	if len(pe.Rows) != len(wantLines) {
		t.Errorf("got %d bad rows; want %d:\n%v", len(pe.Rows), len(wantLines), pe)
	}
	for i, w := range wantLines {
		if i >= len(pe.Rows) {
			break
		}
		if got := pe.Rows[i]; got.Line != w.line || !strings.Contains(got.Reason, w.has) {
			t.Errorf("bad row %d: got %q; want line %d mentioning %q", i, got, w.line, w.has)
		}
	}
	if after := dump(t, s); !slices.Equal(after, before) {
		t.Errorf("a rejected file changed the table:\ngot  %+v\nwant %+v", after, before)
	}
}

func TestImportOrdersInvalid(t *testing.T) {
	ctx := context.Background()
	good := testOrder(t, "100234", "anna@example.nl", "2026-11-02T14:05:00+01:00")
	for _, tc := range []struct {
		name string
		mod  func(o order.Order) []order.Order
		has  []string
	}{
		{"same lookup key", func(o order.Order) []order.Order {
			a, b := o, o
			a.ID, b.ID = "S-7781", "s7781"
			return []order.Order{o, a, b}
		}, []string{`order "s7781"`, `as order "S-7781"`}},
		{"no letters or digits", func(o order.Order) []order.Order {
			o.ID = "#-"
			return []order.Order{o}
		}, []string{`order "#-"`, "no letters or digits"}},
		{"every problem at once", func(o order.Order) []order.Order {
			a, b := o, o
			a.ID, a.Status = "1", "shipped"
			b.ID, b.AmountCents, b.PlacedAt, b.Email = "2", -1, time.Time{}, ""
			return []order.Order{o, a, b}
		}, []string{`"shipped"`, "negative", "placed_at", "email is empty"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStore(t)
			res, err := s.ImportOrders(ctx, tc.mod(good))
			if !errors.Is(err, ErrInvalidOrder) {
				t.Fatalf("got %v; want ErrInvalidOrder", err)
			}
			for _, h := range tc.has {
				if !strings.Contains(err.Error(), h) {
					t.Errorf("error %q does not mention %q", err, h)
				}
			}
			if res != (ImportResult{}) {
				t.Errorf("result: got %+v; want zero", res)
			}
			if rows := dump(t, s); len(rows) != 0 {
				t.Errorf("got %d stored orders; want none", len(rows))
			}
		})
	}
}

func TestReimportUpdates(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if _, err := s.ImportOrdersCSV(ctx, strings.NewReader(goodCSV)); err != nil {
		t.Fatal(err)
	}
	next := `order_id,email,product,placed_at,amount_cents,currency,recurring,last_payment_at,status
100234,anna@example.nl,1000 Instagram volgers,2026-11-02T14:05:00+01:00,1495,EUR,false,,completed
S7781,jan@example.com,Maandelijks TikTok pakket,2026-09-15T09:00:00+02:00,2999,EUR,true,2026-12-15T09:00:00+01:00,active
100300,kees@example.nl,500 likes,2026-11-20T10:00:00+01:00,595,EUR,false,,pending
`
	res, err := s.ImportOrdersCSV(ctx, strings.NewReader(next))
	if err != nil {
		t.Fatal(err)
	}
	if want := (ImportResult{Added: 1, Updated: 2}); res != want {
		t.Errorf("got %+v; want %+v", res, want)
	}
	o, err := s.Order(ctx, "100234")
	if err != nil {
		t.Fatal(err)
	}
	if o.Status != order.Completed {
		t.Errorf("status of 100234: got %s; want %s", o.Status, order.Completed)
	}
	o, err = s.Order(ctx, "S-7781")
	if err != nil {
		t.Fatal(err)
	}
	if want := mustTime(t, "2026-12-15T09:00:00+01:00"); o.ID != "S7781" || !o.LastPaymentAt.Equal(want) {
		t.Errorf("S-7781 after re-import: got id %s, last payment %s; want id S7781, last payment %s", o.ID, o.LastPaymentAt, want)
	}
	res, err = s.ImportOrdersCSV(ctx, strings.NewReader(next))
	if err != nil {
		t.Fatal(err)
	}
	if want := (ImportResult{Unchanged: 3}); res != want {
		t.Errorf("same file again: got %+v; want %+v", res, want)
	}
}

func TestOrdersByEmail(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	// Local times that sort the other way round from their instants: the
	// lookup must order by instant.
	orders := []order.Order{
		testOrder(t, "3", "Lisa@Example.nl", "2026-11-02T00:30:00+01:00"), // 2026-11-01T23:30Z
		testOrder(t, "1", "lisa@example.nl", "2026-11-01T23:45:00Z"),
		testOrder(t, "2", "lisa@example.nl", "2026-10-01T12:00:00.5+02:00"),
		testOrder(t, "4", "lisa+shop@example.nl", "2026-10-01T12:00:00+02:00"),
		testOrder(t, "5", "LISA@example.com", "2026-10-01T12:00:00+02:00"),
	}
	if _, err := s.ImportOrders(ctx, orders); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		email string
		want  []string
	}{
		{"lisa@example.nl", []string{"2", "3", "1"}},
		{"LISA@EXAMPLE.NL", []string{"2", "3", "1"}},
		{"lisa+shop@example.nl", []string{"4"}},
		{"Lisa+Shop@example.NL", []string{"4"}},
		{"lisa@example.com", []string{"5"}},
		{"lisa", nil},
		{"", nil},
	} {
		t.Run(tc.email, func(t *testing.T) {
			got, err := s.OrdersByEmail(ctx, tc.email)
			if err != nil {
				t.Fatal(err)
			}
			if ids := orderIDs(got); !slices.Equal(ids, tc.want) {
				t.Errorf("got %q; want %q", ids, tc.want)
			}
		})
	}
}

func orderIDs(orders []order.Order) []string {
	var ids []string
	for _, o := range orders {
		ids = append(ids, o.ID)
	}
	return ids
}

func TestOrdersByIDs(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if _, err := s.ImportOrdersCSV(ctx, strings.NewReader(goodCSV)); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		ids  []string
		want []string
	}{
		{"as written", []string{"100234", "S-7781"}, []string{"100234", "S-7781"}},
		{"order of ids", []string{"S-7781", "100234"}, []string{"S-7781", "100234"}},
		{"hash", []string{"#100234"}, []string{"100234"}},
		{"no dash", []string{"S7781"}, []string{"S-7781"}},
		{"lower case", []string{"s-7781"}, []string{"S-7781"}},
		{"spaces and dots", []string{"s 77.81"}, []string{"S-7781"}},
		{"unknown ignored", []string{"999999", "#100234", "X-1"}, []string{"100234"}},
		{"named twice", []string{"#100234", "s7781", "100234"}, []string{"100234", "S-7781"}},
		{"none", nil, nil},
		{"only punctuation", []string{"#", "-"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s.OrdersByIDs(ctx, tc.ids)
			if err != nil {
				t.Fatal(err)
			}
			if ids := orderIDs(got); !slices.Equal(ids, tc.want) {
				t.Errorf("OrdersByIDs(%q): got %q; want %q", tc.ids, ids, tc.want)
			}
		})
	}
}

func TestOrderNotFound(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if _, err := s.ImportOrdersCSV(ctx, strings.NewReader(goodCSV)); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"100235", "", "#", "S-77810"} {
		if _, err := s.Order(ctx, id); !errors.Is(err, ErrNotFound) {
			t.Errorf("Order(%q): got %v; want ErrNotFound", id, err)
		}
	}
	if o, err := s.Order(ctx, "#s-7781"); err != nil || o.ID != "S-7781" {
		t.Errorf("Order(#s-7781): got %q, %v; want S-7781", o.ID, err)
	}
}

func TestTimeRoundTrip(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []string{
		"2026-11-02T14:05:00+01:00",
		"2026-10-24T23:30:00Z",
		"2026-10-24T23:30:00+00:00",
		"2026-10-25T02:30:00+02:00", // the hour before summer time ended in Amsterdam
		"2026-11-02T14:05:00.123456789+05:45",
		"2026-11-02T14:05:00.5-03:30",
		"0001-01-01T00:00:01Z",
		"9999-12-31T22:59:59.999999999Z",
	} {
		t.Run(tc, func(t *testing.T) {
			s := newStore(t)
			o := testOrder(t, "S-1", "jan@example.com", tc)
			o.Recurring, o.Status, o.LastPaymentAt = true, order.Active, mustTime(t, tc).Add(time.Hour)
			if _, err := s.ImportOrders(ctx, []order.Order{o}); err != nil {
				t.Fatal(err)
			}
			got, err := s.Order(ctx, "S-1")
			if err != nil {
				t.Fatal(err)
			}
			if d := sameOrder(got, o); d != "" {
				t.Error(d)
			}
			if got.PlacedAt.Format(time.RFC3339Nano) != o.PlacedAt.Format(time.RFC3339Nano) {
				t.Errorf("PlacedAt: got %s; want %s", got.PlacedAt.Format(time.RFC3339Nano), o.PlacedAt.Format(time.RFC3339Nano))
			}
		})
	}
}

func BenchmarkOrdersByEmail(b *testing.B) {
	ctx := context.Background()
	s := newStore(b)
	const customers, perCustomer = 5000, 4
	var orders []order.Order
	start := time.Date(2026, 10, 1, 9, 0, 0, 0, time.FixedZone("", 2*3600))
	for i := range customers * perCustomer {
		o := testOrder(b, fmt.Sprint(100000+i), fmt.Sprintf("klant%d@example.nl", i%customers), "2026-10-01T09:00:00+02:00")
		o.PlacedAt = start.Add(time.Duration(i) * time.Minute)
		orders = append(orders, o)
	}
	if _, err := s.ImportOrders(ctx, orders); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		got, err := s.OrdersByEmail(ctx, fmt.Sprintf("Klant%d@example.nl", i%customers))
		if err != nil {
			b.Fatal(err)
		}
		if len(got) != perCustomer {
			b.Fatalf("got %d orders; want %d", len(got), perCustomer)
		}
		i++
	}
}

// TestOrderLookupsUseIndexes checks the query plans, so that lookups stay
// fast as the order data grows without timing anything.
func TestOrderLookupsUseIndexes(t *testing.T) {
	s := newStore(t)
	for _, tc := range []struct {
		query string
		want  string
	}{
		{`SELECT ` + orderColumns + ` FROM orders WHERE email_lower = ? ORDER BY placed_at, lookup_key`, "USING INDEX orders_by_email"},
		{`SELECT ` + orderColumns + ` FROM orders WHERE lookup_key = ?`, "USING INDEX sqlite_autoindex_orders_1"},
	} {
		rows, err := s.db.Query("EXPLAIN QUERY PLAN "+tc.query, "x")
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if got := strings.Join(plan, "; "); !strings.Contains(got, tc.want) || strings.Contains(got, "TEMP B-TREE") {
			t.Errorf("plan of %q: got %q; want %s and no sorting", tc.query, got, tc.want)
		}
	}
}
