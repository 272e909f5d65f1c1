package daemon_test

import (
	"bytes"
	"context"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"helpdesk/internal/daemon"
	"helpdesk/internal/decide"
	"helpdesk/internal/demo"
	"helpdesk/internal/faultproxy"
	"helpdesk/internal/mailbox"
	"helpdesk/internal/message"
	"helpdesk/internal/policy"
	"helpdesk/internal/reply"
	"helpdesk/internal/send"
	"helpdesk/internal/store"
)

const support = "support@volgersfabriek.nl"

var ams = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic(err)
	}
	return loc
}()

// env is a support mailbox on in-process IMAP and SMTP servers, a fresh
// database and a daemon polling it.
type env struct {
	t    *testing.T
	srv  *demo.Servers
	st   *store.Store
	opts daemon.Options
	d    *daemon.Daemon
	// panicsExpected lets a test that injects a panic see it recovered.
	panicsExpected bool
	// imapProxy and smtpProxy sit between the daemon and the servers
	// when newEnv was given withProxies.
	imapProxy, smtpProxy *faultproxy.Proxy
}

// envConfig is what envOptions change in newEnv.
type envConfig struct {
	proxies     bool
	sendTimeout time.Duration
}

// envOption changes how newEnv builds the environment.
type envOption func(*envConfig)

// withProxies puts a faultproxy in front of the IMAP and of the SMTP
// server: the daemon talks to the servers only through them.
func withProxies() envOption { return func(c *envConfig) { c.proxies = true } }

// withSendTimeout bounds each SMTP step of the sender to d.
func withSendTimeout(d time.Duration) envOption {
	return func(c *envConfig) { c.sendTimeout = d }
}

const orders = `order_id,email,product,placed_at,amount_cents,currency,recurring,last_payment_at,status
100234,anna@example.nl,1000 Instagram volgers,2026-11-02T14:05:00+01:00,1495,EUR,false,,processing
100235,bram@example.nl,500 likes,2026-11-02T14:05:00+01:00,595,EUR,false,,processing
100236,bram@example.nl,500 likes,2026-11-03T14:05:00+01:00,595,EUR,false,,processing
S-7781,jan@example.com,Maandelijks TikTok pakket,2026-09-15T09:00:00+02:00,2999,EUR,true,2026-11-15T09:00:00+01:00,active
`

func newEnv(t *testing.T, mod func(*daemon.Options), opts ...envOption) *env {
	t.Helper()
	ctx := context.Background()
	cfg := envConfig{sendTimeout: 10 * time.Second}
	for _, o := range opts {
		o(&cfg)
	}
	srv, err := demo.StartServers("127.0.0.1:0", "127.0.0.1:0", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	e := &env{t: t, srv: srv}
	imapAddr, smtpAddr := srv.IMAPAddr, srv.SMTPAddr
	if cfg.proxies {
		for _, x := range []struct {
			p    **faultproxy.Proxy
			addr *string
		}{{&e.imapProxy, &imapAddr}, {&e.smtpProxy, &smtpAddr}} {
			p, err := faultproxy.Start(*x.addr)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { p.Close() })
			*x.p, *x.addr = p, p.Addr()
		}
	}
	if _, err := srv.User(support); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "helpdesk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.ImportOrdersCSV(ctx, strings.NewReader(orders)); err != nil {
		t.Fatal(err)
	}
	templates, err := reply.Load("")
	if err != nil {
		t.Fatal(err)
	}
	sender, err := send.New(send.Options{Address: smtpAddr, TLS: send.NoTLS, Username: support, Password: demo.Password, Timeout: cfg.sendTimeout})
	if err != nil {
		t.Fatal(err)
	}
	o := daemon.Options{
		Shop:       decide.Shop{Addresses: []string{support}, Location: ams, WindowDays: 7},
		From:       mail.Address{Name: "Volgersfabriek", Address: support},
		Start:      time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC),
		IMAP:       mailbox.Options{Address: imapAddr, TLS: mailbox.TLSNone, Username: support, Password: demo.Password, Timeout: 10 * time.Second},
		Sender:     sender,
		SendErrors: daemon.SendErrors{IsTemporary: send.IsTemporary, IsAmbiguous: send.IsAmbiguous, IsFatal: send.IsFatal},
		Store:      st,
		Templates:  templates,
		Retry:      daemon.Retry{Initial: time.Nanosecond, Max: time.Nanosecond, GiveUpAfter: time.Hour},
	}
	if mod != nil {
		mod(&o)
	}
	d, err := daemon.New(o)
	if err != nil {
		t.Fatal(err)
	}
	e.st, e.opts, e.d = st, o, d
	return e
}

