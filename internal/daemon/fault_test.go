package daemon_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"helpdesk/internal/daemon"
	"helpdesk/internal/demo"
	"helpdesk/internal/faultproxy"
	"helpdesk/internal/mailbox"
	"helpdesk/internal/message"
)

// The tests in this file put a faultproxy between the daemon and its
// servers, break one poll on purpose and check that the next poll recovers
// without losing or repeating anything: every support mail is in exactly
// one place, with the flags it should have, and every customer got at most
// one reply per mail.

// faultMails are four mails for the INBOX, in UID order: two that get an
// automatic reply (eligible, need_order), one for a person and one
// auto-reply that is filed away.
var faultMails = []struct{ from, id, subject, body string }{
	{"Anna <anna@example.nl>", "a1@example.nl", "Nog niks ontvangen", "Bestelling 100234 is nog steeds niet ontvangen."},
	{"Bram <bram@example.nl>", "b1@example.nl", "Niks ontvangen", "Mijn likes zijn nog steeds niet binnen."},
	{"Kees <kees@example.nl>", "k1@example.nl", "Factuur", "Mag ik een factuur met btw voor mijn bestelling?"},
	{"Piet <piet@example.nl>", "p1@example.nl", "Out of office", "Ik ben afwezig."},
}

var faultArrival = time.Date(2026, 11, 5, 10, 0, 0, 0, ams)

func (e *env) deliverFaultMails() {
	e.t.Helper()
	for i, m := range faultMails {
		var extra []string
		if m.id == "p1@example.nl" {
			extra = append(extra, "Auto-Submitted: auto-replied")
		}
		e.deliver(mailFrom(m.from, m.id, m.subject, m.body, extra...), faultArrival.Add(time.Duration(i)*time.Minute))
	}
}

// place is where a support mail must be at the end, and with which flags.
type place struct {
	folder string
	flags  []string // all of these
	not    []string // none of these
}

var (
	answered = place{folder: "Helpdesk/Beantwoord", flags: []string{`\Seen`}, not: []string{`\Flagged`}}
	ignored  = place{folder: "Helpdesk/Genegeerd", flags: []string{`\Seen`}, not: []string{`\Flagged`}}
)

// forPerson is a mail left in INBOX for a person, for the reason keyword.
func forPerson(keyword string) place {
	return place{folder: "INBOX", flags: []string{`\Flagged`, "Helpdesk-Person", keyword}, not: []string{`\Seen`}}
}

// normalEnd is where the four faultMails end when nothing goes wrong.
var normalEnd = map[string]place{
	"a1@example.nl": answered,
	"b1@example.nl": answered,
	"k1@example.nl": forPerson("Helpdesk-Question"),
	"p1@example.nl": ignored,
}

// checkEnd checks the mailbox and the deliveries at the end of a test:
// every support mail of want is in exactly one of INBOX, Answered and
// Ignored, where want says, with its flags, and no other mail is there;
// each customer received replies[customer] mails, never two replies to
// one mail; Sent holds one copy of each of the sent replies.
func (e *env) checkEnd(want map[string]place, replies map[string]int, sent int) {
	e.t.Helper()
	f := e.folders(support)
	seen := map[string]int{}
	for _, folder := range []string{"INBOX", "Helpdesk/Beantwoord", "Helpdesk/Genegeerd"} {
		for _, m := range f[folder] {
			seen[m.MessageID]++
			p, ok := want[m.MessageID]
			if !ok {
				e.t.Errorf("%s: unexpected mail %s (%q)", folder, m.MessageID, m.Subject)
				continue
			}
			if folder != p.folder {
				e.t.Errorf("%s is in %s; want %s", m.MessageID, folder, p.folder)
			}
			for _, fl := range p.flags {
				if !hasFlag(m.Flags, fl) {
					e.t.Errorf("%s in %s: flags %v lack %s", m.MessageID, folder, m.Flags, fl)
				}
			}
			for _, fl := range p.not {
				if hasFlag(m.Flags, fl) {
					e.t.Errorf("%s in %s: flags %v have %s", m.MessageID, folder, m.Flags, fl)
				}
			}
		}
	}
	for id := range want {
		if seen[id] != 1 {
			e.t.Errorf("%s is in the mailbox %d times; want once", id, seen[id])
		}
	}

	got := map[string]int{}
	parents := map[string]int{}
	for _, d := range e.srv.Received() {
		for _, to := range d.To {
			got[to]++
		}
		m, err := message.Read(bytes.NewReader(d.Raw), message.Options{})
		if err != nil {
			e.t.Fatal(err)
		}
		for _, p := range m.InReplyTo {
			parents[p]++
		}
	}
	for _, c := range []string{"anna@example.nl", "bram@example.nl", "kees@example.nl", "piet@example.nl", "jan@example.com"} {
		if got[c] != replies[c] {
			e.t.Errorf("%s received %d mails; want %d", c, got[c], replies[c])
		}
		if _, err := e.srv.User(c); err != nil { // an account to look into
			e.t.Fatal(err)
		}
		if n := len(e.folders(c)["INBOX"]); n != replies[c] {
			e.t.Errorf("%s's INBOX holds %d mails; want %d", c, n, replies[c])
		}
	}
	for p, n := range parents {
		if n > 1 {
			e.t.Errorf("%d replies to %s; want at most one", n, p)
		}
	}
	ids := map[string]int{}
	for _, m := range f["Sent"] {
		ids[m.MessageID]++
	}
	for id, n := range ids {
		if n > 1 {
			e.t.Errorf("Sent holds %d copies of %s; want one", n, id)
		}
	}
	if len(f["Sent"]) != sent {
		e.t.Errorf("Sent holds %d mails; want %d", len(f["Sent"]), sent)
	}
}

