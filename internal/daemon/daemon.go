// Package daemon runs the mail loop: one poll reads every new mail of the
// support mailbox, decides it, records the decision and everything that
// follows from it, and then carries that out (replies over SMTP, flags and
// folders over IMAP) from the record. Run schedules polls with cron.
package daemon

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"regexp"
	"runtime/debug"
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

// ErrSubmission means the SMTP server refuses every mail of ours (wrong
// credentials, a certificate that cannot be verified): Run stops, and the
// replies wait in the outbox for the fixed configuration.
var ErrSubmission = errors.New("the SMTP server refuses our submissions")

// Sender submits a mail; send.Sender implements it. commit is called
// right before the message data is written, after everything that can fail
// without the message going out (connection, TLS, login, envelope).
type Sender interface {
	SendCommit(ctx context.Context, from string, to []string, raw []byte, commit func() error) error
}

// SendErrors classifies a Sender's errors.
type SendErrors struct {
	IsTemporary func(error) bool // nothing was sent; try again later
	IsAmbiguous func(error) bool // the mail may have gone out; never resend
	IsFatal     func(error) bool // nothing can be sent until the configuration changes
}

// Folders are where handled mail goes and where copies are kept.
type Folders struct {
	Answered string // mail the bot answered
	Ignored  string // machine mail and other mail that needs no answer
	Sent     string // "" = the \Sent special-use mailbox
	Drafts   string // "" = the \Drafts special-use mailbox
}

// Retry is the back-off for temporary SMTP failures.
type Retry struct {
	Initial     time.Duration
	Max         time.Duration
	GiveUpAfter time.Duration // then a person takes over
}

// Options configure a Daemon.
type Options struct {
	Shop decide.Shop
	// From is our own address and display name for replies.
	From mail.Address
	// ShopName signs the replies; default From.Name.
	ShopName string
	// Staff are addresses of staff who answer from their own client.
	Staff []string
	// Shadow puts replies in Drafts instead of sending them.
	Shadow           bool
	Inbox            string
	Folders          Folders
	Start            time.Time // mail that arrived before is never handled; zero: the first poll's time
	AcknowledgeHuman bool
	// MaxPerCorrespondent bounds the automatic mails to one address in 24 h.
	MaxPerCorrespondent int
	Retry               Retry
	Limits              message.Limits

	IMAP       mailbox.Options
	Sender     Sender
	SendErrors SendErrors
	Store      *store.Store
	Templates  *reply.Templates
	Logger     *slog.Logger
	Now        func() time.Time // nil: time.Now
	// BeforeDecide, when set, is called with every mail just before it is
	// decided. Tests use it to inject a failure; leave it nil.
	BeforeDecide func(*message.Message)
}

// Daemon is the mail loop.
type Daemon struct {
	o   Options
	log *slog.Logger
}

