// Package classify reads the customer's own words in a Message and says what
// the mail is about: one of PRODUCT.md's categories, whether it escalates,
// which distinct requests it makes, how confident that is, and why, in
// human-readable reasons. It knows nothing of orders or dates.
package classify

import "helpdesk/internal/message"

// Category is one of PRODUCT.md's categories.
type Category string

// The categories of PRODUCT.md.
const (
	NonDelivery     Category = "non_delivery"
	NotAsDescribed  Category = "not_as_described"
	CancelRecurring Category = "cancel_recurring"
	Dissatisfied    Category = "dissatisfied"
	Other           Category = "other"
	Auto            Category = "auto"
)

// Categories lists every category in PRODUCT.md's order.
var Categories = []Category{NonDelivery, NotAsDescribed, CancelRecurring, Dissatisfied, Other, Auto}

// Valid reports whether c is a known category.
func (c Category) Valid() bool {
	for _, k := range Categories {
		if c == k {
			return true
		}
	}
	return false
}

// Settings are the shop's facts the classifier needs.
type Settings struct {
	// Addresses are the shop's own addresses; mail from any of them (in any
	// letter case) is auto.
	Addresses []string
}

// Result is what the classifier found.
type Result struct {
	Category Category
	// Requests are the distinct refund-relevant requests in the order the
	// customer made them (first is Category). Two or more means the mail
	// asks for several things; policy decides each and compares outcomes.
	Requests []Category
	// Escalation is set when the own text mentions a chargeback, lawyer,
	// police, fraud, a consumer organisation or a bank/PayPal dispute,
	// negated or not.
	Escalation bool
	// Confident is false when the classifier doubts; the outcome is then human.
	Confident bool
	// Language is "nl" or "en": the language the reply should be written in.
	Language string
	// Reasons say which words in which part led to the result.
	Reasons []string
}