// pollErr runs one poll, bounded by a minute so that a hang fails the test
// instead of stalling it, and fails the test on a recovered panic.
func (e *env) pollErr() (*daemon.Report, error) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rep, err := e.d.Poll(ctx)
	if ctx.Err() != nil {
		e.t.Fatalf("the poll hung until the test's deadline: %v", err)
	}
	if rep != nil && rep.Panics > 0 {
		e.t.Errorf("the poll recovered %d panic(s): a bug", rep.Panics)
	}
	return rep, err
}

// logBuffer collects the daemon's log records as JSON lines.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// records returns the records whose message contains msg.
func (b *logBuffer) records(t *testing.T, msg string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for line := range strings.Lines(b.String()) {
		var r map[string]any
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if s, _ := r["msg"].(string); strings.Contains(s, msg) {
			out = append(out, r)
		}
	}
	return out
}

func (b *logBuffer) count(t *testing.T, level slog.Level) int {
	t.Helper()
	n := 0
	for _, r := range b.records(t, "") {
		if r["level"] == level.String() {
			n++
		}
	}
	return n
}

func isTimeout(err error) bool { return errors.Is(err, os.ErrDeadlineExceeded) }

// TestIMAPFaults breaks the IMAP conversation in one poll; the poll fails
// with a temporary error (never ErrAuth, never a hang) and the next poll
// handles everything exactly as if nothing had happened.
func TestIMAPFaults(t *testing.T) {
	re := regexp.MustCompile
	tests := []struct {
		name  string
		fault faultproxy.Fault
		// handled is how many mails the failed poll still recorded.
		handled int
		check   func(t *testing.T, err error)
	}{
		{
			name:    "BYE in the middle of a poll",
			fault:   faultproxy.Fault{Effect: faultproxy.Inject, Match: re(`UID FETCH 3 `), Response: "* BYE server shutting down\r\n", Close: true},
			handled: 2,
		},
		{
			name:    "connection dropped during FETCH",
			fault:   faultproxy.Fault{Effect: faultproxy.Drop, Match: re(`UID FETCH 2 `), Forward: true, After: 60},
			handled: 1,
		},
		{
			name:    "server stalls longer than the timeout",
			fault:   faultproxy.Fault{Effect: faultproxy.Stall, Match: re(`UID FETCH 2 `), Forward: true},
			handled: 1,
			check: func(t *testing.T, err error) {
				if !isTimeout(err) {
					t.Errorf("got %v; want a timeout", err)
				}
			},
		},
		{
			name:  "server silent after connecting (no greeting)",
			fault: faultproxy.Fault{Effect: faultproxy.Stall},
			check: func(t *testing.T, err error) {
				if !isTimeout(err) {
					t.Errorf("got %v; want a timeout", err)
				}
			},
		},
		{
			name:  "BYE as greeting (server busy)",
			fault: faultproxy.Fault{Effect: faultproxy.Inject, Response: "* BYE too many connections\r\n", Close: true},
		},
		{
			name:  "LOGIN refused as UNAVAILABLE",
			fault: faultproxy.Fault{Effect: faultproxy.Inject, Match: re(`^(\S+) LOGIN `), Response: "$1 NO [UNAVAILABLE] backend down\r\n"},
		},
		{
			name:  "connection refused",
			fault: faultproxy.Fault{Effect: faultproxy.Refuse},
		},
		{
			name:    "connection dropped after MOVE reached the server",
			fault:   faultproxy.Fault{Effect: faultproxy.Drop, Match: re(`UID MOVE `), Forward: true},
			handled: 4,
		},
		{
			name:    "copy to Sent stored, its OK lost",
			fault:   faultproxy.Fault{Effect: faultproxy.Drop, Reply: re(`^\S+ OK \[APPENDUID `)},
			handled: 4,
		},
		{
			name:    "connection dropped while copying to Sent",
			fault:   faultproxy.Fault{Effect: faultproxy.Drop, Match: re(`APPEND "?Sent"? `)},
			handled: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, func(o *daemon.Options) { o.IMAP.Timeout = 300 * time.Millisecond }, withProxies())
			e.deliverFaultMails()
			tt.fault.Times = 1
			e.imapProxy.Set(tt.fault)

			rep, err := e.pollErr()
			if e.imapProxy.Fired() != 1 {
				t.Fatalf("the fault fired %d times; want once", e.imapProxy.Fired())
			}
			if err == nil {
				t.Fatal("the poll succeeded; want an error")
			}
			t.Logf("the failed poll: %v", err)
			if errors.Is(err, mailbox.ErrAuth) || !mailbox.IsTemporary(err) {
				t.Errorf("got %v (temporary %v); want a temporary error, not ErrAuth", err, mailbox.IsTemporary(err))
			}
			if tt.check != nil {
				tt.check(t, err)
			}
			if len(rep.Mails) != tt.handled {
				t.Errorf("the failed poll handled %d mails; want %d", len(rep.Mails), tt.handled)
			}

			rep, err = e.pollErr()
			if err != nil {
				t.Fatalf("the next poll: %v", err)
			}
			if got := len(rep.Mails); got != 4-tt.handled {
				t.Errorf("the next poll handled %d mails; want the %d left", got, 4-tt.handled)
			}
			for _, h := range rep.Mails {
				if h.Duplicate {
					t.Errorf("%s was read twice", h.MessageID)
				}
			}
			if rep, _ := e.pollErr(); len(rep.Mails) != 0 || rep.Sent != 0 {
				t.Errorf("a third poll handled %d mails and sent %d; want none", len(rep.Mails), rep.Sent)
			}
			e.checkEnd(normalEnd, map[string]int{"anna@example.nl": 1, "bram@example.nl": 1}, 2)
		})
	}
}

