// Package policy owns PRODUCT.md's decision table: from one read and
// classified mail, the orders that could be meant, the thread's history and
// the shop's settings to exactly one outcome, with the order it is about, the
// days counted and the reasons. Decide is a pure function: it reads no clock,
// database or mailbox, which is what lets `helpdesk eval`, the daemon and the
// tests decide identically.
package policy

import (
	"fmt"
	"strings"
	"time"

	"helpdesk/internal/classify"
	"helpdesk/internal/message"
	"helpdesk/internal/order"
)

// Outcome is one of PRODUCT.md's outcomes.
type Outcome string

// The outcomes of PRODUCT.md's decision table.
const (
	Eligible     Outcome = "eligible"
	Expired      Outcome = "expired"
	NeedEvidence Outcome = "need_evidence"
	NeedOrder    Outcome = "need_order"
	Human        Outcome = "human"
	Ignore       Outcome = "ignore"
)

// Outcomes lists every outcome in PRODUCT.md's order.
var Outcomes = []Outcome{Eligible, Expired, NeedEvidence, NeedOrder, Human, Ignore}

// Valid reports whether o is a known outcome.
func (o Outcome) Valid() bool {
	for _, k := range Outcomes {
		if o == k {
			return true
		}
	}
	return false
}

// Settings are the shop's rules of time.
type Settings struct {
	Location   *time.Location // shop time zone; nil means Europe/Amsterdam is not assumed: UTC
	WindowDays int            // refund window in days; 0 means 7
}

func (s Settings) window() int {
	if s.WindowDays <= 0 {
		return 7
	}
	return s.WindowDays
}

func (s Settings) location() *time.Location {
	if s.Location == nil {
		return time.UTC
	}
	return s.Location
}

// History is what the thread already went through (rule 2). The zero value
// is a new thread.
type History struct {
	// Owner is set when a person owns the thread, with why: it was flagged
	// for a person before, or staff replied in it.
	Owner string
	// Verdict is the eligible/expired outcome already given in the thread, if any.
	Verdict Outcome
	// AskedOrder and AskedEvidence say need_order / need_evidence was
	// already asked once in the thread.
	AskedOrder    bool
	AskedEvidence bool
	// Category is the category the thread was decided with before; a
	// follow-up that only brings an order number or evidence keeps it.
	Category classify.Category
}

// Input is everything Decide looks at.
type Input struct {
	Message *message.Message
	Class   classify.Result
	// Orders are the candidate orders: every order of the sender's address
	// and every order named in the own text (Message.OrderRefs) that exists.
	// Duplicates are harmless.
	Orders  []order.Order
	History History
	// Unsafe lists reasons found outside the decision table that forbid a
	// decision on money (a failed sender authentication, say): the outcome
	// is then human. Machine mail is still ignored.
	Unsafe []string
}

// Decision is the outcome of one mail.
type Decision struct {
	Category classify.Category
	Outcome  Outcome
	Rule     string       // the rule of the decision table that decided, e.g. "6"
	Order    *order.Order // the order the mail is about, if found
	// Days is the number of calendar days between the reference date and
	// the arrival time in the shop's time zone; valid when Order is set.
	Days          int
	ReferenceDate time.Time
	// Deadline is the last day inside the window (reference date + window
	// days), in the shop's time zone.
	Deadline time.Time
	Reasons  []string
}

// Money reports whether the outcome promises or refuses money.
func (d Decision) Money() bool { return d.Outcome == Eligible || d.Outcome == Expired }

// Evidence reports whether the own text carries evidence (PRODUCT.md): a link,
// or an attached or pasted image, PDF or video that is neither a signature
// logo nor part of a forwarded message.
func Evidence(m *message.Message) (bool, string) {
	if len(m.Links) > 0 {
		return true, fmt.Sprintf("link %s", m.Links[0])
	}
	for _, a := range m.Attachments {
		if a.Forwarded || a.Signature {
			continue
		}
		t := strings.ToLower(a.ContentType)
		if strings.HasPrefix(t, "image/") || strings.HasPrefix(t, "video/") || t == "application/pdf" {
			name := a.Filename
			if name == "" {
				name = "(no name)"
			}
			return true, fmt.Sprintf("%s %s", t, name)
		}
	}
	return false, ""
}

