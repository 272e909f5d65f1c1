package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestRecordAndThread(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	cp := Checkpoint{Mailbox: "INBOX", UIDValidity: 7, LastUID: 3, Start: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}
	days := 3
	rec, err := s.Record(ctx, Record{
		Checkpoint:     &cp,
		NewThread:      Thread{Ref: "HD-ABCDEF", Customer: "anna@example.nl", Subject: "Waar blijft mijn bestelling"},
		Mail:           Mail{Direction: "in", MessageID: "a1@example.nl", Mailbox: "INBOX", UIDValidity: 7, UID: 3, Sender: "anna@example.nl"},
		Decision:       &Decision{Category: "non_delivery", Outcome: "eligible", Rule: "10", OrderID: "100234", Days: &days, Reasons: []string{"why"}},
		ThreadCategory: "non_delivery",
		Outgoing:       &Outgoing{MessageID: "r1@volgersfabriek.nl", Kind: "reply", Recipient: "Anna@Example.nl", Raw: []byte("raw")},
		Refund:         &Refund{OrderID: "100234", Kind: "delivery_or_refund", AmountCents: 1495, Currency: "EUR", Customer: "anna@example.nl", Reason: "r"},
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Checkpoint(ctx, "INBOX")
	if err != nil || got.LastUID != 3 || got.UIDValidity != 7 || !got.Start.Equal(cp.Start) {
		t.Fatalf("got checkpoint %+v, %v; want %+v", got, err, cp)
	}
	// Our reply's Message-ID finds the thread at once.
	th, err := s.ThreadByMessageIDs(ctx, []string{"unknown@x", "r1@volgersfabriek.nl"})
	if err != nil || th.ID != rec.ThreadID || th.Category != "non_delivery" {
		t.Fatalf("got thread %+v, %v; want id %d", th, err, rec.ThreadID)
	}
	if th2, err := s.ThreadByRef(ctx, "hd-abcdef"); err != nil || th2.ID != th.ID {
		t.Fatalf("ThreadByRef: got %+v, %v", th2, err)
	}
	if _, err := s.ThreadByMessageIDs(ctx, []string{"nope@x"}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("got %v; want ErrNotFound", err)
	}
	if n, err := s.RepliesSince(ctx, "anna@example.nl", time.Now().Add(-time.Hour)); err != nil || n != 1 {
		t.Fatalf("RepliesSince: got %d, %v; want 1", n, err)
	}
	seen, err := s.IncomingSeen(ctx, "a1@example.nl", "")
	if err != nil || seen.ThreadID != rec.ThreadID {
		t.Fatalf("IncomingSeen: got %+v, %v", seen, err)
	}

	// The outbox: pending -> sending -> sent, with the filing that follows.
	due, err := s.DueOutbox(ctx, time.Now())
	if err != nil || len(due) != 1 {
		t.Fatalf("DueOutbox: got %d, %v; want 1", len(due), err)
	}
	if err := s.MarkSending(ctx, due[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkSending(ctx, due[0].ID); err == nil {
		t.Fatal("MarkSending twice: got no error")
	}
	if left, _ := s.InterruptedOutbox(ctx); len(left) != 1 {
		t.Fatalf("InterruptedOutbox: got %d; want 1", len(left))
	}
	if err := s.MarkSent(ctx, due[0].ID, "sent", time.Now(), []Action{{Kind: "file", Arg: "Done"}}); err != nil {
		t.Fatal(err)
	}
	acts, err := s.PendingActions(ctx)
	if err != nil || len(acts) != 1 || acts[0].UID != 3 || acts[0].Arg != "Done" {
		t.Fatalf("PendingActions: got %+v, %v", acts, err)
	}
	if err := s.ActionDone(ctx, acts[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	if acts, _ := s.PendingActions(ctx); len(acts) != 0 {
		t.Fatalf("got %d pending actions after done; want 0", len(acts))
	}
	if unc, _ := s.UncopiedOutbox(ctx); len(unc) != 1 {
		t.Fatalf("UncopiedOutbox: got %d; want 1", len(unc))
	}

	// Refunds for staff.
	open, err := s.Refunds(ctx, true)
	if err != nil || len(open) != 1 || open[0].AmountCents != 1495 {
		t.Fatalf("Refunds: got %+v, %v", open, err)
	}
	if err := s.RefundDone(ctx, open[0].ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := s.RefundDone(ctx, open[0].ID, time.Now()); !errors.Is(err, ErrNotFound) {
		t.Fatalf("RefundDone twice: got %v; want ErrNotFound", err)
	}
	if open, _ := s.Refunds(ctx, true); len(open) != 0 {
		t.Fatalf("got %d open refunds; want 0", len(open))
	}
}

func TestMarkFailedHandsThreadToPerson(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	rec, err := s.Record(ctx, Record{
		NewThread: Thread{Ref: "HD-QQQQQQ"},
		Mail:      Mail{Direction: "in", MessageID: "b@x", Mailbox: "INBOX", UIDValidity: 1, UID: 9},
		Decision:  &Decision{Category: "cancel_recurring", Outcome: "eligible", Rule: "10"},
		Outgoing:  &Outgoing{MessageID: "r@y", Kind: "reply", Recipient: "b@x", Raw: []byte("x")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.MarkFailed(ctx, rec.OutboxID, "failed", "550 no such user", []Action{{Kind: "flag", Arg: "Helpdesk-Person"}}); err != nil {
		t.Fatal(err)
	}
	th, err := s.ThreadByRef(ctx, "HD-QQQQQQ")
	if err != nil || th.Owner == "" {
		t.Fatalf("got thread %+v, %v; want an owner", th, err)
	}
	if due, _ := s.DueOutbox(ctx, time.Now()); len(due) != 0 {
		t.Fatalf("a failed reply is due again: %+v", due)
	}
}

func TestSuppress(t *testing.T) {
	ctx := context.Background()
	s := newStore(t)
	if err := s.Suppress(ctx, "Gone@Example.nl", "550 user unknown"); err != nil {
		t.Fatal(err)
	}
	why, err := s.Suppressed(ctx, "gone@example.NL")
	if err != nil || why == "" {
		t.Fatalf("got %q, %v; want a reason", why, err)
	}
}