// TestUIDValidityChange: the INBOX is deleted and created again with the
// same mails (a restore from a backup) and one new mail. The daemon says so
// in the log, reads the mailbox again, answers none of the old mails again,
// files the copies as the originals were, and answers the new one.
func TestUIDValidityChange(t *testing.T) {
	var logs logBuffer
	e := newEnv(t, func(o *daemon.Options) { o.Logger = logs.logger() })
	e.deliverFaultMails()
	if _, err := e.pollErr(); err != nil {
		t.Fatal(err)
	}
	u, err := e.srv.User(support)
	if err != nil {
		t.Fatal(err)
	}
	if err := u.Delete("INBOX"); err != nil {
		t.Fatal(err)
	}
	if err := u.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	e.deliverFaultMails()
	e.deliver(mailFrom("Jan <jan@example.com>", "j1@example.com", "Opzeggen", "Ik wil mijn abonnement S-7781 opzeggen."), time.Date(2026, 11, 16, 10, 0, 0, 0, ams))

	rep, err := e.pollErr()
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Mails) != 5 {
		t.Fatalf("got %d mails; want 5", len(rep.Mails))
	}
	for _, h := range rep.Mails {
		if h.Duplicate != (h.MessageID != "j1@example.com") {
			t.Errorf("%s: duplicate %v", h.MessageID, h.Duplicate)
		}
	}
	if rep.Sent != 1 {
		t.Errorf("got %d sent; want only the reply to the new mail", rep.Sent)
	}
	recreated := logs.records(t, "UIDVALIDITY changed")
	if len(recreated) != 1 || recreated[0]["level"] != "WARN" || recreated[0]["mailbox"] != "INBOX" || recreated[0]["old"] == recreated[0]["new"] {
		t.Errorf("got log records %v; want one warning naming the mailbox and both UIDVALIDITYs", recreated)
	}
	if n := len(logs.records(t, "mail seen before: repeating its filing")); n != 4 {
		t.Errorf("got %d 'seen before' records; want 4", n)
	}

	// The originals stayed where they were filed: the copies of the
	// answered and the ignored mail are filed next to them, and the mail
	// for a person is flagged again in the new INBOX.
	f := e.folders(support)
	count := func(folder, id string) int {
		return len(slices.DeleteFunc(slices.Clone(f[folder]), func(m demo.FolderMail) bool { return m.MessageID != id }))
	}
	for _, c := range []struct {
		folder, id string
		n          int
	}{
		{"Helpdesk/Beantwoord", "a1@example.nl", 2}, {"Helpdesk/Beantwoord", "b1@example.nl", 2},
		{"Helpdesk/Beantwoord", "j1@example.com", 1}, {"Helpdesk/Genegeerd", "p1@example.nl", 2},
		{"INBOX", "k1@example.nl", 1},
	} {
		if got := count(c.folder, c.id); got != c.n {
			t.Errorf("%s holds %d of %s; want %d", c.folder, got, c.id, c.n)
		}
	}
	if len(f["INBOX"]) != 1 || !hasFlag(f["INBOX"][0].Flags, "Helpdesk-Question") {
		t.Errorf("INBOX: %+v; want only Kees's mail, flagged", f["INBOX"])
	}
	got := map[string]int{}
	for _, d := range e.srv.Received() {
		got[d.To[0]]++
	}
	if want := map[string]int{"anna@example.nl": 1, "bram@example.nl": 1, "jan@example.com": 1}; !maps.Equal(got, want) {
		t.Errorf("got deliveries %v; want %v", got, want)
	}
}

