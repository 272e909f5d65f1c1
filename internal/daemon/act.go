package daemon

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"

	"helpdesk/internal/classify"
	"helpdesk/internal/decide"
	"helpdesk/internal/mailbox"
	"helpdesk/internal/message"
	"helpdesk/internal/policy"
	"helpdesk/internal/reply"
	"helpdesk/internal/store"
)

// Keywords put on mail for a person (RFC 9051 section 2.3.2). Clients that
// show keywords (Thunderbird tags, for one) show why a mail is there.
const (
	keywordPerson      = "Helpdesk-Person"
	keywordEscalation  = "Helpdesk-Escalation"
	keywordTwoRequests = "Helpdesk-TwoRequests"
	keywordUnsure      = "Helpdesk-Unsure"
	keywordQuestion    = "Helpdesk-Question"
	keywordOrder       = "Helpdesk-Order"
	keywordEvidence    = "Helpdesk-Evidence"
	keywordSolution    = "Helpdesk-Solution"
	keywordDelivered   = "Helpdesk-Delivered"
	keywordThread      = "Helpdesk-Thread"
	keywordDate        = "Helpdesk-Date"
	keywordLimit       = "Helpdesk-Limit"
	keywordBounce      = "Helpdesk-Bounce"
)

// keywordFor names why a decision went to a person.
func keywordFor(d policy.Decision, c classify.Result) string {
	last := lastReason(d.Reasons)
	switch {
	case strings.HasPrefix(last, "limit:"):
		return keywordLimit
	case strings.HasPrefix(last, "bounce:"):
		return keywordBounce
	case d.Rule == "2":
		return keywordThread
	case d.Rule == "3" && c.Escalation:
		return keywordEscalation
	case d.Rule == "3" && strings.Contains(last, "two requests"):
		return keywordTwoRequests
	case d.Rule == "3":
		return keywordUnsure
	case d.Rule == "4":
		return keywordQuestion
	case d.Rule == "5":
		return keywordOrder
	case d.Rule == "6":
		return keywordDate
	case d.Rule == "7":
		return keywordEvidence
	case d.Rule == "8":
		return keywordSolution
	case d.Rule == "9":
		return keywordDelivered
	}
	return keywordUnsure
}

func flagAction(reason string) store.Action {
	return store.Action{Kind: "flag", Arg: keywordPerson + " " + reason}
}

func fileAction(folder string) store.Action {
	return store.Action{Kind: "file", Arg: folder}
}

// refundFor is the record staff execute for a decision, if any: every
// eligible decision and every cancellation.
func refundFor(d policy.Decision, customer string) *store.Refund {
	if d.Order == nil {
		return nil
	}
	r := &store.Refund{OrderID: d.Order.ID, AmountCents: d.Order.AmountCents, Currency: d.Order.Currency, Customer: customer}
	switch {
	case d.Outcome == policy.Eligible && d.Category == classify.CancelRecurring:
		r.Kind, r.Reason = "refund", "subscription cancelled within the window: refund the last payment and stop future invoices"
	case d.Outcome == policy.Eligible && d.Category == classify.NonDelivery:
		r.Kind, r.Reason = "delivery_or_refund", "non-delivery claimed in time: complete the delivery or refund"
	case d.Outcome == policy.Eligible:
		r.Kind, r.Reason = "refund", fmt.Sprintf("%s eligible", d.Category)
	case d.Outcome == policy.Expired && d.Category == classify.CancelRecurring:
		r.Kind, r.Reason, r.AmountCents = "cancellation", "subscription cancelled after the window: stop future invoices, no refund", 0
	default:
		return nil
	}
	return r
}

// buildReply fills the template for a decided mail.
func (d *Daemon) buildReply(m *message.Message, res decide.Result, ref, template string) (*store.Outgoing, error) {
	id, err := newMessageID(d.o.From.Address)
	if err != nil {
		return nil, err
	}
	dec := res.Decision
	data := reply.Data{
		Category:      string(dec.Category),
		Outcome:       string(dec.Outcome),
		Language:      res.Class.Language,
		Days:          dec.Days,
		ReferenceDate: dec.ReferenceDate,
		Deadline:      dec.Deadline,
		ShopName:      d.o.ShopName,
		Location:      d.o.Shop.Location,
	}
	if m.From != nil {
		data.CustomerName = m.From.Name
	}
	if o := dec.Order; o != nil {
		data.Order = &reply.Order{ID: o.ID, Product: o.Product, PlacedAt: o.PlacedAt, LastPaymentAt: o.LastPaymentAt,
			AmountCents: o.AmountCents, Currency: o.Currency, Recurring: o.Recurring}
	}
	out, err := reply.Build(d.o.Templates, reply.Input{
		Template:    template,
		Data:        data,
		From:        m.From,
		ReplyTo:     m.ReplyTo,
		Subject:     m.Subject,
		MessageID:   m.MessageID,
		References:  m.References,
		InReplyTo:   m.InReplyTo,
		ThreadIndex: m.Header.Get("Thread-Index"),
		Own:         d.o.From,
		Ref:         ref,
		NewID:       id,
		Date:        d.o.Now(),
	})
	if err != nil {
		return nil, err
	}
	kind := "reply"
	if template == reply.Acknowledgement {
		kind = "ack"
	}
	return &store.Outgoing{MessageID: id, Kind: kind, Recipient: out.To.Address, Raw: out.Raw}, nil
}

