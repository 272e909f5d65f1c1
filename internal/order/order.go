// Package order owns the shop's order data as PRODUCT.md defines it: the
// Order record, its statuses, and the orders.csv format with row-by-row
// validation. It knows nothing of SQL or mail.
package order

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Status is the state of an order in the shop.
type Status string

// The statuses of PRODUCT.md ("Order data").
const (
	Pending    Status = "pending"
	Processing Status = "processing"
	Partial    Status = "partial"
	Completed  Status = "completed"
	Canceled   Status = "canceled"
	Refunded   Status = "refunded"
	Active     Status = "active" // recurring
)

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	switch s {
	case Pending, Processing, Partial, Completed, Canceled, Refunded, Active:
		return true
	}
	return false
}

// Settled reports whether the order was already canceled or refunded:
// a person looks at such a case (PRODUCT.md, "Readings settled").
func (s Status) Settled() bool { return s == Canceled || s == Refunded }

// Order is one row of the order data.
type Order struct {
	ID            string
	Email         string // as written; compare with strings.EqualFold
	Product       string
	PlacedAt      time.Time
	AmountCents   int64
	Currency      string
	Recurring     bool
	LastPaymentAt time.Time // zero for one-off orders
	Status        Status
}

// ReferenceDate is the date the refund window counts from: last_payment_at
// for a cancellation of a recurring order, placed_at otherwise (PRODUCT.md,
// "reference date"). A recurring order without a recorded payment counts
// from placed_at.
func (o Order) ReferenceDate(cancellation bool) time.Time {
	if cancellation && o.Recurring && !o.LastPaymentAt.IsZero() {
		return o.LastPaymentAt
	}
	return o.PlacedAt
}

// Header is the exact header row of orders.csv.
var Header = []string{"order_id", "email", "product", "placed_at", "amount_cents", "currency", "recurring", "last_payment_at", "status"}

// RowError is one bad row of an orders file.
type RowError struct {
	Line   int // 1-based line number in the file
	Reason string
}

func (e RowError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Reason) }

// ParseError lists every bad row of an orders file; a file with any bad
// row is rejected as a whole.
type ParseError struct {
	Rows []RowError
}

func (e *ParseError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d bad row(s) in orders file", len(e.Rows))
	for _, r := range e.Rows {
		b.WriteString("\n  ")
		b.WriteString(r.Error())
	}
	return b.String()
}

// ParseCSV reads orders.csv. It returns every order, or a *ParseError that
// names each bad row with its line number and why it is bad (duplicate ids
// included). Nothing is returned with a partial result.
func ParseCSV(r io.Reader) ([]Order, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = false
	var (
		orders []Order
		bad    []RowError
		seen   = map[string]int{}
	)
	first := true
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				bad = append(bad, RowError{Line: pe.Line, Reason: pe.Err.Error()})
				continue
			}
			return nil, fmt.Errorf("reading orders: %w", err)
		}
		if first {
			first = false
			if len(rec) > 0 {
				rec[0] = strings.TrimPrefix(rec[0], "\ufeff")
			}
			if !equalHeader(rec) {
				bad = append(bad, RowError{Line: line, Reason: fmt.Sprintf("header is %q; want %q", strings.Join(rec, ","), strings.Join(Header, ","))})
				return nil, &ParseError{Rows: bad}
			}
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		o, reasons := parseRow(rec)
		if prev, ok := seen[strings.ToLower(o.ID)]; ok && o.ID != "" {
			reasons = append(reasons, fmt.Sprintf("order_id %q already on line %d", o.ID, prev))
		}
		if len(reasons) > 0 {
			bad = append(bad, RowError{Line: line, Reason: strings.Join(reasons, "; ")})
			continue
		}
		seen[strings.ToLower(o.ID)] = line
		orders = append(orders, o)
	}
	if first {
		return nil, &ParseError{Rows: []RowError{{Line: 1, Reason: "empty file: want a header row"}}}
	}
	if len(bad) > 0 {
		return nil, &ParseError{Rows: bad}
	}
	return orders, nil
}

func equalHeader(rec []string) bool {
	if len(rec) != len(Header) {
		return false
	}
	for i := range rec {
		if strings.TrimSpace(strings.ToLower(rec[i])) != Header[i] {
			return false
		}
	}
	return true
}

func parseRow(rec []string) (Order, []string) {
	if len(rec) != len(Header) {
		return Order{}, []string{fmt.Sprintf("%d fields; want %d", len(rec), len(Header))}
	}
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	var (
		o       Order
		reasons []string
		err     error
	)
	o.ID = rec[0]
	if o.ID == "" {
		reasons = append(reasons, "order_id is empty")
	} else if strings.ContainsAny(o.ID, " \t") {
		reasons = append(reasons, fmt.Sprintf("order_id %q contains white space", o.ID))
	}
	o.Email = rec[1]
	if at := strings.LastIndexByte(o.Email, '@'); at <= 0 || at == len(o.Email)-1 || strings.ContainsAny(o.Email, " <>,") {
		reasons = append(reasons, fmt.Sprintf("email %q is not an address", o.Email))
	}
	o.Product = rec[2]
	if o.PlacedAt, err = time.Parse(time.RFC3339, rec[3]); err != nil {
		reasons = append(reasons, fmt.Sprintf("placed_at %q is not an RFC 3339 time", rec[3]))
	}
	if o.AmountCents, err = strconv.ParseInt(rec[4], 10, 64); err != nil || o.AmountCents < 0 {
		reasons = append(reasons, fmt.Sprintf("amount_cents %q is not a whole number of cents >= 0", rec[4]))
	}
	o.Currency = strings.ToUpper(rec[5])
	if len(o.Currency) != 3 {
		reasons = append(reasons, fmt.Sprintf("currency %q is not a 3-letter code", rec[5]))
	}
	switch strings.ToLower(rec[6]) {
	case "true":
		o.Recurring = true
	case "false":
	default:
		reasons = append(reasons, fmt.Sprintf("recurring %q is not true or false", rec[6]))
	}
	if rec[7] != "" {
		if o.LastPaymentAt, err = time.Parse(time.RFC3339, rec[7]); err != nil {
			reasons = append(reasons, fmt.Sprintf("last_payment_at %q is not an RFC 3339 time", rec[7]))
		} else if !o.Recurring {
			reasons = append(reasons, "last_payment_at is set on an order that is not recurring")
		}
	}
	o.Status = Status(strings.ToLower(rec[8]))
	if !o.Status.Valid() {
		reasons = append(reasons, fmt.Sprintf("status %q is not one of pending, processing, partial, completed, canceled, refunded, active", rec[8]))
	}
	return o, reasons
}

// Key is the lookup form of an order number: upper case, without the '#',
// '-', '.', '/' and spaces customers put in or leave out, so that "#100234",
// "s-7781" and "S7781" find their orders.
func Key(id string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(id) {
		switch r {
		case '#', '-', '.', '/', ' ', '\t', '_':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