// TestFolderCannotBeCreated: the server refuses CREATE. The poll still
// decides and answers; the mails it cannot file stay in INBOX (read, not
// flagged) and their filing is retried every poll until the folder can be
// created. Nothing is lost, nothing is sent twice.
func TestFolderCannotBeCreated(t *testing.T) {
	var logs logBuffer
	e := newEnv(t, func(o *daemon.Options) { o.Logger = logs.logger() }, withProxies())
	e.imapProxy.Set(faultproxy.Fault{Effect: faultproxy.Inject, Match: regexp.MustCompile(`^(\S+) CREATE `),
		Response: "$1 NO [NOPERM] You may not create mailboxes\r\n"})
	e.deliverFaultMails()
	for poll := range 2 {
		rep, err := e.pollErr()
		if err != nil {
			t.Fatalf("poll %d: %v", poll+1, err)
		}
		if poll == 0 && (len(rep.Mails) != 4 || rep.Sent != 2) {
			t.Errorf("poll 1 handled %d mails and sent %d; want 4 and 2", len(rep.Mails), rep.Sent)
		}
		if poll == 1 && (len(rep.Mails) != 0 || rep.Sent != 0) {
			t.Errorf("poll 2 handled %d mails and sent %d; want none", len(rep.Mails), rep.Sent)
		}
	}
	if e.imapProxy.Fired() == 0 {
		t.Fatal("CREATE was never refused")
	}
	if len(logs.records(t, "creating folder")) == 0 {
		t.Error("no log record says the folder could not be created")
	}
	stuck := place{folder: "INBOX", flags: []string{`\Seen`}, not: []string{`\Flagged`}}
	e.checkEnd(map[string]place{
		"a1@example.nl": stuck,
		"b1@example.nl": stuck,
		"k1@example.nl": forPerson("Helpdesk-Question"),
		"p1@example.nl": stuck,
	}, map[string]int{"anna@example.nl": 1, "bram@example.nl": 1}, 2)

	// Once the folder can be created, the filing happens.
	e.imapProxy.Set(faultproxy.Fault{})
	if _, err := e.pollErr(); err != nil {
		t.Fatal(err)
	}
	e.checkEnd(normalEnd, map[string]int{"anna@example.nl": 1, "bram@example.nl": 1}, 2)
}

