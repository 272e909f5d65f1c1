package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"helpdesk/internal/order"
)

// ordersSchema is the orders table. An order is identified by its lookup
// key, order.Key of its id, so that the ways customers write an order
// number find it. Times are RFC 3339 in UTC with a fixed-width fraction, so
// that text order is time order, plus the offset they were written with, so
// that an order reads back exactly as imported.
const ordersSchema = `
CREATE TABLE orders (
	lookup_key TEXT NOT NULL PRIMARY KEY CHECK (lookup_key <> ''),
	id TEXT NOT NULL,
	email TEXT NOT NULL,
	email_lower TEXT NOT NULL,
	product TEXT NOT NULL,
	placed_at TEXT NOT NULL,
	placed_at_offset INTEGER NOT NULL,
	amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
	currency TEXT NOT NULL,
	recurring INTEGER NOT NULL CHECK (recurring IN (0, 1)),
	last_payment_at TEXT,
	last_payment_at_offset INTEGER,
	status TEXT NOT NULL
) STRICT;
CREATE INDEX orders_by_email ON orders (email_lower, placed_at, lookup_key);
`

// orderColumns lists the columns in the order of orderRow's fields.
const orderColumns = `lookup_key, id, email, email_lower, product, placed_at, placed_at_offset,
	amount_cents, currency, recurring, last_payment_at, last_payment_at_offset, status`

// timeLayout is RFC 3339 with a fixed nine-digit fraction; used in UTC only.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

// ImportResult counts what an import did.
type ImportResult struct {
	Added     int // orders that were new
	Updated   int // known orders whose data changed
	Unchanged int // known orders imported with the same data
}

// ImportOrdersCSV reads an orders.csv file (see order.ParseCSV) and imports
// it with ImportOrders. A file with any bad row changes nothing and returns
// the *order.ParseError that lists every bad row with its line number.
func (s *Store) ImportOrdersCSV(ctx context.Context, r io.Reader) (ImportResult, error) {
	orders, err := order.ParseCSV(r)
	if err != nil {
		return ImportResult{}, err
	}
	return s.ImportOrders(ctx, orders)
}