// Decide applies PRODUCT.md's decision table, first match wins.
func Decide(in Input, s Settings) Decision {
	d := Decision{Category: in.Class.Category}
	d.Reasons = append(d.Reasons, in.Class.Reasons...)
	m := in.Message

	// Rule 1: machine mail is never answered and never flagged.
	if in.Class.Category == classify.Auto {
		return d.with(Ignore, "1", "machine mail: no reply")
	}

	// A follow-up that brings only what was asked keeps the thread's category.
	if h := in.History.Category; h != "" && h != classify.Auto && h != classify.Other &&
		(in.Class.Category == classify.Other || !in.Class.Confident) && len(in.Class.Requests) <= 1 {
		d.Category = h
		d.Reasons = append(d.Reasons, fmt.Sprintf("follow-up: keeps the thread's category %s", h))
		in.Class.Confident = true
		in.Class.Requests = []classify.Category{h}
	}

	// Rule 2: the thread's history.
	if in.History.Owner != "" {
		return d.with(Human, "2", "thread owned by a person: "+in.History.Owner)
	}
	if in.History.Verdict != "" {
		return d.with(Human, "2", fmt.Sprintf("follow-up after the verdict %s", in.History.Verdict))
	}

	// Anything that forbids a decision on money goes to a person.
	if m.OverLimit {
		return d.with(Human, "3", "mail over a size or structure limit: "+strings.Join(m.Problems, "; "))
	}
	if m.Damaged {
		// The text broke off: the words after the break (say, "never
		// mind") are lost, so the rest cannot decide about money.
		return d.with(Human, "3", "the text of the mail is damaged: "+strings.Join(m.Problems, "; "))
	}
	if len(in.Unsafe) > 0 {
		return d.with(Human, "3", strings.Join(in.Unsafe, "; "))
	}

	// Rule 3: escalation, two requests with different outcomes, doubt.
	if in.Class.Escalation {
		return d.with(Human, "3", "escalation")
	}
	if !in.Class.Confident {
		return d.with(Human, "3", "the classifier is not confident")
	}

	// Rule 4.
	if d.Category == classify.Other {
		return d.with(Human, "4", "category other: a person answers")
	}

	requests := in.Class.Requests
	if len(requests) == 0 {
		requests = []classify.Category{d.Category}
	}
	if len(requests) > 1 {
		var outcomes []string
		first := decideRequest(in, s, requests[0], true)
		same := true
		for _, c := range requests {
			r := decideRequest(in, s, c, true)
			outcomes = append(outcomes, fmt.Sprintf("%s → %s", c, r.Outcome))
			if r.Outcome != first.Outcome {
				same = false
			}
		}
		if !same {
			return d.with(Human, "3", "two requests with different outcomes: "+strings.Join(outcomes, ", "))
		}
		if first.Money() {
			// One verdict cannot answer two claims about money.
			return d.with(Human, "3", "two requests about money: "+strings.Join(outcomes, ", "))
		}
		first.Reasons = append(d.Reasons, first.Reasons...)
		first.Reasons = append(first.Reasons, "two requests with the same outcome: "+strings.Join(outcomes, ", "))
		return first.checkHistory(in.History)
	}

	r := decideRequest(in, s, d.Category, false)
	r.Reasons = append(d.Reasons, r.Reasons...)
	return r.checkHistory(in.History)
}

// checkHistory applies the second half of rule 2: need_order and
// need_evidence are asked at most once per thread.
func (d Decision) checkHistory(h History) Decision {
	switch {
	case d.Outcome == NeedOrder && h.AskedOrder:
		return d.with(Human, "2", "the order was asked for before and is still not found")
	case d.Outcome == NeedEvidence && h.AskedEvidence:
		return d.with(Human, "2", "evidence was asked for before and is still missing")
	}
	return d
}

func (d Decision) with(o Outcome, rule, reason string) Decision {
	d.Outcome = o
	d.Rule = rule
	d.Reasons = append(d.Reasons, fmt.Sprintf("rule %s: %s", rule, reason))
	return d
}

