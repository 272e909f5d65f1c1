// Package decide is the one path from a read mail to its decision: classify
// the own text, fetch the orders that could be meant, and apply the policy.
// The daemon and `helpdesk eval` both call Mail, so they decide identically.
package decide

import (
	"context"
	"fmt"
	"strings"
	"time"

	"helpdesk/internal/authres"
	"helpdesk/internal/classify"
	"helpdesk/internal/message"
	"helpdesk/internal/order"
	"helpdesk/internal/policy"
)

// Orders finds orders; the store implements it.
type Orders interface {
	// OrdersByEmail returns the orders placed with the address, compared
	// case-insensitively.
	OrdersByEmail(ctx context.Context, email string) ([]order.Order, error)
	// OrdersByIDs returns the orders whose numbers are among ids; unknown
	// numbers are left out.
	OrdersByIDs(ctx context.Context, ids []string) ([]order.Order, error)
}

// Shop holds the settings a decision depends on.
type Shop struct {
	// Addresses are the shop's own addresses (mail from them is auto).
	Addresses  []string
	Location   *time.Location
	WindowDays int
	// TrustedAuthservID is the RFC 8601 authserv-id of our receiving
	// server; its Authentication-Results decide whether the sender's
	// address can be trusted with money. Empty trusts none.
	TrustedAuthservID string
}

// Result is a decided mail.
type Result struct {
	Message  *message.Message
	Class    classify.Result
	Decision policy.Decision
}

// Mail classifies m, looks up its candidate orders and decides it. history
// is the thread's history (the zero value for a new thread); unsafe lists
// reasons that forbid a decision on money. An error means the order data
// could not be read: the caller retries later rather than deciding blind.
func Mail(ctx context.Context, shop Shop, orders Orders, m *message.Message, history policy.History, unsafe []string) (Result, error) {
	r := Result{Message: m}
	r.Class = classify.Classify(m, classify.Settings{Addresses: shop.Addresses})
	var candidates []order.Order
	if r.Class.Category != classify.Auto {
		if m.From != nil && m.From.Address != "" {
			os, err := orders.OrdersByEmail(ctx, m.From.Address)
			if err != nil {
				return r, fmt.Errorf("orders of the sender: %w", err)
			}
			candidates = append(candidates, os...)
		}
		if len(m.OrderRefs) > 0 {
			os, err := orders.OrdersByIDs(ctx, m.OrderRefs)
			if err != nil {
				return r, fmt.Errorf("orders named in the mail: %w", err)
			}
			candidates = append(candidates, os...)
		}
	}
	if m.From != nil {
		if at := strings.LastIndexByte(m.From.Address, '@'); at >= 0 {
			fails := authres.Failures(m.Header.Values("Authentication-Results"), shop.TrustedAuthservID, m.From.Address[at+1:])
			for _, f := range fails {
				unsafe = append(unsafe, "the sender may be forged: "+f)
			}
		}
	}
	// Outlook and Exchange set X-Auto-Response-Suppress on machine mail and,
	// now and then, on mail a person wrote: it is not proof of a machine,
	// but it asks for no automatic answer, so a person answers it.
	if v := m.Header.Get("X-Auto-Response-Suppress"); v != "" && !strings.EqualFold(strings.TrimSpace(v), "none") {
		unsafe = append(unsafe, "X-Auto-Response-Suppress: "+v+": the sender asks for no automatic answer")
	}
	r.Decision = policy.Decide(policy.Input{
		Message: m,
		Class:   r.Class,
		Orders:  candidates,
		History: history,
		Unsafe:  unsafe,
	}, policy.Settings{Location: shop.Location, WindowDays: shop.WindowDays})
	return r, nil
}