// newMessageID returns a new Message-ID on our own domain, without angle
// brackets (RFC 5322 section 3.6.4).
func newMessageID(own string) (string, error) {
	ref, err := newRef()
	if err != nil {
		return "", err
	}
	domain := own[strings.LastIndexByte(own, '@')+1:]
	return fmt.Sprintf("helpdesk.%d.%s@%s", time.Now().UnixNano(), strings.ToLower(ref[3:]), domain), nil
}

// flushOutbox sends (or, in shadow mode, drafts) every reply that is due.
func (d *Daemon) flushOutbox(ctx context.Context, c *mailbox.Client, f Folders, rep *Report) error {
	outs, err := d.o.Store.DueOutbox(ctx, d.o.Now())
	if err != nil {
		return err
	}
	for _, o := range outs {
		log := d.log.With("outbox", o.ID, "message_id", o.MessageID, "kind", o.Kind)
		var follow []store.Action
		if o.Kind == "reply" {
			follow = []store.Action{fileAction(d.o.Folders.Answered)}
		}
		if d.o.Shadow {
			// A draft an earlier poll stored, whose OK was lost with the
			// connection, is there already: no second copy.
			there, err := c.HasMessageID(ctx, f.Drafts, o.MessageID)
			if err == nil && !there {
				_, err = c.Append(ctx, f.Drafts, []string{string(imap.FlagDraft), string(imap.FlagSeen)}, d.o.Now(), o.Raw)
			}
			if err != nil {
				if mailbox.IsTemporary(err) {
					return fmt.Errorf("putting the reply in %s: %w", f.Drafts, err)
				}
				// The server refuses the folder or the mail: the draft
				// stays queued for the next poll, and the rest of this
				// poll (flags for a person) goes on.
				log.Warn("the reply could not be put in Drafts: retried on the next poll", "folder", f.Drafts, "err", err)
				continue
			}
			if err := d.o.Store.MarkSent(ctx, o.ID, "drafted", d.o.Now(), follow); err != nil {
				return err
			}
			log.Info("reply put in Drafts (shadow mode)", "folder", f.Drafts)
			rep.Drafted++
			continue
		}
		// The reply is marked "sending" at the last moment before its data
		// goes out: a crash after that never sends it again.
		var storeErr error
		err := d.o.Sender.SendCommit(ctx, d.o.From.Address, []string{o.Recipient}, o.Raw, func() error {
			storeErr = d.o.Store.MarkSending(ctx, o.ID)
			return storeErr
		})
		if storeErr != nil {
			return storeErr // nothing went out; the reply stays pending
		}
		switch {
		case err == nil:
			if err := d.o.Store.MarkSent(ctx, o.ID, "sent", d.o.Now(), follow); err != nil {
				return err
			}
			log.Info("reply sent")
			rep.Sent++
		case d.o.SendErrors.IsFatal(err):
			// Nothing was sent; every reply would fail the same way.
			if err2 := d.o.Store.MarkRetry(ctx, o.ID, d.o.Now(), err.Error()); err2 != nil {
				return err2
			}
			return fmt.Errorf("%w: %w", ErrSubmission, err)
		case d.o.SendErrors.IsAmbiguous(err):
			log.Error("the connection broke after the reply was handed over: it may have gone out, a person checks", "err", err)
			if err := d.o.Store.MarkFailed(ctx, o.ID, "unknown", "sending broke off after the data was sent: "+err.Error(), []store.Action{flagAction(keywordUnsure)}); err != nil {
				return err
			}
			rep.Failed++
		case d.o.SendErrors.IsTemporary(err) && d.o.Now().Sub(o.Created) < d.o.Retry.GiveUpAfter:
			next := d.o.Now().Add(backoff(d.o.Retry, o.Attempts+1))
			log.Warn("temporary failure sending the reply: retrying later", "err", err, "next", next)
			if err := d.o.Store.MarkRetry(ctx, o.ID, next, err.Error()); err != nil {
				return err
			}
			rep.Retried++
		default:
			log.Error("the reply could not be sent: flagged for a person", "err", err)
			if err := d.o.Store.MarkFailed(ctx, o.ID, "failed", err.Error(), []store.Action{flagAction("Helpdesk-NotSent")}); err != nil {
				return err
			}
			rep.Failed++
		}
	}
	return nil
}

// backoff doubles the wait from Initial up to Max.
func backoff(r Retry, attempt int) time.Duration {
	w := r.Initial
	for i := 1; i < attempt && w < r.Max; i++ {
		w *= 2
	}
	return min(w, r.Max)
}