// TestWrongPassword: a refused login is ErrAuth, and Run stops with that
// one error after one login instead of polling again.
func TestWrongPassword(t *testing.T) {
	var logs logBuffer
	e := newEnv(t, func(o *daemon.Options) { o.IMAP.Password = "wrong"; o.Logger = logs.logger() }, withProxies())
	e.deliverFaultMails()
	if _, err := e.pollErr(); !errors.Is(err, mailbox.ErrAuth) || mailbox.IsTemporary(err) {
		t.Fatalf("Poll: got %v; want ErrAuth, not temporary", err)
	}
	if strings.Contains(logs.String(), "wrong") {
		t.Error("the password is in the log")
	}

	before := e.imapProxy.Connections()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := e.d.Run(ctx, "@every 1s")
	if ctx.Err() != nil {
		t.Fatalf("Run went on polling until the test's deadline (%d logins)", e.imapProxy.Connections()-before)
	}
	if !errors.Is(err, mailbox.ErrAuth) {
		t.Errorf("Run: got %v; want ErrAuth", err)
	}
	if n := e.imapProxy.Connections() - before; n != 1 {
		t.Errorf("Run logged in %d times; want once", n)
	}
	if n := logs.count(t, slog.LevelError); n != 1 {
		t.Errorf("got %d error records; want one", n)
	}
	if len(e.srv.Received()) != 0 {
		t.Error("mail was sent without a mailbox")
	}
	if n := len(e.folders(support)["INBOX"]); n != 4 {
		t.Errorf("INBOX holds %d; want the 4 mails untouched", n)
	}
}

// TestRunRecoversOnNextPoll: under Run, a poll that fails because the
// server is busy is followed by one that handles the mail.
func TestRunRecoversOnNextPoll(t *testing.T) {
	e := newEnv(t, nil, withProxies())
	e.deliverFaultMails()
	e.imapProxy.Set(faultproxy.Fault{Effect: faultproxy.Inject, Response: "* BYE too many connections\r\n", Close: true, Times: 1})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- e.d.Run(ctx, "@every 1s") }()
	for len(e.srv.Received()) < 2 && ctx.Err() == nil {
		time.Sleep(20 * time.Millisecond)
	}
	if ctx.Err() != nil {
		t.Fatal("Run did not recover from a busy server")
	}
	// Let the poll at hand finish its actions before stopping.
	for len(e.folders(support)["Helpdesk/Genegeerd"]) == 0 && ctx.Err() == nil {
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if e.imapProxy.Fired() != 1 || e.imapProxy.Connections() < 2 {
		t.Errorf("got fired %d, connections %d; want the busy greeting once, then a poll", e.imapProxy.Fired(), e.imapProxy.Connections())
	}
	e.checkEnd(normalEnd, map[string]int{"anna@example.nl": 1, "bram@example.nl": 1}, 2)
}

// TestSMTPTemporaryFaults: a temporary SMTP failure leaves the replies
// queued and the mails in INBOX, unflagged; the next poll sends each reply
// exactly once.
func TestSMTPTemporaryFaults(t *testing.T) {
	re := regexp.MustCompile
	tests := []struct {
		name  string
		fault faultproxy.Fault
	}{
		{"421 as greeting", faultproxy.Fault{Effect: faultproxy.Inject, Response: "421 4.3.2 Too busy, try later\r\n", Close: true}},
		{"421 at MAIL FROM", faultproxy.Fault{Effect: faultproxy.Inject, Match: re(`^MAIL FROM:`), Response: "421 4.3.2 Service shutting down\r\n", Close: true}},
		{"451 at RCPT TO", faultproxy.Fault{Effect: faultproxy.Inject, Match: re(`^RCPT TO:`), Response: "451 4.3.0 Temporary lookup failure\r\n"}},
		{"connection dropped before DATA", faultproxy.Fault{Effect: faultproxy.Drop, Match: re(`^DATA\r\n`)}},
		{"connection refused", faultproxy.Fault{Effect: faultproxy.Refuse}},
		{"server silent after connecting (timeout)", faultproxy.Fault{Effect: faultproxy.Stall}},
		{"no reply to RCPT TO (timeout)", faultproxy.Fault{Effect: faultproxy.Stall, Match: re(`^RCPT TO:`), Forward: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, nil, withProxies(), withSendTimeout(500*time.Millisecond))
			e.deliverFaultMails()
			e.smtpProxy.Set(tt.fault)
			rep, err := e.pollErr()
			if err != nil {
				t.Fatal(err)
			}
			if e.smtpProxy.Fired() != 2 {
				t.Errorf("the fault fired %d times; want once per reply", e.smtpProxy.Fired())
			}
			if rep.Retried != 2 || rep.Sent != 0 || rep.Failed != 0 || len(e.srv.Received()) != 0 {
				t.Fatalf("got retried %d, sent %d, failed %d, delivered %d; want 2, 0, 0, 0", rep.Retried, rep.Sent, rep.Failed, len(e.srv.Received()))
			}
			waiting := place{folder: "INBOX", not: []string{`\Seen`, `\Flagged`}}
			e.checkEnd(map[string]place{
				"a1@example.nl": waiting, "b1@example.nl": waiting,
				"k1@example.nl": forPerson("Helpdesk-Question"), "p1@example.nl": ignored,
			}, nil, 0)

			e.smtpProxy.Set(faultproxy.Fault{})
			if rep, err = e.pollErr(); err != nil || rep.Sent != 2 {
				t.Fatalf("the next poll: sent %d, %v; want 2", rep.Sent, err)
			}
			if rep, err = e.pollErr(); err != nil || rep.Sent != 0 || rep.Retried != 0 {
				t.Fatalf("a third poll: sent %d, retried %d, %v; want nothing", rep.Sent, rep.Retried, err)
			}
			e.checkEnd(normalEnd, map[string]int{"anna@example.nl": 1, "bram@example.nl": 1}, 2)
		})
	}
}

