package policy

import (
	"net/mail"
	"strings"
	"testing"
	"time"

	"helpdesk/internal/classify"
	"helpdesk/internal/message"
	"helpdesk/internal/order"
)

var ams = mustLoad("Europe/Amsterdam")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

const anna = "anna@example.nl"

var (
	oneOff = order.Order{ID: "100234", Email: anna, Product: "1000 Instagram volgers",
		PlacedAt: at("2026-11-02T14:05:00+01:00"), AmountCents: 1495, Currency: "EUR", Status: order.Processing}
	sub = order.Order{ID: "S-7781", Email: anna, Product: "Maandelijks TikTok pakket",
		PlacedAt: at("2026-09-15T09:00:00+02:00"), AmountCents: 2999, Currency: "EUR", Recurring: true,
		LastPaymentAt: at("2026-11-15T09:00:00+01:00"), Status: order.Active}
	someoneElses = order.Order{ID: "100300", Email: "piet@example.nl", Product: "500 likes",
		PlacedAt: at("2026-11-02T14:05:00+01:00"), AmountCents: 595, Currency: "EUR", Status: order.Processing}
)

func msg(arrival string, refs ...string) *message.Message {
	return &message.Message{
		From:          &mail.Address{Name: "Anna", Address: anna},
		Arrival:       at(arrival),
		ArrivalSource: "received",
		OrderRefs:     refs,
	}
}

func class(c classify.Category) classify.Result {
	return classify.Result{Category: c, Requests: []classify.Category{c}, Confident: true, Language: "nl"}
}

func with(o order.Order, f func(*order.Order)) order.Order {
	f(&o)
	return o
}