// decideRequest applies rules 5 to 10 to one request of category c.
// multi says the mail makes several requests: named orders are then matched
// to the request of their own kind (a subscription for the cancellation, a
// one-off order for the rest).
func decideRequest(in Input, s Settings, c classify.Category, multi bool) Decision {
	d := Decision{Category: c}
	m := in.Message
	cancel := c == classify.CancelRecurring
	switch c {
	case classify.Other, classify.Auto:
		return d.with(Human, "4", fmt.Sprintf("a request of category %s: a person answers", c))
	}

	sender := ""
	if m.From != nil {
		sender = m.From.Address
	}

	// Rule 5: order lookup. Named orders that exist come first.
	var named []order.Order
	seen := map[string]bool{}
	for _, ref := range m.OrderRefs {
		k := order.Key(ref)
		for _, o := range in.Orders {
			if order.Key(o.ID) == k && !seen[k] {
				seen[k] = true
				named = append(named, o)
			}
		}
	}
	if multi {
		var own []order.Order
		for _, o := range named {
			if o.Recurring == cancel {
				own = append(own, o)
			}
		}
		named = own
	}
	var found *order.Order
	switch {
	case len(named) > 1:
		ids := make([]string, len(named))
		for i, o := range named {
			ids[i] = o.ID
		}
		return d.with(Human, "5", "several orders named: "+strings.Join(ids, ", "))
	case len(named) == 1:
		o := named[0]
		d.Reasons = append(d.Reasons, fmt.Sprintf("order %s named in the own text", o.ID))
		if sender == "" || !strings.EqualFold(o.Email, sender) {
			return d.with(Human, "5", fmt.Sprintf("order %s belongs to another address than the sender's", o.ID))
		}
		if cancel && !o.Recurring {
			return d.with(Human, "5", fmt.Sprintf("cancellation names the one-off order %s", o.ID))
		}
		found = &o
	default:
		var mine []order.Order
		for _, o := range in.Orders {
			if sender != "" && strings.EqualFold(o.Email, sender) && (!cancel || o.Recurring) && !seen[order.Key(o.ID)] {
				seen[order.Key(o.ID)] = true
				mine = append(mine, o)
			}
		}
		what := "order"
		if cancel {
			what = "recurring order"
		}
		if len(mine) != 1 {
			return d.with(NeedOrder, "5", fmt.Sprintf("the sender has %d %ss and named none that exists", len(mine), what))
		}
		found = &mine[0]
		d.Reasons = append(d.Reasons, fmt.Sprintf("order %s: the sender's only %s", found.ID, what))
	}
	d.Order = found
	if found.Status.Settled() {
		return d.with(Human, "5", fmt.Sprintf("order %s is already %s", found.ID, found.Status))
	}

	// Rule 6: the window, in calendar days in the shop's time zone.
	loc := s.location()
	d.ReferenceDate = found.ReferenceDate(cancel)
	if m.Arrival.IsZero() {
		return d.with(Human, "6", "the arrival time is unknown")
	}
	if m.ArrivalSource == "date" {
		// PRODUCT.md: never decide on money from the Date: header alone.
		return d.with(Human, "6", "only the sender's Date: header tells when the mail arrived")
	}
	d.Days = CalendarDays(d.ReferenceDate, m.Arrival, loc)
	ry, rm, rd := d.ReferenceDate.In(loc).Date()
	d.Deadline = time.Date(ry, rm, rd+s.window(), 0, 0, 0, 0, loc)
	d.Reasons = append(d.Reasons, fmt.Sprintf("%d days from %s %s to arrival %s (%s)",
		d.Days, refName(cancel), d.ReferenceDate.In(loc).Format("2006-01-02 15:04"), m.Arrival.In(loc).Format("2006-01-02 15:04 MST"), m.ArrivalSource))
	if d.Days < 0 {
		return d.with(Human, "6", "the mail arrived before the reference date")
	}
	if d.Days > s.window() {
		return d.with(Expired, "6", fmt.Sprintf("%d days is more than the window of %d", d.Days, s.window()))
	}

	switch c {
	case classify.NotAsDescribed:
		// Rule 7: a person judges evidence.
		if ok, what := Evidence(m); ok {
			return d.with(Human, "7", "evidence to judge: "+what)
		}
		return d.with(NeedEvidence, "7", "no evidence in the own text")
	case classify.Dissatisfied:
		return d.with(Human, "8", "dissatisfied: a person works out the solution")
	case classify.NonDelivery:
		if found.Status == order.Completed {
			return d.with(Human, "9", fmt.Sprintf("order %s is completed in our records", found.ID))
		}
	case classify.CancelRecurring:
	default:
		return d.with(Human, "4", fmt.Sprintf("category %s has no automatic answer", c))
	}
	return d.with(Eligible, "10", fmt.Sprintf("%s within %d days", c, s.window()))
}

func refName(cancel bool) string {
	if cancel {
		return "last payment"
	}
	return "order"
}

// CalendarDays counts the calendar days between two instants as dates in
// loc: 23:59 and 00:01 the next day are one day apart, and a daylight-saving
// change in between does not shift the count.
func CalendarDays(from, to time.Time, loc *time.Location) int {
	fy, fm, fd := from.In(loc).Date()
	ty, tm, td := to.In(loc).Date()
	a := time.Date(fy, fm, fd, 0, 0, 0, 0, time.UTC)
	b := time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Hours() / 24)
}