// deliver puts a mail into the support INBOX as arrived at `at`.
func (e *env) deliver(raw string, at time.Time) {
	e.t.Helper()
	raw = strings.ReplaceAll(strings.ReplaceAll(raw, "\r\n", "\n"), "\n", "\r\n")
	if err := e.srv.Deliver(support, []byte(raw), at); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) poll() *daemon.Report {
	e.t.Helper()
	rep, err := e.d.Poll(context.Background())
	if err != nil {
		e.t.Fatalf("poll: %v", err)
	}
	if rep.Panics > 0 && !e.panicsExpected {
		e.t.Errorf("the poll recovered %d panic(s): a bug", rep.Panics)
	}
	return rep
}

func (e *env) folders(user string) map[string][]demo.FolderMail {
	e.t.Helper()
	fs, err := demo.ListFolders(context.Background(), e.srv.IMAPAddr, user)
	if err != nil {
		e.t.Fatal(err)
	}
	out := map[string][]demo.FolderMail{}
	for _, f := range fs {
		out[f.Name] = f.Mails
	}
	return out
}

func mailFrom(from, id, subject, body string, extra ...string) string {
	h := fmt.Sprintf("From: %s\nTo: %s\nSubject: %s\nDate: Thu, 05 Nov 2026 10:00:00 +0100\nMessage-ID: <%s>\n", from, support, subject, id)
	for _, x := range extra {
		h += x + "\n"
	}
	return h + "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n" + body + "\n"
}

func hasFlag(flags []string, f string) bool {
	for _, x := range flags {
		if strings.EqualFold(x, f) {
			return true
		}
	}
	return false
}