func TestDecide(t *testing.T) {
	settings := Settings{Location: ams, WindowDays: 7}
	tests := []struct {
		name     string
		in       Input
		settings *Settings
		want     Outcome
		rule     string
		days     int
	}{
		{name: "rule 1: auto is ignored even with escalation",
			in:   Input{Message: msg("2026-11-05T10:00:00+01:00"), Class: classify.Result{Category: classify.Auto, Escalation: true}},
			want: Ignore, rule: "1"},
		{name: "rule 2: thread owned by a person",
			in:   Input{Message: msg("2026-11-05T10:00:00+01:00"), Class: class(classify.NonDelivery), Orders: []order.Order{oneOff}, History: History{Owner: "staff replied"}},
			want: Human, rule: "2"},
		{name: "rule 2: follow-up after a verdict",
			in:   Input{Message: msg("2026-11-05T10:00:00+01:00"), Class: class(classify.NonDelivery), Orders: []order.Order{oneOff}, History: History{Verdict: Eligible}},
			want: Human, rule: "2"},
		{name: "rule 2: need_order asked once, second miss goes to a person",
			in:   Input{Message: msg("2026-11-05T10:00:00+01:00"), Class: class(classify.NonDelivery), History: History{AskedOrder: true, Category: classify.NonDelivery}},
			want: Human, rule: "2"},
		{name: "rule 2: need_order follow-up with the number is re-decided",
			in: Input{Message: msg("2026-11-05T10:00:00+01:00", "100234"), Class: class(classify.Other),
				Orders: []order.Order{oneOff, with(oneOff, func(o *order.Order) { o.ID = "100235" })}, History: History{AskedOrder: true, Category: classify.NonDelivery}},
			want: Eligible, rule: "10", days: 3},
		{name: "rule 2: need_evidence asked once, second miss goes to a person",
			in:   Input{Message: msg("2026-11-05T10:00:00+01:00"), Class: class(classify.NotAsDescribed), Orders: []order.Order{oneOff}, History: History{AskedEvidence: true, Category: classify.NotAsDescribed}},
			want: Human, rule: "2", days: 3},
		{name: "rule 3: escalation wins over an expired window",
			in:   Input{Message: msg("2026-12-20T10:00:00+01:00"), Class: func() classify.Result { c := class(classify.NonDelivery); c.Escalation = true; return c }(), Orders: []order.Order{oneOff}},
			want: Human, rule: "3"},
		{name: "rule 3: not confident",
			in:   Input{Message: msg("2026-11-05T10:00:00+01:00"), Class: func() classify.Result { c := class(classify.NonDelivery); c.Confident = false; return c }(), Orders: []order.Order{oneOff}},
			want: Human, rule: "3"},
		{name: "rule 3: two requests with different outcomes",
			in: Input{Message: msg("2026-11-20T10:00:00+01:00", "100234", "S-7781"),
				Class:  classify.Result{Category: classify.NonDelivery, Requests: []classify.Category{classify.NonDelivery, classify.CancelRecurring}, Confident: true},
				Orders: []order.Order{oneOff, sub}},
			want: Human, rule: "3"},
		{name: "rule 3: a failed sender authentication forbids money",
			in:   Input{Message: msg("2026-11-05T10:00:00+01:00"), Class: class(classify.NonDelivery), Orders: []order.Order{oneOff}, Unsafe: []string{"dmarc=fail"}},
			want: Human, rule: "3"},
		{name: "rule 3: a damaged text decides no money",
			in: Input{Message: func() *message.Message {
				m := msg("2026-11-05T10:00:00+01:00")
				m.Damaged, m.Problems = true, []string{"illegal base64"}
				return m
			}(), Class: class(classify.NonDelivery), Orders: []order.Order{oneOff}},
			want: Human, rule: "3"},
		{name: "rule 4: other",
			in:   Input{Message: msg("2026-11-05T10:00:00+01:00"), Class: class(classify.Other), Orders: []order.Order{oneOff}},
			want: Human, rule: "4"},
		{name: "rule 5: someone else's order",
			in:   Input{Message: msg("2026-11-05T10:00:00+01:00", "100300"), Class: class(classify.NonDelivery), Orders: []order.Order{oneOff, someoneElses}},
			want: Human, rule: "5"},
		{name: "rule 5: cancellation naming a one-off order",
			in:   Input{Message: msg("2026-11-16T10:00:00+01:00", "100234"), Class: class(classify.CancelRecurring), Orders: []order.Order{oneOff, sub}},
			want: Human, rule: "5"},
		{name: "rule 5: no order at all",
			in:   Input{Message: msg("2026-11-05T10:00:00+01:00"), Class: class(classify.NonDelivery)},
			want: NeedOrder, rule: "5"},
		{name: "rule 5: two candidate orders",
			in:   Input{Message: msg("2026-11-05T10:00:00+01:00"), Class: class(classify.NonDelivery), Orders: []order.Order{oneOff, with(oneOff, func(o *order.Order) { o.ID = "100235" })}},
			want: NeedOrder, rule: "5"},
		{name: "rule 5: a number not in the data is ignored, the sender decides",
			in:   Input{Message: msg("2026-11-05T10:00:00+01:00", "999999"), Class: class(classify.NonDelivery), Orders: []order.Order{oneOff}},
			want: Eligible, rule: "10", days: 3},
		{name: "rule 5: cancellation from a sender with only one-off orders",
			in:   Input{Message: msg("2026-11-05T10:00:00+01:00"), Class: class(classify.CancelRecurring), Orders: []order.Order{oneOff}},
			want: NeedOrder, rule: "5"},
		{name: "rule 5: cancellation picks the only recurring order",
			in:   Input{Message: msg("2026-11-16T10:00:00+01:00"), Class: class(classify.CancelRecurring), Orders: []order.Order{oneOff, sub}},
			want: Eligible, rule: "10", days: 1},
		{name: "rule 5: addresses compare case-insensitively",
			in: Input{Message: func() *message.Message {
				m := msg("2026-11-05T10:00:00+01:00")
				m.From.Address = "Anna@Example.NL"
				return m
			}(), Class: class(classify.NonDelivery), Orders: []order.Order{oneOff}},
			want: Eligible, rule: "10", days: 3},
		{name: "rule 5: a refunded order goes to a person",
			in:   Input{Message: msg("2026-11-05T10:00:00+01:00"), Class: class(classify.NonDelivery), Orders: []order.Order{with(oneOff, func(o *order.Order) { o.Status = order.Refunded })}},
			want: Human, rule: "5"},
		{name: "rule 6: negative days go to a person",
			in:   Input{Message: msg("2026-11-01T10:00:00+01:00"), Class: class(classify.NonDelivery), Orders: []order.Order{oneOff}},
			want: Human, rule: "6", days: -1},
		{name: "rule 6: day 8 is expired",
			in:   Input{Message: msg("2026-11-10T10:00:00+01:00"), Class: class(classify.NonDelivery), Orders: []order.Order{oneOff}},
			want: Expired, rule: "6", days: 8},
		{name: "rule 6: day 7 is inside",
			in:   Input{Message: msg("2026-11-09T23:59:00+01:00"), Class: class(classify.NonDelivery), Orders: []order.Order{oneOff}},
			want: Eligible, rule: "10", days: 7},
		{name: "rule 6: day 8 at 00:30 Amsterdam, still day 7 in UTC",
			in:   Input{Message: msg("2026-11-09T23:30:00Z"), Class: class(classify.NonDelivery), Orders: []order.Order{oneOff}},
			want: Expired, rule: "6", days: 8},
		{name: "rule 6: day 7 at 00:30 Amsterdam, day 6 in UTC",
			in:   Input{Message: msg("2026-11-08T23:30:00Z"), Class: class(classify.NonDelivery), Orders: []order.Order{oneOff}},
			want: Eligible, rule: "10", days: 7},
		{name: "rule 6: order placed 23:30 UTC is the next day in Amsterdam",
			in: Input{Message: msg("2026-11-10T12:00:00+01:00"), Class: class(classify.NonDelivery),
				Orders: []order.Order{with(oneOff, func(o *order.Order) { o.PlacedAt = at("2026-11-02T23:30:00Z") })}},
			want: Eligible, rule: "10", days: 7},
		{name: "rule 6: across the end of summer time, 7×24 h are 8 calendar days",
			in: Input{Message: msg("2026-10-29T00:30:00+01:00"), Class: class(classify.NonDelivery),
				Orders: []order.Order{with(oneOff, func(o *order.Order) { o.PlacedAt = at("2026-10-21T23:30:00+02:00") })}},
			want: Expired, rule: "6", days: 8},
		{name: "rule 6: across the end of summer time, day 7",
			in: Input{Message: msg("2026-10-28T23:59:00+01:00"), Class: class(classify.NonDelivery),
				Orders: []order.Order{with(oneOff, func(o *order.Order) { o.PlacedAt = at("2026-10-21T00:01:00+02:00") })}},
			want: Eligible, rule: "10", days: 7},
		{name: "rule 6: the window comes from the settings",
			in:       Input{Message: msg("2026-11-10T10:00:00+01:00"), Class: class(classify.NonDelivery), Orders: []order.Order{oneOff}},
			settings: &Settings{Location: ams, WindowDays: 14},
			want:     Eligible, rule: "10", days: 8},
		{name: "rule 6: cancellation counts from the last payment",
			in:   Input{Message: msg("2026-11-23T10:00:00+01:00"), Class: class(classify.CancelRecurring), Orders: []order.Order{sub}},
			want: Expired, rule: "6", days: 8},
		{name: "rule 6: a lying Date: header alone never decides money",
			in: Input{Message: func() *message.Message {
				m := msg("2026-11-05T10:00:00+01:00")
				m.ArrivalSource = "date"
				return m
			}(), Class: class(classify.NonDelivery), Orders: []order.Order{oneOff}},
			want: Human, rule: "6"},
		{name: "rule 7: not as described without evidence",
			in:   Input{Message: msg("2026-11-05T10:00:00+01:00"), Class: class(classify.NotAsDescribed), Orders: []order.Order{oneOff}},
			want: NeedEvidence, rule: "7", days: 3},
		{name: "rule 7: not as described with a screenshot",
			in: Input{Message: func() *message.Message {
				m := msg("2026-11-05T10:00:00+01:00")
				m.Attachments = []message.Attachment{{Filename: "scherm.png", ContentType: "image/png", Size: 80000}}
				return m
			}(), Class: class(classify.NotAsDescribed), Orders: []order.Order{oneOff}},
			want: Human, rule: "7", days: 3},
		{name: "rule 7: a signature logo is not evidence",
			in: Input{Message: func() *message.Message {
				m := msg("2026-11-05T10:00:00+01:00")
				m.Attachments = []message.Attachment{{Filename: "image001.png", ContentType: "image/png", Size: 3000, Inline: true, Signature: true}}
				return m
			}(), Class: class(classify.NotAsDescribed), Orders: []order.Order{oneOff}},
			want: NeedEvidence, rule: "7", days: 3},
		{name: "rule 7: expired wins over evidence",
			in: Input{Message: func() *message.Message {
				m := msg("2026-11-15T10:00:00+01:00")
				m.Links = []string{"https://example.org/screenshot"}
				return m
			}(), Class: class(classify.NotAsDescribed), Orders: []order.Order{oneOff}},
			want: Expired, rule: "6", days: 13},
		{name: "rule 8: dissatisfied",
			in:   Input{Message: msg("2026-11-05T10:00:00+01:00"), Class: class(classify.Dissatisfied), Orders: []order.Order{oneOff}},
			want: Human, rule: "8", days: 3},
		{name: "rule 9: non-delivery of a completed order",
			in:   Input{Message: msg("2026-11-05T10:00:00+01:00"), Class: class(classify.NonDelivery), Orders: []order.Order{with(oneOff, func(o *order.Order) { o.Status = order.Completed })}},
			want: Human, rule: "9", days: 3},
		{name: "rule 10: eligible non-delivery",
			in:   Input{Message: msg("2026-11-05T10:00:00+01:00", "#100234"), Class: class(classify.NonDelivery), Orders: []order.Order{oneOff, with(oneOff, func(o *order.Order) { o.ID = "100235" })}},
			want: Eligible, rule: "10", days: 3},
		{name: "rule 10: eligible cancellation named without dash",
			in:   Input{Message: msg("2026-11-18T10:00:00+01:00", "S7781"), Class: class(classify.CancelRecurring), Orders: []order.Order{oneOff, sub}},
			want: Eligible, rule: "10", days: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := settings
			if tt.settings != nil {
				s = *tt.settings
			}
			d := Decide(tt.in, s)
			if d.Outcome != tt.want || d.Rule != tt.rule {
				t.Fatalf("got %s by rule %s; want %s by rule %s\nreasons:\n  %s", d.Outcome, d.Rule, tt.want, tt.rule, strings.Join(d.Reasons, "\n  "))
			}
			if d.Order != nil && d.Days != tt.days {
				t.Errorf("got %d days; want %d", d.Days, tt.days)
			}
			if len(d.Reasons) == 0 {
				t.Errorf("no reasons given")
			}
		})
	}
}

func TestCalendarDays(t *testing.T) {
	tests := []struct {
		from, to string
		want     int
	}{
		{"2026-11-02T14:05:00+01:00", "2026-11-02T23:59:00+01:00", 0},
		{"2026-11-02T23:59:00+01:00", "2026-11-03T00:01:00+01:00", 1},
		{"2026-10-24T12:00:00+02:00", "2026-10-26T12:00:00+01:00", 2}, // 49 hours, 2 days
		{"2026-03-28T12:00:00+01:00", "2026-03-30T12:00:00+02:00", 2}, // 47 hours, 2 days
		{"2026-11-05T00:00:00+01:00", "2026-11-02T00:00:00+01:00", -3},
	}
	for _, tt := range tests {
		if got := CalendarDays(at(tt.from), at(tt.to), ams); got != tt.want {
			t.Errorf("CalendarDays(%s, %s) = %d; want %d", tt.from, tt.to, got, tt.want)
		}
	}
}