// clock is a settable Options.Now.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// TestSMTPBackoff: a reply that keeps failing with 451 is tried again only
// when its back-off has passed, the wait doubling, and is sent once in the
// end.
func TestSMTPBackoff(t *testing.T) {
	// Ahead of the real time that the store stamps new replies with.
	clk := &clock{now: time.Now().Add(10 * time.Minute)}
	e := newEnv(t, func(o *daemon.Options) {
		o.Now = clk.Now
		o.Retry = daemon.Retry{Initial: time.Minute, Max: time.Hour, GiveUpAfter: 24 * time.Hour}
	}, withProxies())
	e.deliver(mailFrom("Anna <anna@example.nl>", "a1@example.nl", "Nog niks ontvangen", "Bestelling 100234 is nog steeds niet ontvangen."), faultArrival)
	e.smtpProxy.Set(faultproxy.Fault{Effect: faultproxy.Inject, Match: regexp.MustCompile(`^RCPT TO:`), Response: "451 4.3.0 Try again later\r\n"})

	steps := []struct {
		advance time.Duration // the clock, before the poll
		pass    bool          // the server accepts from this poll on
		tried   bool          // an SMTP connection is made
		sent    int
	}{
		{0, false, true, 0},                 // 451: next try in 1 minute
		{30 * time.Second, false, false, 0}, // not yet due
		{30 * time.Second, false, true, 0},  // due: 451 again, next in 2 minutes
		{time.Minute, true, false, 0},       // not yet due, although the server would accept
		{time.Minute, true, true, 1},        // due: sent
		{time.Hour, true, false, 0},         // nothing left
	}
	for i, s := range steps {
		clk.add(s.advance)
		if s.pass {
			e.smtpProxy.Set(faultproxy.Fault{})
		}
		before := e.smtpProxy.Connections()
		rep, err := e.pollErr()
		if err != nil {
			t.Fatalf("poll %d: %v", i+1, err)
		}
		if tried := e.smtpProxy.Connections() > before; tried != s.tried || rep.Sent != s.sent {
			t.Errorf("poll %d: tried %v, sent %d; want %v, %d", i+1, tried, rep.Sent, s.tried, s.sent)
		}
	}
	e.checkEnd(map[string]place{"a1@example.nl": answered}, map[string]int{"anna@example.nl": 1}, 1)
}

// TestSMTPGiveUp: a reply still failing temporarily after GiveUpAfter is
// handed to a person.
func TestSMTPGiveUp(t *testing.T) {
	// Ahead of the real time that the store stamps new replies with.
	clk := &clock{now: time.Now().Add(10 * time.Minute)}
	e := newEnv(t, func(o *daemon.Options) {
		o.Now = clk.Now
		o.Retry = daemon.Retry{Initial: time.Minute, Max: time.Hour, GiveUpAfter: 24 * time.Hour}
	}, withProxies())
	e.deliver(mailFrom("Anna <anna@example.nl>", "a1@example.nl", "Nog niks ontvangen", "Bestelling 100234 is nog steeds niet ontvangen."), faultArrival)
	e.smtpProxy.Set(faultproxy.Fault{Effect: faultproxy.Inject, Response: "421 4.3.2 Too busy\r\n", Close: true})
	if rep, err := e.pollErr(); err != nil || rep.Retried != 1 {
		t.Fatalf("first poll: retried %d, %v; want 1", rep.Retried, err)
	}
	clk.add(25 * time.Hour)
	if rep, err := e.pollErr(); err != nil || rep.Failed != 1 {
		t.Fatalf("after a day: failed %d, %v; want 1", rep.Failed, err)
	}
	e.smtpProxy.Set(faultproxy.Fault{})
	before := e.smtpProxy.Connections()
	clk.add(time.Hour)
	if rep, err := e.pollErr(); err != nil || rep.Sent != 0 {
		t.Fatalf("after giving up: sent %d, %v; want 0", rep.Sent, err)
	}
	if e.smtpProxy.Connections() != before {
		t.Error("the reply was tried again after giving up")
	}
	e.checkEnd(map[string]place{"a1@example.nl": forPerson("Helpdesk-NotSent")}, nil, 0)
}