func TestPollAnswersAndFiles(t *testing.T) {
	e := newEnv(t, nil)
	at := time.Date(2026, 11, 5, 10, 0, 0, 0, ams)
	e.deliver(mailFrom("Anna <anna@example.nl>", "a1@example.nl", "Nog niks ontvangen",
		"Hoi, ik heb mijn 1000 volgers van bestelling 100234 nog steeds niet ontvangen. Groetjes, Anna"), at)
	e.deliver(mailFrom("Kees <kees@example.nl>", "k1@example.nl", "Factuur", "Mag ik een factuur met btw voor mijn bestelling?"), at)
	e.deliver(mailFrom("Piet <piet@example.nl>", "p1@example.nl", "Out of office", "Ik ben afwezig.", "Auto-Submitted: auto-replied"), at)

	rep := e.poll()
	if len(rep.Mails) != 3 {
		t.Fatalf("got %d mails; want 3", len(rep.Mails))
	}
	want := map[string]policy.Outcome{"a1@example.nl": policy.Eligible, "k1@example.nl": policy.Human, "p1@example.nl": policy.Ignore}
	for _, h := range rep.Mails {
		if h.Outcome != want[h.MessageID] {
			t.Errorf("%s: got %s; want %s\n%s", h.MessageID, h.Outcome, want[h.MessageID], strings.Join(h.Reasons, "\n"))
		}
	}
	if rep.Sent != 1 {
		t.Fatalf("got %d sent; want 1", rep.Sent)
	}
	got := e.srv.Received()
	if len(got) != 1 || got[0].To[0] != "anna@example.nl" {
		t.Fatalf("got deliveries %+v; want one to anna", got)
	}
	m, err := message.Read(bytes.NewReader(got[0].Raw), message.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.InReplyTo) != 1 || m.InReplyTo[0] != "a1@example.nl" {
		t.Errorf("got In-Reply-To %v; want a1@example.nl", m.InReplyTo)
	}
	if !strings.HasPrefix(m.Subject, "Re: Nog niks ontvangen [HD-") {
		t.Errorf("got subject %q", m.Subject)
	}
	if m.Header.Get("Auto-Submitted") != "auto-replied" {
		t.Errorf("got Auto-Submitted %q; want auto-replied", m.Header.Get("Auto-Submitted"))
	}

	f := e.folders(support)
	if len(f["INBOX"]) != 1 || f["INBOX"][0].Subject != "Factuur" {
		t.Fatalf("INBOX holds %+v; want only the mail for a person", f["INBOX"])
	}
	flags := f["INBOX"][0].Flags
	if !hasFlag(flags, `\Flagged`) || hasFlag(flags, `\Seen`) || !hasFlag(flags, "Helpdesk-Person") || !hasFlag(flags, "Helpdesk-Question") {
		t.Errorf("flags of the mail for a person: %v", flags)
	}
	if len(f["Helpdesk/Beantwoord"]) != 1 || len(f["Helpdesk/Genegeerd"]) != 1 {
		t.Errorf("got answered %d, ignored %d; want 1 and 1", len(f["Helpdesk/Beantwoord"]), len(f["Helpdesk/Genegeerd"]))
	}
	if len(f["Sent"]) != 1 {
		t.Errorf("got %d mails in Sent; want the copy of the reply", len(f["Sent"]))
	}
	if inbox := e.folders("anna@example.nl")["INBOX"]; len(inbox) != 1 || inbox[0].InReplyTo != "a1@example.nl" {
		t.Errorf("customer's INBOX: %+v", inbox)
	}
	refunds, err := e.st.Refunds(context.Background(), true)
	if err != nil || len(refunds) != 1 || refunds[0].OrderID != "100234" {
		t.Errorf("got refunds %+v, %v; want one for 100234", refunds, err)
	}

	// A second poll finds nothing new and sends nothing.
	rep = e.poll()
	if len(rep.Mails) != 0 || rep.Sent != 0 || len(e.srv.Received()) != 1 {
		t.Errorf("second poll: %d mails, %d sent, %d delivered; want 0, 0, 1", len(rep.Mails), rep.Sent, len(e.srv.Received()))
	}
}

func TestBacklogBeforeStartIsLeftAlone(t *testing.T) {
	start := time.Date(2026, 11, 5, 0, 0, 0, 0, ams)
	e := newEnv(t, func(o *daemon.Options) { o.Start = start })
	for i := range 5 {
		e.deliver(mailFrom("Anna <anna@example.nl>", fmt.Sprintf("old%d@example.nl", i), "Oud", "Waar blijft bestelling 100234?"), start.AddDate(0, 0, -30+i))
	}
	e.deliver(mailFrom("Anna <anna@example.nl>", "new@example.nl", "Nog niks ontvangen", "Ik heb bestelling 100234 nog steeds niet ontvangen."), start.Add(time.Hour))
	rep := e.poll()
	handled := 0
	for _, h := range rep.Mails {
		if !h.Skipped {
			handled++
			if h.MessageID != "new@example.nl" {
				t.Errorf("handled %s from before the start", h.MessageID)
			}
		}
	}
	if handled != 1 || len(e.srv.Received()) != 1 {
		t.Fatalf("handled %d, sent %d; want 1 and 1", handled, len(e.srv.Received()))
	}
	if n := len(e.folders(support)["INBOX"]); n != 5 {
		t.Errorf("INBOX holds %d; want the 5 old mails untouched", n)
	}
}

