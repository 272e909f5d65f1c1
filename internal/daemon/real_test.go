package daemon_test

import (
	"context"
	"fmt"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"helpdesk/internal/daemon"
	"helpdesk/internal/decide"
	"helpdesk/internal/mailbox"
	"helpdesk/internal/message"
	"helpdesk/internal/policy"
	"helpdesk/internal/reply"
	"helpdesk/internal/send"
	"helpdesk/internal/store"
	"helpdesk/internal/testenv"
)

// realEnv is the daemon on a fresh support mailbox of the real Dovecot,
// sending through the real Postfix (see .ci/run).
type realEnv struct {
	srv     *testenv.Servers
	support testenv.Account
	st      *store.Store
	d       *daemon.Daemon
	opts    daemon.Options
}

func newRealEnv(t testing.TB, orders string, mod func(*daemon.Options)) *realEnv {
	t.Helper()
	srv := testenv.Real(t)
	acct := srv.NewUser(t)
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "helpdesk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if orders != "" {
		if _, err := st.ImportOrdersCSV(ctx, strings.NewReader(orders)); err != nil {
			t.Fatal(err)
		}
	}
	templates, err := reply.Load("")
	if err != nil {
		t.Fatal(err)
	}
	sender, err := send.New(send.Options{Address: srv.SMTPAddr, TLS: send.StartTLS, TLSConfig: srv.TLSConfig(),
		Username: acct.Address, Password: acct.Password, Timeout: 30 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	o := daemon.Options{
		Shop:  decide.Shop{Addresses: []string{acct.Address, support}, Location: ams, WindowDays: 7},
		From:  mail.Address{Name: "Volgersfabriek", Address: acct.Address},
		Start: time.Now().Add(-time.Minute),
		IMAP: mailbox.Options{Address: srv.IMAPAddr, TLS: mailbox.TLSStartTLS, TLSConfig: srv.TLSConfig(),
			Username: acct.Address, Password: acct.Password, Timeout: 30 * time.Second},
		Sender:              sender,
		SendErrors:          daemon.SendErrors{IsTemporary: send.IsTemporary, IsAmbiguous: send.IsAmbiguous, IsFatal: send.IsFatal},
		Store:               st,
		Templates:           templates,
		MaxPerCorrespondent: 100,
	}
	if mod != nil {
		mod(&o)
	}
	d, err := daemon.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return &realEnv{srv: srv, support: acct, st: st, d: d, opts: o}
}

func (e *realEnv) poll(t *testing.T) *daemon.Report {
	t.Helper()
	rep, err := e.d.Poll(context.Background())
	if err != nil {
		t.Fatalf("poll: %v", err)
	}
	if rep.Panics > 0 {
		t.Errorf("the poll recovered %d panic(s): a bug", rep.Panics)
	}
	return rep
}

func byID(rep *daemon.Report) map[string]daemon.Handled {
	out := map[string]daemon.Handled{}
	for _, h := range rep.Mails {
		out[h.MessageID] = h
	}
	return out
}

func rfc3339(t time.Time) string { return t.Format(time.RFC3339) }

// TestRealMailLoop sends customers' mail in through Postfix, lets the
// daemon answer over Postfix submission, and reads the replies back from
// the customers' mailboxes on Dovecot: every outcome, follow-ups and a
// staff reply from the Sent folder.
func TestRealMailLoop(t *testing.T) {
	srv := testenv.Real(t)
	var addrs []string
	for range 7 {
		addrs = append(addrs, srv.RandomAddress(t, "example.nl"))
	}
	cust := srv.AddUsers(t, addrs)
	now := time.Now()
	day := 24 * time.Hour
	orders := "order_id,email,product,placed_at,amount_cents,currency,recurring,last_payment_at,status\n" +
		fmt.Sprintf("500001,%s,1000 Instagram volgers,%s,1495,EUR,false,,processing\n", addrs[0], rfc3339(now.Add(-2*day))) +
		fmt.Sprintf("500002,%s,500 TikTok likes,%s,695,EUR,false,,processing\n", addrs[1], rfc3339(now.Add(-20*day))) +
		fmt.Sprintf("500003,%s,2500 Instagram volgers,%s,2995,EUR,false,,completed\n", addrs[2], rfc3339(now.Add(-2*day))) +
		fmt.Sprintf("S-5005,%s,Maandelijks pakket,%s,2999,EUR,true,%s,active\n", addrs[4], rfc3339(now.Add(-60*day)), rfc3339(now.Add(-1*day))) +
		fmt.Sprintf("500007,%s,1000 likes,%s,995,EUR,false,,completed\n", addrs[6], rfc3339(now.Add(-3*day)))
	e := newRealEnv(t, orders, nil)

	type sent struct {
		id, from, subject, body string
		extra                   []string
		want                    policy.Outcome
	}
	mails := []sent{
		{"rl1-" + addrs[0], addrs[0], "Volgers niet ontvangen", "Hoi, mijn 1000 volgers van bestelling 500001 zijn nog steeds niet binnen. Groet", nil, policy.Eligible},
		{"rl2-" + addrs[1], addrs[1], "Likes nooit gekregen", "Mijn likes van order 500002 heb ik nooit ontvangen.", nil, policy.Expired},
		{"rl3-" + addrs[2], addrs[2], "Allemaal nepaccounts", "De volgers die ik kreeg zijn allemaal bots zonder profielfoto, niet de echte volgers die jullie beloven.", nil, policy.NeedEvidence},
		{"rl4-" + addrs[3], addrs[3], "Waar blijft mijn bestelling", "Ik heb nog steeds niks ontvangen van mijn bestelling.", nil, policy.NeedOrder},
		{"rl5-" + addrs[4], addrs[4], "Abonnement opzeggen", "Ik wil mijn abonnement S-5005 opzeggen en de laatste betaling terug.", nil, policy.Eligible},
		{"rl6-" + addrs[5], addrs[5], "Factuur", "Kan ik een factuur met btw krijgen voor mijn bestelling?", nil, policy.Human},
		{"rl7-" + addrs[5], addrs[5], "Automatisch antwoord: Factuur", "Ik ben afwezig tot maandag.", []string{"Auto-Submitted: auto-replied"}, policy.Ignore},
	}
	for _, m := range mails {
		raw := mailFrom(m.from, m.id, m.subject, m.body, m.extra...)
		raw = strings.ReplaceAll(raw, "Date: Thu, 05 Nov 2026 10:00:00 +0100", "Date: "+now.Format(time.RFC1123Z))
		srv.Deliver(t, m.from, e.support.Address, []byte(strings.ReplaceAll(raw, "\n", "\r\n")))
	}
	srv.Await(t, e.support, "INBOX", len(mails))
	got := byID(e.poll(t))
	for _, m := range mails {
		h, ok := got[m.id]
		if !ok {
			t.Errorf("%s: not handled", m.id)
			continue
		}
		if h.Outcome != m.want {
			t.Errorf("%s: got %s/%s; want %s\n  %s", m.id, h.Category, h.Outcome, m.want, strings.Join(h.Reasons, "\n  "))
		}
	}
	// Each reply reached its customer, threaded.
	for _, m := range mails[:5] {
		inbox := srv.Await(t, cust[m.from], "INBOX", 1)
		if len(inbox) != 1 {
			t.Errorf("%s got %d mails; want 1", m.from, len(inbox))
			continue
		}
		h := inbox[0].Header
		if irt := h.Get("In-Reply-To"); irt != "<"+m.id+">" {
			t.Errorf("%s: got In-Reply-To %q; want <%s>", m.from, irt, m.id)
		}
		if !strings.Contains(h.Get("References"), "<"+m.id+">") {
			t.Errorf("%s: References %q lack the customer's mail", m.from, h.Get("References"))
		}
		if h.Get("Auto-Submitted") != "auto-replied" || h.Get("X-Auto-Response-Suppress") != "All" {
			t.Errorf("%s: got Auto-Submitted %q, X-Auto-Response-Suppress %q", m.from, h.Get("Auto-Submitted"), h.Get("X-Auto-Response-Suppress"))
		}
		if !strings.HasPrefix(inbox[0].Subject, "Re: "+m.subject+" [HD-") {
			t.Errorf("%s: got subject %q", m.from, inbox[0].Subject)
		}
	}
	// The support mailbox is the staff's work queue.
	inbox := srv.Messages(t, e.support, "INBOX")
	if len(inbox) != 1 || inbox[0].MessageID != mails[5].id {
		t.Fatalf("support INBOX holds %d mails; want only the one for a person", len(inbox))
	}
	if !inbox[0].HasFlag(`\Flagged`) || inbox[0].HasFlag(`\Seen`) || !inbox[0].HasFlag("Helpdesk-Person") || !inbox[0].HasFlag("Helpdesk-Question") {
		t.Errorf("flags of the mail for a person: %v", inbox[0].Flags)
	}
	if n := len(srv.Messages(t, e.support, "Helpdesk.Beantwoord")); n != 5 {
		t.Errorf("Helpdesk.Beantwoord holds %d; want 5", n)
	}
	if n := len(srv.Messages(t, e.support, "Helpdesk.Genegeerd")); n != 1 {
		t.Errorf("Helpdesk.Genegeerd holds %d; want 1", n)
	}
	sentCopies := srv.Messages(t, e.support, "Sent")
	if len(sentCopies) != 5 {
		t.Errorf("Sent holds %d copies; want 5", len(sentCopies))
	}

	// Follow-ups: after a verdict, a second miss of the order, and after a
	// staff reply sent from the staff's own client (its copy in Sent).
	askOrder := srv.Messages(t, cust[addrs[3]], "INBOX")[0]
	verdict := srv.Messages(t, cust[addrs[0]], "INBOX")[0]
	staff := fmt.Sprintf("From: Marieke <%s>\r\nTo: %s\r\nSubject: Re: Factuur\r\nMessage-ID: <staff-%s>\r\nIn-Reply-To: <%s>\r\nReferences: <%s>\r\nDate: %s\r\n\r\nHoi, hierbij de factuur.\r\n",
		e.support.Address, addrs[5], addrs[5], mails[5].id, mails[5].id, now.Format(time.RFC1123Z))
	c, err := mailbox.Dial(context.Background(), e.opts.IMAP)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Append(context.Background(), "Sent", []string{`\Seen`}, time.Now(), []byte(staff)); err != nil {
		t.Fatal(err)
	}
	c.Close()
	follow := []sent{
		{"rl1b-" + addrs[0], addrs[0], "Re: " + verdict.Subject, "Dank je! Wanneer komen ze dan?", []string{"In-Reply-To: <" + verdict.MessageID + ">"}, policy.Human},
		{"rl4b-" + addrs[3], addrs[3], "Re: " + askOrder.Subject, "Ik weet het nummer niet meer sorry.", []string{"In-Reply-To: <" + askOrder.MessageID + ">"}, policy.Human},
		{"rl6b-" + addrs[5], addrs[5], "Re: Factuur", "Dank! Maar mijn volgers zijn ook niet aangekomen.", []string{"In-Reply-To: <staff-" + addrs[5] + ">"}, policy.Human},
	}
	for _, m := range follow {
		srv.Deliver(t, m.from, e.support.Address, []byte(strings.ReplaceAll(mailFrom(m.from, m.id, m.subject, m.body, m.extra...), "\n", "\r\n")))
	}
	srv.Await(t, e.support, "INBOX", 1+len(follow))
	rep := e.poll(t)
	if rep.StaffReplies != 1 {
		t.Errorf("got %d staff replies; want 1", rep.StaffReplies)
	}
	got = byID(rep)
	for _, m := range follow {
		if h := got[m.id]; h.Outcome != policy.Human || h.Rule != "2" {
			t.Errorf("%s: got %s by rule %s; want human by rule 2\n  %s", m.id, h.Outcome, h.Rule, strings.Join(h.Reasons, "\n  "))
		}
	}
	time.Sleep(time.Second) // nothing more may arrive
	for _, a := range []string{addrs[0], addrs[3], addrs[5]} {
		want := 1
		if a == addrs[5] {
			want = 0
		}
		if n := len(srv.Messages(t, cust[a], "INBOX")); n != want {
			t.Errorf("%s got %d automatic mails; want %d", a, n, want)
		}
	}
}

// TestRealCorpus appends every mail of the dev corpus to the support INBOX
// on Dovecot with its arrival time as INTERNALDATE: each is decided as
// `helpdesk eval` decides it, answered at most once over Postfix, and each
// reply reaches the customer's mailbox threaded.
func TestRealCorpus(t *testing.T) {
	srv := testenv.Real(t)
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "dev")
	names, err := filepath.Glob(filepath.Join(dir, "mail", "*.eml"))
	if err != nil || len(names) == 0 {
		t.Skipf("corpus not found at %s (../shared beside the repository)", dir)
	}
	var customers []string
	for _, n := range names {
		raw, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		m, err := message.Read(strings.NewReader(string(raw)), message.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range append(m.ReplyTo, m.From) {
			if a == nil {
				continue
			}
			at := strings.LastIndexByte(a.Address, '@')
			if at > 0 && contains(srv.Domains, strings.ToLower(a.Address[at+1:])) && !strings.EqualFold(a.Address, support) {
				customers = append(customers, a.Address)
			}
		}
	}
	accts := srv.AddUsers(t, customers)
	e := newRealEnv(t, "", func(o *daemon.Options) { o.Start = time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC) })
	before := map[string]int{}
	for addr, a := range accts {
		before[addr] = len(srv.Snapshot(t, a, "INBOX"))
	}
	c, err := mailbox.Dial(context.Background(), e.opts.IMAP)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cases := runCorpus(t, e.d, e.st, dir, func(raw []byte, at time.Time) error {
		_, err := c.Append(context.Background(), "INBOX", nil, at, raw)
		return err
	})
	want := 0
	for _, cs := range cases {
		if cs.wantsReply() {
			want++
		}
	}
	// Replies travel through Postfix: wait until they are all there.
	var raws [][]byte
	deadline := time.Now().Add(60 * time.Second)
	for {
		raws = raws[:0]
		for addr, a := range accts {
			for _, m := range srv.Snapshot(t, a, "INBOX")[before[addr]:] {
				raws = append(raws, m.Raw)
			}
		}
		if len(raws) >= want || time.Now().After(deadline) {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	checkReplies(t, cases, repliesByParent(t, raws))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