// TestSMTPPermanentFault: a 550 hands the mail to a person at once and the
// reply is never tried again.
func TestSMTPPermanentFault(t *testing.T) {
	e := newEnv(t, nil, withProxies())
	e.deliverFaultMails()
	e.smtpProxy.Set(faultproxy.Fault{Effect: faultproxy.Inject, Match: regexp.MustCompile(`^RCPT TO:`), Response: "550 5.1.1 No such user here\r\n"})
	rep, err := e.pollErr()
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed != 2 || rep.Retried != 0 || rep.Sent != 0 {
		t.Fatalf("got failed %d, retried %d, sent %d; want 2, 0, 0", rep.Failed, rep.Retried, rep.Sent)
	}
	e.smtpProxy.Set(faultproxy.Fault{})
	before := e.smtpProxy.Connections()
	for range 2 {
		if rep, err := e.pollErr(); err != nil || rep.Sent != 0 {
			t.Fatalf("a later poll: sent %d, %v; want 0", rep.Sent, err)
		}
	}
	if e.smtpProxy.Connections() != before {
		t.Error("a reply refused with 550 was tried again")
	}
	e.checkEnd(map[string]place{
		"a1@example.nl": forPerson("Helpdesk-NotSent"), "b1@example.nl": forPerson("Helpdesk-NotSent"),
		"k1@example.nl": forPerson("Helpdesk-Question"), "p1@example.nl": ignored,
	}, nil, 0)
}

// TestSMTPAmbiguousFaults: the connection breaks, or the server goes
// silent, after the final "." of the message reached it. The server did
// take the mail; the daemon cannot know, so it never sends it again and
// flags the mail for a person to check.
func TestSMTPAmbiguousFaults(t *testing.T) {
	dot := regexp.MustCompile(`^\.\r\n$`)
	tests := []struct {
		name  string
		fault faultproxy.Fault
	}{
		{"no reply after the final dot (timeout)", faultproxy.Fault{Effect: faultproxy.Stall, Match: dot, Forward: true}},
		{"connection dropped after the final dot", faultproxy.Fault{Effect: faultproxy.Drop, Match: dot, Forward: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, nil, withProxies(), withSendTimeout(500*time.Millisecond))
			e.deliverFaultMails()
			e.smtpProxy.Set(tt.fault)
			rep, err := e.pollErr()
			if err != nil {
				t.Fatal(err)
			}
			if e.smtpProxy.Fired() != 2 || rep.Failed != 2 || rep.Retried != 0 || rep.Sent != 0 {
				t.Fatalf("got fired %d, failed %d, retried %d, sent %d; want 2, 2, 0, 0", e.smtpProxy.Fired(), rep.Failed, rep.Retried, rep.Sent)
			}
			e.smtpProxy.Set(faultproxy.Fault{})
			before := e.smtpProxy.Connections()
			for range 2 {
				if rep, err := e.pollErr(); err != nil || rep.Sent != 0 {
					t.Fatalf("a later poll: sent %d, %v; want 0", rep.Sent, err)
				}
			}
			if e.smtpProxy.Connections() != before {
				t.Error("a reply that may have gone out was tried again")
			}
			// The server took both mails (the proxy forwarded the final
			// dot), each once.
			e.checkEnd(map[string]place{
				"a1@example.nl": forPerson("Helpdesk-Unsure"), "b1@example.nl": forPerson("Helpdesk-Unsure"),
				"k1@example.nl": forPerson("Helpdesk-Question"), "p1@example.nl": ignored,
			}, map[string]int{"anna@example.nl": 1, "bram@example.nl": 1}, 2) // copies in Sent show staff what may have gone out
		})
	}
}

