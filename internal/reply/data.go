package reply

import (
	"strconv"
	"strings"
	"time"
)

// Data is what a reply template receives (its dot). The daemon fills it
// from the decision; Build cleans every customer-controlled string in it
// before a template sees it.
type Data struct {
	// CustomerName is the display name of the customer's From address, or
	// "". A name that looks like an address or is unreasonably long is
	// dropped: the greeting then has no name.
	CustomerName string
	// Category and Outcome are PRODUCT.md's words, e.g. "non_delivery" and
	// "eligible". Templates may test them (need_order does).
	Category string
	Outcome  string
	// Language is "nl" or "en"; anything else is treated as "nl", the
	// shop's language.
	Language string
	// Order is the order the mail is about; nil when it is not known
	// (need_order, and human acknowledgements often).
	Order *Order
	// ReferenceDate is the date the window counts from: the order's
	// placed_at, or its last_payment_at for cancel_recurring. Zero when
	// there is no order.
	ReferenceDate time.Time
	// Deadline is the last day inside the window (reference date + window
	// days) in the shop's time zone; only its date is shown. Zero when
	// there is no order.
	Deadline time.Time
	// Days are the calendar days counted between the reference date and the
	// arrival time (PRODUCT.md "days").
	Days int
	// ShopName signs the reply, e.g. "Volgersfabriek". Required.
	ShopName string
	// Location is the shop's time zone; dates are shown in it. nil means UTC.
	Location *time.Location
}

// Order is the part of an order a reply may name.
type Order struct {
	ID            string
	Product       string
	PlacedAt      time.Time
	LastPaymentAt time.Time // zero for one-off orders
	AmountCents   int64     // the order's amount; for a subscription, one payment
	Currency      string    // ISO 4217, e.g. "EUR"
	Recurring     bool
}

var monthsNL = [...]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"}

// lang is the language the texts are written in.
func (d Data) lang() string {
	if strings.EqualFold(d.Language, "en") {
		return "en"
	}
	return "nl"
}

func (d Data) location() *time.Location {
	if d.Location == nil {
		return time.UTC
	}
	return d.Location
}

// Date writes the date of t in the shop's time zone as people write it:
// "3 november 2026" in Dutch, "3 November 2026" in English. A zero t
// gives "".
func (d Data) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(d.location())
	month := t.Month().String()
	if d.lang() == "nl" {
		month = monthsNL[t.Month()-1]
	}
	return strconv.Itoa(t.Day()) + " " + month + " " + strconv.Itoa(t.Year())
}

// Money writes an amount the way the language does: "€ 1.234,95" in
// Dutch, "€1,234.95" in English. Currencies without a symbol here are
// written with their code: "USD 14,95".
func (d Data) Money(cents int64, currency string) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	whole, frac := strconv.FormatInt(cents/100, 10), cents%100
	group, decimal := ",", "."
	if d.lang() == "nl" {
		group, decimal = ".", ","
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	sym := symbol(currency)
	switch {
	case sym == "":
		b.WriteString(strings.ToUpper(currency))
		b.WriteByte(' ')
	case d.lang() == "nl":
		b.WriteString(sym + " ")
	default:
		b.WriteString(sym)
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(r)
	}
	b.WriteString(decimal)
	if frac < 10 {
		b.WriteByte('0')
	}
	b.WriteString(strconv.FormatInt(frac, 10))
	return b.String()
}

// Window is the length of the window in calendar days: from the reference
// date to the deadline, both in the shop's time zone. It is 0 when either
// is unknown, and templates then leave the number out.
func (d Data) Window() int {
	if d.ReferenceDate.IsZero() || d.Deadline.IsZero() {
		return 0
	}
	loc := d.location()
	ry, rm, rd := d.ReferenceDate.In(loc).Date()
	dy, dm, dd := d.Deadline.In(loc).Date()
	// Noon UTC of each calendar date: no time zone or summer time shift
	// can move the difference off a whole number of days.
	days := time.Date(dy, dm, dd, 12, 0, 0, 0, time.UTC).Sub(time.Date(ry, rm, rd, 12, 0, 0, 0, time.UTC)) / (24 * time.Hour)
	if days < 0 {
		return 0
	}
	return int(days)
}

// symbol is the sign written for a currency, or "" when its code is written.
func symbol(currency string) string {
	switch strings.ToUpper(currency) {
	case "EUR":
		return "€"
	case "USD":
		return "$"
	case "GBP":
		return "£"
	}
	return ""
}