// ImportOrders adds new orders and updates known ones, in one transaction.
// An order is known when its id has the lookup key (order.Key) of a stored
// order; the id is then stored as now written. Orders that cannot be stored,
// or two ids in orders with the same lookup key, change nothing and return
// an error wrapping ErrInvalidOrder that names every one of them.
func (s *Store) ImportOrders(ctx context.Context, orders []order.Order) (ImportResult, error) {
	rows, err := orderRows(orders)
	if err != nil {
		return ImportResult{}, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return ImportResult{}, fmt.Errorf("importing orders: %w", err)
	}
	defer tx.Rollback()
	get, err := tx.PrepareContext(ctx, `SELECT `+orderColumns+` FROM orders WHERE lookup_key = ?`)
	if err != nil {
		return ImportResult{}, fmt.Errorf("importing orders: %w", err)
	}
	defer get.Close()
	put, err := tx.PrepareContext(ctx, `INSERT INTO orders (`+orderColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (lookup_key) DO UPDATE SET
			id = excluded.id, email = excluded.email, email_lower = excluded.email_lower,
			product = excluded.product, placed_at = excluded.placed_at,
			placed_at_offset = excluded.placed_at_offset, amount_cents = excluded.amount_cents,
			currency = excluded.currency, recurring = excluded.recurring,
			last_payment_at = excluded.last_payment_at,
			last_payment_at_offset = excluded.last_payment_at_offset, status = excluded.status`)
	if err != nil {
		return ImportResult{}, fmt.Errorf("importing orders: %w", err)
	}
	defer put.Close()

	var res ImportResult
	for _, r := range rows {
		old, err := scanOrderRow(get.QueryRowContext(ctx, r.key))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			res.Added++
		case err != nil:
			return ImportResult{}, fmt.Errorf("importing order %s: %w", r.id, err)
		case old == r:
			res.Unchanged++
			continue
		default:
			res.Updated++
		}
		if _, err := put.ExecContext(ctx, r.args()...); err != nil {
			return ImportResult{}, fmt.Errorf("importing order %s: %w", r.id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return ImportResult{}, fmt.Errorf("importing orders: %w", err)
	}
	return res, nil
}

// Order returns the order whose id has the lookup key of id (order.Key),
// or an error wrapping ErrNotFound.
func (s *Store) Order(ctx context.Context, id string) (order.Order, error) {
	key := order.Key(id)
	if key == "" {
		return order.Order{}, fmt.Errorf("order %q: %w", id, ErrNotFound)
	}
	r, err := scanOrderRow(s.db.QueryRowContext(ctx, `SELECT `+orderColumns+` FROM orders WHERE lookup_key = ?`, key))
	if errors.Is(err, sql.ErrNoRows) {
		return order.Order{}, fmt.Errorf("order %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return order.Order{}, fmt.Errorf("order %q: %w", id, err)
	}
	return r.order()
}

// OrdersByEmail returns the orders placed with email, oldest first.
// Addresses compare case-insensitively and otherwise literally
// (PRODUCT.md, "Sender"): "lisa+shop@x" does not find "lisa@x".
func (s *Store) OrdersByEmail(ctx context.Context, email string) ([]order.Order, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+orderColumns+` FROM orders
		WHERE email_lower = ? ORDER BY placed_at, lookup_key`, strings.ToLower(email))
	if err != nil {
		return nil, fmt.Errorf("orders of %s: %w", email, err)
	}
	orders, err := collectOrders(rows)
	if err != nil {
		return nil, fmt.Errorf("orders of %s: %w", email, err)
	}
	return orders, nil
}

// OrdersByIDs returns the orders with the given order numbers, matched on
// their lookup keys (order.Key) so that "#100234", "S7781" and "s-7781"
// find theirs. The result follows the order of ids; ids of unknown orders
// are left out, and an order named twice appears once.
func (s *Store) OrdersByIDs(ctx context.Context, ids []string) ([]order.Order, error) {
	var keys []string
	pos := map[string]int{}
	for _, id := range ids {
		k := order.Key(id)
		if _, ok := pos[k]; ok || k == "" {
			continue
		}
		pos[k] = len(keys)
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, nil
	}
	// One JSON array parameter instead of one placeholder per id: no limit on
	// the number of ids, and one statement text to prepare.
	list, err := json.Marshal(keys)
	if err != nil {
		return nil, fmt.Errorf("orders by id: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+orderColumns+` FROM orders
		WHERE lookup_key IN (SELECT value FROM json_each(?))`, string(list))
	if err != nil {
		return nil, fmt.Errorf("orders by id: %w", err)
	}
	found, err := collectOrders(rows)
	if err != nil {
		return nil, fmt.Errorf("orders by id: %w", err)
	}
	byPos := make([]*order.Order, len(keys))
	for i := range found {
		byPos[pos[order.Key(found[i].ID)]] = &found[i]
	}
	orders := make([]order.Order, 0, len(found))
	for _, o := range byPos {
		if o != nil {
			orders = append(orders, *o)
		}
	}
	return orders, nil
}

// orderRow is an order as stored: one field per column, comparable with ==.
type orderRow struct {
	key                 string
	id                  string
	email               string
	emailLower          string
	product             string
	placedAt            string
	placedAtOffset      int64
	amountCents         int64
	currency            string
	recurring           bool
	lastPaymentAt       sql.NullString
	lastPaymentAtOffset sql.NullInt64
	status              string
}

// orderRows checks that every order can be stored and converts it. It
// reports every problem at once.
func orderRows(orders []order.Order) ([]orderRow, error) {
	var (
		rows     = make([]orderRow, 0, len(orders))
		problems []string
		seen     = map[string]string{} // lookup key -> id
	)
	for _, o := range orders {
		var bad []string
		key := order.Key(o.ID)
		if key == "" {
			bad = append(bad, "id has no letters or digits")
		} else if prev, ok := seen[key]; ok {
			bad = append(bad, fmt.Sprintf("same lookup key %q as order %q", key, prev))
		} else {
			seen[key] = o.ID
		}
		if o.Email == "" {
			bad = append(bad, "email is empty")
		}
		if !o.Status.Valid() {
			bad = append(bad, fmt.Sprintf("status %q is unknown", o.Status))
		}
		if o.AmountCents < 0 {
			bad = append(bad, "amount_cents is negative")
		}
		placedAt, placedOff, ok := formatTime(o.PlacedAt)
		if !ok || o.PlacedAt.IsZero() {
			bad = append(bad, "placed_at is missing or out of range")
		}
		r := orderRow{
			key:            key,
			id:             o.ID,
			email:          o.Email,
			emailLower:     strings.ToLower(o.Email),
			product:        o.Product,
			placedAt:       placedAt,
			placedAtOffset: placedOff,
			amountCents:    o.AmountCents,
			currency:       o.Currency,
			recurring:      o.Recurring,
			status:         string(o.Status),
		}
		if !o.LastPaymentAt.IsZero() {
			last, lastOff, ok := formatTime(o.LastPaymentAt)
			if !ok {
				bad = append(bad, "last_payment_at is out of range")
			}
			r.lastPaymentAt = sql.NullString{String: last, Valid: true}
			r.lastPaymentAtOffset = sql.NullInt64{Int64: lastOff, Valid: true}
		}
		if len(bad) > 0 {
			problems = append(problems, fmt.Sprintf("order %q: %s", o.ID, strings.Join(bad, ", ")))
			continue
		}
		rows = append(rows, r)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%w: %s", ErrInvalidOrder, strings.Join(problems, "; "))
	}
	return rows, nil
}

func (r orderRow) args() []any {
	return []any{r.key, r.id, r.email, r.emailLower, r.product, r.placedAt, r.placedAtOffset,
		r.amountCents, r.currency, r.recurring, r.lastPaymentAt, r.lastPaymentAtOffset, r.status}
}

func scanOrderRow(row interface{ Scan(...any) error }) (orderRow, error) {
	var r orderRow
	err := row.Scan(&r.key, &r.id, &r.email, &r.emailLower, &r.product, &r.placedAt, &r.placedAtOffset,
		&r.amountCents, &r.currency, &r.recurring, &r.lastPaymentAt, &r.lastPaymentAtOffset, &r.status)
	return r, err
}

func (r orderRow) order() (order.Order, error) {
	o := order.Order{
		ID:          r.id,
		Email:       r.email,
		Product:     r.product,
		AmountCents: r.amountCents,
		Currency:    r.currency,
		Recurring:   r.recurring,
		Status:      order.Status(r.status),
	}
	var err error
	if o.PlacedAt, err = parseTime(r.placedAt, r.placedAtOffset); err != nil {
		return order.Order{}, fmt.Errorf("order %s: placed_at: %w", r.id, err)
	}
	if r.lastPaymentAt.Valid {
		if o.LastPaymentAt, err = parseTime(r.lastPaymentAt.String, r.lastPaymentAtOffset.Int64); err != nil {
			return order.Order{}, fmt.Errorf("order %s: last_payment_at: %w", r.id, err)
		}
	}
	return o, nil
}

// collectOrders reads and closes rows.
func collectOrders(rows *sql.Rows) ([]order.Order, error) {
	defer rows.Close()
	var orders []order.Order
	for rows.Next() {
		r, err := scanOrderRow(rows)
		if err != nil {
			return nil, err
		}
		o, err := r.order()
		if err != nil {
			return nil, err
		}
		orders = append(orders, o)
	}
	return orders, rows.Err()
}

// formatTime returns t in UTC in timeLayout and the offset t was written
// with, in seconds east of UTC. ok is false for years the layout cannot
// hold in four digits.
func formatTime(t time.Time) (s string, offset int64, ok bool) {
	u := t.UTC()
	if u.Year() < 0 || u.Year() > 9999 {
		return "", 0, false
	}
	_, off := t.Zone()
	return u.Format(timeLayout), int64(off), true
}

// parseTime undoes formatTime: the same instant, at the same offset.
func parseTime(s string, offset int64) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, err
	}
	if offset == 0 {
		return t.UTC(), nil
	}
	return t.In(time.FixedZone("", int(offset))), nil
}