func TestThreadRules(t *testing.T) {
	e := newEnv(t, nil)
	at := time.Date(2026, 11, 5, 10, 0, 0, 0, ams)

	// need_order, then a follow-up that brings the order number.
	e.deliver(mailFrom("Bram <bram@example.nl>", "b1@example.nl", "Niks ontvangen", "Mijn likes zijn nog steeds niet binnen."), at)
	rep := e.poll()
	if rep.Mails[0].Outcome != policy.NeedOrder {
		t.Fatalf("first mail: got %s; want need_order\n%s", rep.Mails[0].Outcome, strings.Join(rep.Mails[0].Reasons, "\n"))
	}
	ask := e.srv.Received()[0]
	askMsg, _ := message.Read(bytes.NewReader(ask.Raw), message.Options{})
	e.deliver(mailFrom("Bram <bram@example.nl>", "b2@example.nl", "Re: "+askMsg.Subject, "Het is bestelling 100236.",
		"In-Reply-To: <"+askMsg.MessageID+">", "References: <b1@example.nl> <"+askMsg.MessageID+">"), at.Add(time.Hour))
	rep = e.poll()
	if h := rep.Mails[0]; h.Outcome != policy.Eligible || h.Category != "non_delivery" {
		t.Fatalf("follow-up with the number: got %s/%s; want non_delivery/eligible\n%s", h.Category, h.Outcome, strings.Join(h.Reasons, "\n"))
	}

	// A follow-up after the verdict goes to a person, found by the
	// reference in the subject alone (the client dropped the headers).
	verdict := e.srv.Received()[1]
	vm, _ := message.Read(bytes.NewReader(verdict.Raw), message.Options{})
	e.deliver(mailFrom("Bram <bram@example.nl>", "b3@example.nl", "Re: "+vm.Subject, "Bedankt! Maar wanneer krijg ik het?"), at.Add(2*time.Hour))
	rep = e.poll()
	if h := rep.Mails[0]; h.Outcome != policy.Human || h.Rule != "2" {
		t.Fatalf("follow-up after a verdict: got %s by rule %s; want human by rule 2", h.Outcome, h.Rule)
	}
	if n := len(e.srv.Received()); n != 2 {
		t.Fatalf("got %d replies; want 2", n)
	}
}

func TestSecondMissGoesToPerson(t *testing.T) {
	e := newEnv(t, nil)
	at := time.Date(2026, 11, 5, 10, 0, 0, 0, ams)
	e.deliver(mailFrom("Bram <bram@example.nl>", "b1@example.nl", "Niks ontvangen", "Mijn likes zijn nog steeds niet binnen."), at)
	e.poll()
	ask, _ := message.Read(bytes.NewReader(e.srv.Received()[0].Raw), message.Options{})
	e.deliver(mailFrom("Bram <bram@example.nl>", "b2@example.nl", "Re: "+ask.Subject, "Ik weet het nummer niet meer, het waren likes.",
		"In-Reply-To: <"+ask.MessageID+">"), at.Add(time.Hour))
	rep := e.poll()
	if h := rep.Mails[0]; h.Outcome != policy.Human || h.Rule != "2" {
		t.Fatalf("second miss: got %s by rule %s; want human by rule 2\n%s", h.Outcome, h.Rule, strings.Join(h.Reasons, "\n"))
	}
}