// copySent appends a copy of every sent reply to the Sent folder, so staff
// see the whole conversation. A copy already there (a crash between APPEND
// and recording it) is not appended twice.
func (d *Daemon) copySent(ctx context.Context, c *mailbox.Client, f Folders) error {
	if f.Sent == "" {
		return nil
	}
	outs, err := d.o.Store.UncopiedOutbox(ctx)
	if err != nil {
		return err
	}
	for _, o := range outs {
		there, err := c.HasMessageID(ctx, f.Sent, o.MessageID)
		if err != nil {
			return err
		}
		if !there {
			at := o.SentAt
			if at.IsZero() {
				at = o.Created
			}
			if _, err := c.Append(ctx, f.Sent, []string{string(imap.FlagSeen)}, at, o.Raw); err != nil {
				return err
			}
		}
		if err := d.o.Store.MarkCopied(ctx, o.ID); err != nil {
			return err
		}
	}
	return nil
}

// applyActions carries out the recorded flags and filings. Each is
// idempotent, so one repeated after a crash does no harm.
func (d *Daemon) applyActions(ctx context.Context, c *mailbox.Client, rep *Report) error {
	actions, err := d.o.Store.PendingActions(ctx)
	if err != nil {
		return err
	}
	selected := ""
	var validity uint32
	for _, a := range actions {
		if a.Mailbox == "" {
			if err := d.o.Store.ActionDone(ctx, a.ID, "no mailbox"); err != nil {
				return err
			}
			continue
		}
		if a.Mailbox != selected {
			sel, err := c.Select(ctx, a.Mailbox)
			if err != nil {
				return fmt.Errorf("selecting %s: %w", a.Mailbox, err)
			}
			selected, validity = a.Mailbox, sel.UIDValidity
		}
		if a.UIDValidity != validity {
			// The mailbox was recreated; its copy of the mail is seen
			// again and gets the same actions then.
			if err := d.o.Store.ActionDone(ctx, a.ID, "mailbox recreated before the action"); err != nil {
				return err
			}
			continue
		}
		uid := imap.UID(a.UID)
		var aerr error
		switch a.Kind {
		case "flag":
			add := append([]string{string(imap.FlagFlagged)}, strings.Fields(a.Arg)...)
			aerr = c.Flag(ctx, uid, add, []string{string(imap.FlagSeen)})
		case "file":
			if aerr = c.Flag(ctx, uid, []string{string(imap.FlagSeen)}, nil); aerr == nil {
				aerr = c.Move(ctx, uid, a.Arg)
			}
		}
		if aerr != nil {
			d.log.Warn("mailbox action failed: retried on the next poll", "action", a.Kind, "arg", a.Arg, "uid", a.UID, "err", aerr)
			if err := d.o.Store.ActionFailed(ctx, a.ID, aerr.Error()); err != nil {
				return err
			}
			if mailbox.IsTemporary(aerr) {
				return fmt.Errorf("mailbox action: %w", aerr)
			}
			continue
		}
		if err := d.o.Store.ActionDone(ctx, a.ID, ""); err != nil {
			return err
		}
		rep.ActionsApplied++
	}
	return nil
}

// scanSent reads the mail staff sent from their own client: a reply in a
// thread the program knows takes that thread over (PRODUCT.md rule 2).
func (d *Daemon) scanSent(ctx context.Context, c *mailbox.Client, folder string, rep *Report) error {
	sel, err := c.Select(ctx, folder)
	if err != nil {
		return err
	}
	name := "sent:" + folder
	cp, err := d.checkpoint(ctx, name, sel.UIDValidity)
	if err != nil {
		return err
	}
	uids, err := c.NewUIDs(ctx, imap.UID(cp.LastUID), cp.Start)
	if err != nil {
		return err
	}
	for _, uid := range uids {
		raw, err := c.FetchRaw(ctx, uid, 256<<10)
		if err != nil && !errors.Is(err, mailbox.ErrNotFound) {
			return err
		}
		cp.LastUID = uint32(uid)
		if err == nil && !raw.InternalDate.Before(cp.Start) {
			if err := d.staffMail(ctx, cp, raw, rep); err != nil {
				return err
			}
		}
		if err := d.o.Store.SaveCheckpoint(ctx, cp); err != nil {
			return err
		}
	}
	return nil
}

func (d *Daemon) staffMail(ctx context.Context, cp store.Checkpoint, raw mailbox.Raw, rep *Report) error {
	m, err := message.Read(bytes.NewReader(raw.Body), message.Options{Arrival: raw.InternalDate, Limits: d.o.Limits})
	if err != nil || m.MessageID == "" {
		return nil
	}
	known, err := d.o.Store.KnownMessageID(ctx, m.MessageID)
	if err != nil || known {
		return err // our own reply, or seen before
	}
	t, err := d.findThread(ctx, m)
	if err != nil || t.ID == 0 {
		return err
	}
	from := ""
	if m.From != nil {
		from = m.From.Address
	}
	d.log.Info("staff replied in a thread: a person owns it now", "thread", t.Ref, "message_id", m.MessageID)
	rep.StaffReplies++
	return d.o.Store.RecordStaffMail(ctx, t.ID, store.Mail{
		MessageID: m.MessageID, Mailbox: cp.Mailbox, UIDValidity: cp.UIDValidity, UID: cp.LastUID,
		Sender: from, Subject: m.Subject, Arrival: m.Arrival,
	}, "staff replied from their mail client")
}