// TestStopFinishesTheWorkAtHand: the first shutdown signal (ctx ending)
// during a poll lets the mail at hand finish, its reply go out and its
// filing happen on the same IMAP connection; the next mails wait for the
// next poll.
func TestStopFinishesTheWorkAtHand(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e := newEnv(t, func(o *daemon.Options) {
		o.BeforeDecide = func(*message.Message) { cancel() } // the signal comes while the first mail is decided
	})
	e.deliverFaultMails()
	rep, err := e.d.Poll(ctx)
	if err != nil {
		t.Fatalf("the stopped poll: %v", err)
	}
	if len(rep.Mails) != 1 || rep.Sent != 1 || rep.ActionsApplied != 1 {
		t.Fatalf("got %d mails, %d sent, %d actions; want the mail at hand finished: 1, 1, 1", len(rep.Mails), rep.Sent, rep.ActionsApplied)
	}
	f := e.folders(support)
	if len(f["Helpdesk/Beantwoord"]) != 1 || len(f["INBOX"]) != 3 || len(f["Sent"]) != 1 {
		t.Errorf("got answered %d, INBOX %d, Sent %d; want 1, 3, 1", len(f["Helpdesk/Beantwoord"]), len(f["INBOX"]), len(f["Sent"]))
	}
	if rep := e.poll(); len(rep.Mails) != 3 {
		t.Errorf("the next poll handled %d mails; want the 3 left", len(rep.Mails))
	}
	e.checkEnd(normalEnd, map[string]int{"anna@example.nl": 1, "bram@example.nl": 1}, 2)
}

// TestDraftsCannotBeCreated: in shadow mode, a Drafts folder the server
// will not create keeps the drafts queued (retried every poll) while the
// rest of the poll, flags for a person included, goes on.
func TestDraftsCannotBeCreated(t *testing.T) {
	e := newEnv(t, func(o *daemon.Options) {
		o.Shadow, o.Sender = true, nil
		o.Folders.Drafts = "Helpdesk/Concepten"
	}, withProxies())
	e.imapProxy.Set(faultproxy.Fault{Effect: faultproxy.Inject, Match: regexp.MustCompile(`^(\S+) CREATE "?Helpdesk/Concepten`),
		Response: "$1 NO [NOPERM] You may not create mailboxes\r\n"})
	e.deliverFaultMails()
	for poll := range 2 {
		rep, err := e.pollErr()
		if err != nil {
			t.Fatalf("poll %d: %v", poll+1, err)
		}
		if rep.Drafted != 0 {
			t.Fatalf("poll %d: drafted %d; want 0", poll+1, rep.Drafted)
		}
	}
	waiting := place{folder: "INBOX", not: []string{`\Seen`, `\Flagged`}}
	e.checkEnd(map[string]place{
		"a1@example.nl": waiting, "b1@example.nl": waiting,
		"k1@example.nl": forPerson("Helpdesk-Question"), "p1@example.nl": ignored,
	}, nil, 0)

	e.imapProxy.Set(faultproxy.Fault{})
	if rep, err := e.pollErr(); err != nil || rep.Drafted != 2 {
		t.Fatalf("once Drafts can be created: drafted %d, %v; want 2", rep.Drafted, err)
	}
	e.checkEnd(normalEnd, nil, 0)
	if n := len(e.folders(support)["Helpdesk/Concepten"]); n != 2 {
		t.Errorf("Drafts holds %d; want 2", n)
	}
}

// TestDraftStoredReplyLost: in shadow mode the server stores a draft but
// its OK never arrives. The next poll finds the draft there and does not
// put a second copy in Drafts.
func TestDraftStoredReplyLost(t *testing.T) {
	e := newEnv(t, func(o *daemon.Options) { o.Shadow, o.Sender = true, nil }, withProxies())
	e.deliverFaultMails()
	e.imapProxy.Set(faultproxy.Fault{Effect: faultproxy.Drop, Reply: regexp.MustCompile(`^\S+ OK \[APPENDUID `), Times: 1})
	if _, err := e.pollErr(); err == nil || !mailbox.IsTemporary(err) {
		t.Fatalf("got %v; want a temporary error", err)
	}
	if e.imapProxy.Fired() != 1 {
		t.Fatalf("the fault fired %d times; want once", e.imapProxy.Fired())
	}
	for range 2 {
		if _, err := e.pollErr(); err != nil {
			t.Fatal(err)
		}
	}
	e.checkEnd(normalEnd, nil, 0)
	drafts := map[string]int{}
	for _, m := range e.folders(support)["Drafts"] {
		drafts[m.InReplyTo]++
	}
	if want := map[string]int{"a1@example.nl": 1, "b1@example.nl": 1}; !maps.Equal(drafts, want) {
		t.Errorf("Drafts holds replies to %v; want one to each of %v", drafts, want)
	}
}