func TestStaffReplyTakesThreadOver(t *testing.T) {
	e := newEnv(t, nil)
	at := time.Date(2026, 11, 5, 10, 0, 0, 0, ams)
	e.deliver(mailFrom("Kees <kees@example.nl>", "k1@example.nl", "Factuur", "Mag ik een factuur met btw?"), at)
	e.poll()
	// Staff answer from their own client: the copy lands in Sent.
	staff := "From: Marieke <" + support + ">\r\nTo: kees@example.nl\r\nSubject: Re: Factuur\r\nMessage-ID: <staff1@volgersfabriek.nl>\r\nIn-Reply-To: <k1@example.nl>\r\nReferences: <k1@example.nl>\r\nDate: Thu, 05 Nov 2026 11:00:00 +0100\r\n\r\nHoi Kees, hierbij.\r\n"
	u, _ := e.srv.User(support)
	_ = u
	if err := appendTo(e, "Sent", staff, at.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	e.deliver(mailFrom("Kees <kees@example.nl>", "k2@example.nl", "Re: Factuur", "Dank! En mijn 1000 volgers van 100234 zijn niet aangekomen.",
		"In-Reply-To: <staff1@volgersfabriek.nl>", "References: <k1@example.nl> <staff1@volgersfabriek.nl>"), at.Add(2*time.Hour))
	rep := e.poll()
	if rep.StaffReplies != 1 {
		t.Errorf("got %d staff replies; want 1", rep.StaffReplies)
	}
	if h := rep.Mails[0]; h.Outcome != policy.Human || h.Rule != "2" {
		t.Fatalf("after a staff reply: got %s by rule %s; want human by rule 2", h.Outcome, h.Rule)
	}
	if n := len(e.srv.Received()); n != 0 {
		t.Errorf("got %d automatic mails; want none", n)
	}
}

func appendTo(e *env, folder, raw string, at time.Time) error {
	c, err := mailbox.Dial(context.Background(), e.opts.IMAP)
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = c.Append(context.Background(), folder, nil, at, []byte(raw))
	return err
}

func TestTemporaryThenPermanentSendFailure(t *testing.T) {
	e := newEnv(t, nil)
	at := time.Date(2026, 11, 5, 10, 0, 0, 0, ams)
	e.srv.RejectWith(func(string, []string) error {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	})
	e.deliver(mailFrom("Anna <anna@example.nl>", "a1@example.nl", "Nog niks ontvangen", "Bestelling 100234 is nog steeds niet ontvangen."), at)
	rep := e.poll()
	if rep.Retried != 1 || rep.Sent != 0 {
		t.Fatalf("451: got retried %d, sent %d; want 1, 0", rep.Retried, rep.Sent)
	}
	if inbox := e.folders(support)["INBOX"]; len(inbox) != 1 || hasFlag(inbox[0].Flags, `\Flagged`) {
		t.Fatalf("while retrying the mail stays in INBOX unflagged: %+v", inbox)
	}
	e.srv.RejectWith(nil)
	rep = e.poll()
	if rep.Sent != 1 || len(e.srv.Received()) != 1 {
		t.Fatalf("retry: got sent %d, delivered %d; want 1, 1", rep.Sent, len(e.srv.Received()))
	}

	// A permanent failure hands the mail to a person.
	e.srv.RejectWith(func(string, []string) error {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	})
	e.deliver(mailFrom("Jan <jan@example.com>", "j1@example.com", "Opzeggen", "Ik wil mijn abonnement S-7781 opzeggen."), time.Date(2026, 11, 16, 10, 0, 0, 0, ams))
	rep = e.poll()
	if rep.Failed != 1 {
		t.Fatalf("550: got failed %d; want 1", rep.Failed)
	}
	inbox := e.folders(support)["INBOX"]
	if len(inbox) != 1 || !hasFlag(inbox[0].Flags, `\Flagged`) {
		t.Fatalf("after a 550 the mail is flagged in INBOX: %+v", inbox)
	}
}

func TestInterruptedSendIsNeverRepeated(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	at := time.Date(2026, 11, 5, 10, 0, 0, 0, ams)
	e.srv.RejectWith(func(string, []string) error {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "later"}
	})
	e.deliver(mailFrom("Anna <anna@example.nl>", "a1@example.nl", "Nog niks ontvangen", "Bestelling 100234 is nog steeds niet ontvangen."), at)
	e.poll()
	e.srv.RejectWith(nil)
	// The program dies right after marking the reply "sending".
	due, err := e.st.DueOutbox(ctx, time.Now().Add(time.Hour))
	if err != nil || len(due) != 1 {
		t.Fatalf("due: %d, %v", len(due), err)
	}
	if err := e.st.MarkSending(ctx, due[0].ID); err != nil {
		t.Fatal(err)
	}
	e.poll()
	if n := len(e.srv.Received()); n != 0 {
		t.Fatalf("an interrupted reply was sent again (%d)", n)
	}
	inbox := e.folders(support)["INBOX"]
	if len(inbox) != 1 || !hasFlag(inbox[0].Flags, `\Flagged`) {
		t.Fatalf("the mail is flagged for a person: %+v", inbox)
	}
}