// New checks o and returns a Daemon.
func New(o Options) (*Daemon, error) {
	if o.Store == nil || o.Templates == nil {
		return nil, errors.New("daemon: a store and templates are required")
	}
	if !o.Shadow && o.Sender == nil {
		return nil, errors.New("daemon: live mode needs a sender")
	}
	if o.From.Address == "" {
		return nil, errors.New("daemon: the shop's address is required")
	}
	if o.Inbox == "" {
		o.Inbox = "INBOX"
	}
	if o.Folders.Answered == "" {
		o.Folders.Answered = "Helpdesk/Beantwoord"
	}
	if o.Folders.Ignored == "" {
		o.Folders.Ignored = "Helpdesk/Genegeerd"
	}
	if o.MaxPerCorrespondent <= 0 {
		o.MaxPerCorrespondent = 3
	}
	if o.Retry.Initial <= 0 {
		o.Retry.Initial = time.Minute
	}
	if o.Retry.Max <= 0 {
		o.Retry.Max = time.Hour
	}
	if o.Retry.GiveUpAfter <= 0 {
		o.Retry.GiveUpAfter = 24 * time.Hour
	}
	if o.SendErrors.IsTemporary == nil {
		o.SendErrors.IsTemporary = func(error) bool { return false }
	}
	if o.SendErrors.IsAmbiguous == nil {
		o.SendErrors.IsAmbiguous = func(error) bool { return false }
	}
	if o.SendErrors.IsFatal == nil {
		o.SendErrors.IsFatal = func(error) bool { return false }
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.ShopName == "" {
		o.ShopName = o.From.Name
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Daemon{o: o, log: log}, nil
}

// Handled is what one poll did with one mail.
type Handled struct {
	UID       uint32
	MessageID string
	From      string
	Subject   string
	Category  classify.Category
	Outcome   policy.Outcome
	Rule      string
	Reasons   []string
	// Reply is the reply or acknowledgement recorded for the mail, if any.
	Reply []byte
	// Duplicate is set when the mail was seen before (a copy, or a
	// recreated mailbox) and only its earlier actions were repeated.
	Duplicate bool
	// Skipped is set for mail that arrived before the start.
	Skipped bool
	// Panicked is set when the program failed on the mail (a recovered
	// panic) and set it aside for a person.
	Panicked bool
}

// Report is what one poll did.
type Report struct {
	Mails          []Handled
	Sent, Drafted  int
	Retried        int
	Failed         int
	StaffReplies   int
	ActionsApplied int
	// Panics counts mails the program failed on and set aside for a
	// person. Tests fail when it is not zero unless they caused it.
	Panics int
}

// Poll runs one poll. When ctx ends it finishes the mail at hand and stops;
// the rest waits for the next poll.
func (d *Daemon) Poll(ctx context.Context) (*Report, error) {
	rep := &Report{}
	// Work is finished even after a shutdown signal: from here on, ctx
	// only decides whether to start the next mail. The connection lives
	// until the poll returns (a client dialled with ctx would be closed by
	// the signal, in the middle of filing the mail at hand); every wait on
	// the server is bounded by the IMAP timeout.
	work := context.WithoutCancel(ctx)
	c, err := mailbox.Dial(work, d.o.IMAP)
	if err != nil {
		return rep, fmt.Errorf("connecting to the mailbox: %w", err)
	}
	defer c.Close()

	f, err := d.resolveFolders(ctx, c)
	if err != nil {
		return rep, err
	}
	if err := d.recoverInterrupted(work); err != nil {
		return rep, err
	}
	if f.Sent != "" {
		if err := d.scanSent(ctx, c, f.Sent, rep); err != nil {
			d.log.Warn("reading the Sent folder for staff replies", "folder", f.Sent, "err", err)
			if !mailbox.IsTemporary(err) && errors.Is(err, mailbox.ErrAuth) {
				return rep, err
			}
		}
	}
	if err := d.pollInbox(ctx, c, rep); err != nil {
		return rep, err
	}
	if err := d.flushOutbox(work, c, f, rep); err != nil {
		return rep, err
	}
	if err := d.copySent(work, c, f); err != nil {
		d.log.Warn("copying replies to the Sent folder", "err", err)
	}
	if err := d.applyActions(work, c, rep); err != nil {
		return rep, err
	}
	return rep, nil
}

// resolveFolders returns the folders of one poll, with Sent and Drafts
// found by their special use when not configured, each created if missing.
func (d *Daemon) resolveFolders(ctx context.Context, c *mailbox.Client) (Folders, error) {
	f := d.o.Folders
	if f.Sent == "" || f.Drafts == "" {
		sent, drafts, err := c.SpecialUse(ctx)
		if err != nil {
			return f, fmt.Errorf("finding the Sent and Drafts folders: %w", err)
		}
		if f.Sent == "" {
			f.Sent = sent
		}
		if f.Drafts == "" {
			f.Drafts = drafts
		}
	}
	for _, name := range []string{f.Answered, f.Ignored, f.Sent, f.Drafts} {
		if name == "" {
			continue
		}
		if err := c.Ensure(ctx, name); err != nil {
			if mailbox.IsTemporary(err) || ctx.Err() != nil {
				return f, fmt.Errorf("creating folder %q: %w", name, err)
			}
			// The server refuses it (no permission, a name it does not
			// allow): deciding and answering go on; what is to be filed
			// there stays in the INBOX and is filed once it can be.
			d.log.Warn("creating folder failed: mail to be filed there stays in the INBOX until it can be created", "folder", name, "err", err)
		}
	}
	return f, nil
}

// recoverInterrupted hands every reply left "sending" by a crash to a
// person: it may or may not have gone out, and sending it again could give
// the customer two replies.
func (d *Daemon) recoverInterrupted(ctx context.Context) error {
	outs, err := d.o.Store.InterruptedOutbox(ctx)
	if err != nil {
		return err
	}
	for _, o := range outs {
		why := "the program stopped while sending this reply; check whether the customer received it"
		d.log.Warn("reply interrupted while sending", "outbox", o.ID, "message_id", o.MessageID, "to", o.Recipient)
		if err := d.o.Store.MarkFailed(ctx, o.ID, "unknown", why, []store.Action{flagAction(keywordUnsure)}); err != nil {
			return err
		}
	}
	return nil
}

// pollInbox reads every new mail of the inbox in UID order.
func (d *Daemon) pollInbox(ctx context.Context, c *mailbox.Client, rep *Report) error {
	sel, err := c.Select(ctx, d.o.Inbox)
	if err != nil {
		return fmt.Errorf("selecting %s: %w", d.o.Inbox, err)
	}
	cp, err := d.checkpoint(ctx, d.o.Inbox, sel.UIDValidity)
	if err != nil {
		return err
	}
	uids, err := c.NewUIDs(ctx, imap.UID(cp.LastUID), cp.Start)
	if err != nil {
		return fmt.Errorf("searching new mail: %w", err)
	}
	work := context.WithoutCancel(ctx)
	for _, uid := range uids {
		if ctx.Err() != nil {
			d.log.Info("stopping after the current mail", "mailbox", d.o.Inbox)
			return nil
		}
		h, err := d.handleUID(work, c, &cp, uid)
		if err != nil {
			return err
		}
		if h != nil && h.Panicked {
			rep.Panics++
		}
		if h != nil {
			rep.Mails = append(rep.Mails, *h)
		}
	}
	return nil
}

// checkpoint returns the mailbox's checkpoint, starting one on the first
// poll and starting over, without losing the start, when the mailbox was
// recreated (a new UIDVALIDITY, RFC 9051 section 2.3.1.1).
func (d *Daemon) checkpoint(ctx context.Context, name string, uidValidity uint32) (store.Checkpoint, error) {
	cp, err := d.o.Store.Checkpoint(ctx, name)
	switch {
	case errors.Is(err, store.ErrNotFound):
		cp = store.Checkpoint{Mailbox: name, UIDValidity: uidValidity, Start: d.o.Start}
		if cp.Start.IsZero() {
			cp.Start = d.o.Now()
		}
		d.log.Info("first poll of mailbox: mail that arrived before the start is left alone", "mailbox", name, "start", cp.Start)
		return cp, d.o.Store.SaveCheckpoint(ctx, cp)
	case err != nil:
		return cp, err
	case cp.UIDValidity != uidValidity:
		d.log.Warn("mailbox was recreated (UIDVALIDITY changed): reading it again, mail seen before is not answered again",
			"mailbox", name, "old", cp.UIDValidity, "new", uidValidity)
		cp.UIDValidity, cp.LastUID = uidValidity, 0
		return cp, d.o.Store.SaveCheckpoint(ctx, cp)
	}
	return cp, nil
}

// handleUID fetches, decides and records one mail. A panic is recovered:
// the mail is set aside for a person and the poll goes on.
func (d *Daemon) handleUID(ctx context.Context, c *mailbox.Client, cp *store.Checkpoint, uid imap.UID) (h *Handled, err error) {
	log := d.log.With("mailbox", cp.Mailbox, "uid", uint32(uid))
	raw, err := c.FetchRaw(ctx, uid, d.o.Limits.MaxSize)
	if errors.Is(err, mailbox.ErrNotFound) {
		// Expunged between SEARCH and FETCH: nothing to handle.
		next := *cp
		next.LastUID = uint32(uid)
		if err := d.o.Store.SaveCheckpoint(ctx, next); err != nil {
			return nil, err
		}
		*cp = next
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("fetching UID %d: %w", uid, err)
	}
	next := *cp
	next.LastUID = uint32(uid)
	if raw.InternalDate.Before(cp.Start) {
		if err := d.o.Store.SaveCheckpoint(ctx, next); err != nil {
			return nil, err
		}
		*cp = next
		return &Handled{UID: uint32(uid), Skipped: true}, nil
	}
	defer func() {
		if p := recover(); p != nil {
			log.Error("panic while handling a mail: set aside for a person", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			h, err = d.setAside(ctx, next, raw, fmt.Sprintf("the program failed on this mail (%v)", p))
			if err == nil {
				*cp = next
				h.Panicked = true
			}
		}
	}()
	h, err = d.handle(ctx, next, raw, log)
	if err == nil {
		*cp = next
	}
	return h, err
}

// setAside records a mail for a person without deciding it.
func (d *Daemon) setAside(ctx context.Context, cp store.Checkpoint, raw mailbox.Raw, why string) (*Handled, error) {
	sum := sha256.Sum256(raw.Body)
	ref, err := newRef()
	if err != nil {
		return nil, err
	}
	_, err = d.o.Store.Record(ctx, store.Record{
		Checkpoint: &cp,
		NewThread:  store.Thread{Ref: ref, Owner: why},
		Mail:       store.Mail{Direction: "in", Hash: hex.EncodeToString(sum[:]), Mailbox: cp.Mailbox, UIDValidity: cp.UIDValidity, UID: cp.LastUID, Arrival: raw.InternalDate},
		Decision:   &store.Decision{Category: string(classify.Other), Outcome: string(policy.Human), Rule: "-", Reasons: []string{why}},
		Actions:    []store.Action{flagAction(keywordUnsure)},
	})
	if err != nil {
		return nil, err
	}
	return &Handled{UID: cp.LastUID, Outcome: policy.Human, Reasons: []string{why}}, nil
}

var refPattern = regexp.MustCompile(`\[(HD-[A-Z2-9]{6})\]`)

// handle decides one fetched mail and records everything that follows.
func (d *Daemon) handle(ctx context.Context, cp store.Checkpoint, raw mailbox.Raw, log *slog.Logger) (*Handled, error) {
	m, err := message.Read(bytes.NewReader(raw.Body), message.Options{Arrival: raw.InternalDate, Limits: d.o.Limits})
	if err != nil {
		return d.setAside(ctx, cp, raw, "the mail could not be read: "+err.Error())
	}
	if raw.Truncated {
		m.OverLimit = true
		m.Problems = append(m.Problems, fmt.Sprintf("larger than the size limit of %d bytes", d.o.Limits.MaxSize))
	}
	sum := sha256.Sum256(raw.Body)
	rec := store.Mail{
		Direction: "in", MessageID: m.MessageID, Hash: hex.EncodeToString(sum[:]),
		Mailbox: cp.Mailbox, UIDValidity: cp.UIDValidity, UID: cp.LastUID,
		Subject: m.Subject, Arrival: m.Arrival,
	}
	if m.From != nil {
		rec.Sender = m.From.Address
	}
	h := &Handled{UID: cp.LastUID, MessageID: m.MessageID, From: rec.Sender, Subject: m.Subject}
	log = log.With("message_id", m.MessageID)

	// The same mail seen before (a second copy, or a recreated mailbox):
	// repeat what was done to it, never decide or answer it again.
	seen, err := d.o.Store.IncomingSeen(ctx, m.MessageID, rec.Hash)
	switch {
	case err == nil:
		log.Info("mail seen before: repeating its filing, no new decision")
		_, err := d.o.Store.Record(ctx, store.Record{Checkpoint: &cp, ThreadID: seen.ThreadID, Mail: rec, Actions: seen.Actions})
		h.Duplicate = true
		return h, err
	case !errors.Is(err, store.ErrNotFound):
		return nil, err
	}

	thread, err := d.findThread(ctx, m)
	if err != nil {
		return nil, err
	}
	r := store.Record{Checkpoint: &cp, ThreadID: thread.ID, Mail: rec}
	if thread.ID == 0 {
		ref, err := newRef()
		if err != nil {
			return nil, err
		}
		thread = store.Thread{Ref: ref, Customer: rec.Sender, Subject: m.Subject}
		r.NewThread = thread
	}

	// Staff writing to the support address take the thread over.
	if d.isStaff(rec.Sender) {
		why := "staff wrote in the thread (" + rec.Sender + ")"
		r.Mail.Direction = "staff"
		r.ThreadOwner = why
		r.Decision = &store.Decision{Category: string(classify.Other), Outcome: string(policy.Ignore), Rule: "staff", Reasons: []string{why}}
		r.Actions = []store.Action{fileAction(d.o.Folders.Ignored)}
		h.Category, h.Outcome, h.Rule, h.Reasons = classify.Other, policy.Ignore, "staff", []string{why}
		_, err := d.o.Store.Record(ctx, r)
		return h, err
	}

	history, err := d.history(ctx, thread)
	if err != nil {
		return nil, err
	}
	if d.o.BeforeDecide != nil {
		d.o.BeforeDecide(m)
	}
	res, err := decide.Mail(ctx, d.o.Shop, d.o.Store, m, history, nil)
	if err != nil {
		return nil, err
	}
	dec := res.Decision
	if dec.Category == classify.Auto {
		if err := d.noteBounce(ctx, raw.Body, &r, &dec); err != nil {
			return nil, err
		}
	}
	if err := d.limitAutomaticMail(ctx, m, &dec); err != nil {
		return nil, err
	}
	h.Category, h.Outcome, h.Rule, h.Reasons = dec.Category, dec.Outcome, dec.Rule, dec.Reasons
	log.Info("decided", "category", dec.Category, "outcome", dec.Outcome, "rule", dec.Rule, "thread", thread.Ref)

	r.Decision = &store.Decision{
		Category: string(dec.Category), Outcome: string(dec.Outcome), Rule: dec.Rule,
		Language: res.Class.Language, Reasons: dec.Reasons,
	}
	if dec.Order != nil {
		r.Decision.OrderID = dec.Order.ID
		days := dec.Days
		r.Decision.Days = &days
	}
	if dec.Category != classify.Auto && dec.Category != classify.Other {
		r.ThreadCategory = string(dec.Category)
	}

	var template string
	switch dec.Outcome {
	case policy.Ignore:
		r.Actions = []store.Action{fileAction(d.o.Folders.Ignored)}
	case policy.Human:
		r.ThreadOwner = "flagged for a person: " + lastReason(dec.Reasons)
		r.Actions = []store.Action{flagAction(keywordFor(dec, res.Class))}
		if d.o.AcknowledgeHuman && dec.Category != classify.Auto && thread.Owner == "" && d.mayWrite(ctx, m) {
			template = reply.Acknowledgement
		}
	default:
		template = reply.Name(string(dec.Category), string(dec.Outcome))
	}
	refund := refundFor(dec, rec.Sender)
	if template != "" || dec.Outcome != policy.Human && dec.Outcome != policy.Ignore {
		out, err := d.buildReply(m, res, thread.Ref, template)
		if err == nil && template == "" {
			err = fmt.Errorf("no reply template for %s/%s", dec.Category, dec.Outcome)
		}
		if err != nil {
			// A template that cannot be filled in: a person answers.
			log.Error("building the reply failed: flagged for a person", "err", err)
			r.Outgoing = nil
			r.Actions = []store.Action{flagAction(keywordUnsure)}
			r.ThreadOwner = "the reply could not be built"
			r.Decision.Outcome, r.Decision.Reasons = string(policy.Human), append(r.Decision.Reasons, "the reply could not be built: "+err.Error())
			h.Outcome = policy.Human
			refund = nil
		} else {
			r.Outgoing = out
			h.Reply = out.Raw
		}
	}
	r.Refund = refund
	_, err = d.o.Store.Record(ctx, r)
	return h, err
}

// limitAutomaticMail turns a decision that would write to the customer into
// human when that address bounced before or already got the maximum of
// automatic mails in 24 hours (no mail loops, no spam cannon).
func (d *Daemon) limitAutomaticMail(ctx context.Context, m *message.Message, dec *policy.Decision) error {
	if dec.Outcome == policy.Human || dec.Outcome == policy.Ignore {
		return nil
	}
	to := recipient(m, d.o.From.Address)
	if to == "" {
		*dec = withHuman(*dec, "no address to reply to")
		return nil
	}
	why, err := d.o.Store.Suppressed(ctx, to)
	if err != nil {
		return err
	}
	if why != "" {
		*dec = withHuman(*dec, "no automatic mail to "+to+": "+why)
		return nil
	}
	n, err := d.o.Store.RepliesSince(ctx, to, d.o.Now().Add(-24*time.Hour))
	if err != nil {
		return err
	}
	if n >= d.o.MaxPerCorrespondent {
		*dec = withHuman(*dec, fmt.Sprintf("%s already got %d automatic mails in 24 hours", to, n))
	}
	return nil
}

// mayWrite reports whether an acknowledgement may go to the mail's sender.
func (d *Daemon) mayWrite(ctx context.Context, m *message.Message) bool {
	dec := policy.Decision{Outcome: policy.NeedOrder}
	if err := d.limitAutomaticMail(ctx, m, &dec); err != nil {
		return false
	}
	return dec.Outcome != policy.Human
}

func withHuman(d policy.Decision, why string) policy.Decision {
	d.Outcome = policy.Human
	d.Reasons = append(d.Reasons, "limit: "+why)
	return d
}

func lastReason(rs []string) string {
	if len(rs) == 0 {
		return ""
	}
	return rs[len(rs)-1]
}

// recipient is where a reply goes: Reply-To unless it is our own address,
// else From.
func recipient(m *message.Message, own string) string {
	for _, a := range m.ReplyTo {
		if a != nil && a.Address != "" && !strings.EqualFold(a.Address, own) {
			return a.Address
		}
	}
	if m.From != nil {
		return m.From.Address
	}
	return ""
}

func (d *Daemon) isStaff(addr string) bool {
	for _, s := range d.o.Staff {
		if strings.EqualFold(s, addr) {
			return true
		}
	}
	return false
}

// findThread finds the thread a mail belongs to: by In-Reply-To and
// References against every Message-ID seen or sent, else by the reference
// token in the subject (clients that drop those headers keep the subject).
// The zero Thread means a new one.
func (d *Daemon) findThread(ctx context.Context, m *message.Message) (store.Thread, error) {
	ids := append(append([]string{}, m.InReplyTo...), m.References...)
	t, err := d.o.Store.ThreadByMessageIDs(ctx, ids)
	if err == nil || !errors.Is(err, store.ErrNotFound) {
		return t, err
	}
	if sm := refPattern.FindStringSubmatch(strings.ToUpper(m.Subject)); sm != nil {
		t, err := d.o.Store.ThreadByRef(ctx, sm[1])
		if err == nil || !errors.Is(err, store.ErrNotFound) {
			return t, err
		}
	}
	return store.Thread{}, nil
}

// history is the thread's past as the policy's rule 2 needs it.
func (d *Daemon) history(ctx context.Context, t store.Thread) (policy.History, error) {
	var h policy.History
	if t.ID == 0 {
		return h, nil
	}
	h.Owner = t.Owner
	h.Category = classify.Category(t.Category)
	past, err := d.o.Store.ThreadDecisions(ctx, t.ID)
	if err != nil {
		return h, err
	}
	for _, p := range past {
		switch policy.Outcome(p.Outcome) {
		case policy.Eligible, policy.Expired:
			h.Verdict = policy.Outcome(p.Outcome)
		case policy.NeedOrder:
			h.AskedOrder = true
		case policy.NeedEvidence:
			h.AskedEvidence = true
		}
	}
	return h, nil
}

// newRef returns a new thread reference such as "HD-7K3Q9X".
func newRef() (string, error) {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return "HD-" + string(b[:]), nil
}