func TestShadowModeDrafts(t *testing.T) {
	e := newEnv(t, func(o *daemon.Options) { o.Shadow = true; o.Sender = nil })
	e.deliver(mailFrom("Anna <anna@example.nl>", "a1@example.nl", "Nog niks ontvangen", "Bestelling 100234 is nog steeds niet ontvangen."), time.Date(2026, 11, 5, 10, 0, 0, 0, ams))
	rep := e.poll()
	if rep.Drafted != 1 || rep.Sent != 0 || len(e.srv.Received()) != 0 {
		t.Fatalf("got drafted %d, sent %d, delivered %d; want 1, 0, 0", rep.Drafted, rep.Sent, len(e.srv.Received()))
	}
	drafts := e.folders(support)["Drafts"]
	if len(drafts) != 1 || drafts[0].InReplyTo != "a1@example.nl" || !hasFlag(drafts[0].Flags, `\Draft`) {
		t.Fatalf("Drafts: %+v", drafts)
	}
}

func TestRateLimitPerCorrespondent(t *testing.T) {
	e := newEnv(t, func(o *daemon.Options) { o.MaxPerCorrespondent = 2 })
	at := time.Date(2026, 11, 5, 10, 0, 0, 0, ams)
	for i := range 4 {
		e.deliver(mailFrom("Nina <nina@example.nl>", fmt.Sprintf("n%d@example.nl", i), fmt.Sprintf("Vraag %d", i), "Mijn volgers zijn nog steeds niet binnen."), at.Add(time.Duration(i)*time.Minute))
	}
	rep := e.poll()
	if n := len(e.srv.Received()); n != 2 {
		t.Fatalf("got %d automatic mails to one address; want 2", n)
	}
	if h := rep.Mails[3]; h.Outcome != policy.Human {
		t.Errorf("fourth mail: got %s; want human", h.Outcome)
	}
}

// TestCorpusThroughTheLoop appends every mail of the dev corpus to the
// INBOX with its arrival time as INTERNALDATE and checks that the daemon
// decides each exactly as eval does, answers at most once, threaded.
func TestCorpusThroughTheLoop(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "dev")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus not found at %s (../shared beside the repository): %v", dir, err)
	}
	e := newEnv(t, func(o *daemon.Options) { o.MaxPerCorrespondent = 100 })
	cases := runCorpus(t, e.d, e.st, dir, func(raw []byte, at time.Time) error { return e.srv.Deliver(support, raw, at) })
	var raws [][]byte
	for _, dl := range e.srv.Received() {
		raws = append(raws, dl.Raw)
	}
	checkReplies(t, cases, repliesByParent(t, raws))
}

func TestPanicSetsMailAside(t *testing.T) {
	e := newEnv(t, func(o *daemon.Options) {
		o.BeforeDecide = func(m *message.Message) {
			if strings.Contains(m.Subject, "boom") {
				panic("injected failure")
			}
		}
	})
	e.panicsExpected = true
	at := time.Date(2026, 11, 5, 10, 0, 0, 0, ams)
	e.deliver(mailFrom("Kees <kees@example.nl>", "k1@example.nl", "boom", "Mijn volgers zijn nog niet binnen."), at)
	e.deliver(mailFrom("Anna <anna@example.nl>", "a1@example.nl", "Nog niks ontvangen", "Bestelling 100234 is nog steeds niet ontvangen."), at.Add(time.Minute))
	rep := e.poll()
	if rep.Panics != 1 || len(rep.Mails) != 2 {
		t.Fatalf("got %d panics, %d mails; want 1 and 2", rep.Panics, len(rep.Mails))
	}
	if h := rep.Mails[0]; h.Outcome != policy.Human || !h.Panicked {
		t.Errorf("the failing mail: got %s, panicked %v; want human, true", h.Outcome, h.Panicked)
	}
	if h := rep.Mails[1]; h.Outcome != policy.Eligible || rep.Sent != 1 {
		t.Errorf("the mail after it: got %s, sent %d; want eligible, 1", h.Outcome, rep.Sent)
	}
	inbox := e.folders(support)["INBOX"]
	if len(inbox) != 1 || !hasFlag(inbox[0].Flags, "Helpdesk-Unsure") {
		t.Errorf("the failing mail is flagged for a person: %+v", inbox)
	}
	if rep := e.poll(); len(rep.Mails) != 0 {
		t.Errorf("the failing mail came back: %+v", rep.Mails)
	}
}
