package crashtest

import (
	"bytes"
	"cmp"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	_ "modernc.org/sqlite"

	"helpdesk/internal/testenv"
)

// The support mailbox's folders on Dovecot, whose hierarchy delimiter is
// "." (the program's defaults Helpdesk/Beantwoord and Helpdesk/Genegeerd).
const (
	folderInbox    = "INBOX"
	folderAnswered = "Helpdesk.Beantwoord"
	folderIgnored  = "Helpdesk.Genegeerd"
	folderSent     = "Sent"
)

// Keywords the program sets on mail for a person.
const (
	keywordPerson = "Helpdesk-Person"
	keywordUnsure = "Helpdesk-Unsure"
)

// awaitArrival waits until Dovecot holds every mail of the stream in one of
// the three folders the program keeps customer mail in (Postfix delivers
// asynchronously). A mail still missing after 30 s is left for check to
// count as lost.
func (h *harness) awaitArrival(mails []customerMail) {
	h.t.Helper()
	c := h.srv.DialIMAP(h.t, h.support)
	deadline := time.Now().Add(30 * time.Second)
	for {
		seen := map[string]bool{}
		for _, folder := range []string{folderInbox, folderAnswered, folderIgnored} {
			ids, err := messageIDs(c, folder)
			if err != nil {
				h.t.Fatalf("reading %s of %s: %v", folder, h.support.Address, err)
			}
			for _, id := range ids {
				seen[id] = true
			}
		}
		missing := 0
		for _, m := range mails {
			if !seen[m.messageID] {
				missing++
			}
		}
		if missing == 0 {
			return
		}
		if time.Now().After(deadline) {
			h.t.Logf("%d of %d mails not in the support mailbox after 30 s", missing, len(mails))
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// messageIDs returns the Message-IDs of a folder, none when it does not
// exist (yet: the program creates its folders on its first poll).
func messageIDs(c *imapclient.Client, folder string) ([]string, error) {
	sel, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if imapErr := (*imap.Error)(nil); errors.As(err, &imapErr) && imapErr.Code == imap.ResponseCodeNonExistent {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if sel.NumMessages == 0 {
		return nil, nil
	}
	msgs, err := c.Fetch(imap.SeqSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{Envelope: true}).Collect()
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(msgs))
	for _, m := range msgs {
		if m.Envelope != nil {
			ids = append(ids, m.Envelope.MessageID)
		}
	}
	return ids, nil
}

// dbView is what the program's database says, read after the last run.
type dbView struct {
	recorded  map[string]int         // incoming Message-ID → rows in mails
	decisions map[string]int         // incoming Message-ID → decisions
	outcomes  map[string]int         // outcome → decisions
	outbox    []outboxRow            // every recorded reply
	byMail    map[string][]outboxRow // incoming Message-ID → its replies
	pending   []string               // mailbox actions not done
}

type outboxRow struct {
	messageID string // the reply's
	state     string
	kind      string
	recipient string
	mail      string // Message-ID of the mail it answers
}

// readDatabase opens the SQLite file read-only and reads what the checks
// need.
func (h *harness) readDatabase() *dbView {
	h.t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(h.dir, "helpdesk.db")+"?mode=ro")
	if err != nil {
		h.t.Fatal(err)
	}
	defer db.Close()
	v := &dbView{recorded: map[string]int{}, decisions: map[string]int{}, outcomes: map[string]int{}, byMail: map[string][]outboxRow{}}
	query := func(q string, scan func(*sql.Rows) error) {
		h.t.Helper()
		rows, err := db.Query(q)
		if err != nil {
			h.t.Fatalf("%s: %v", q, err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				h.t.Fatalf("%s: %v", q, err)
			}
		}
		if err := rows.Err(); err != nil {
			h.t.Fatalf("%s: %v", q, err)
		}
	}
	query(`SELECT m.message_id, count(DISTINCT m.id), count(d.id) FROM mails m LEFT JOIN decisions d ON d.mail_id = m.id
		WHERE m.direction = 'in' GROUP BY m.message_id`, func(r *sql.Rows) error {
		var (
			id        string
			nm, ndecs int
		)
		if err := r.Scan(&id, &nm, &ndecs); err != nil {
			return err
		}
		id = bare(id)
		v.recorded[id], v.decisions[id] = nm, ndecs
		return nil
	})
	query(`SELECT outcome, count(*) FROM decisions GROUP BY outcome`, func(r *sql.Rows) error {
		var (
			outcome string
			n       int
		)
		err := r.Scan(&outcome, &n)
		v.outcomes[outcome] = n
		return err
	})
	query(`SELECT o.message_id, o.state, o.kind, o.recipient, m.message_id FROM outbox o JOIN mails m ON m.id = o.mail_id ORDER BY o.id`, func(r *sql.Rows) error {
		var o outboxRow
		if err := r.Scan(&o.messageID, &o.state, &o.kind, &o.recipient, &o.mail); err != nil {
			return err
		}
		o.messageID, o.mail = bare(o.messageID), bare(o.mail)
		v.outbox = append(v.outbox, o)
		v.byMail[o.mail] = append(v.byMail[o.mail], o)
		return nil
	})
	query(`SELECT a.kind, a.arg, m.message_id, a.last_error FROM actions a JOIN mails m ON m.id = a.mail_id WHERE a.state <> 'done'`, func(r *sql.Rows) error {
		var kind, arg, id, why string
		if err := r.Scan(&kind, &arg, &id, &why); err != nil {
			return err
		}
		v.pending = append(v.pending, fmt.Sprintf("%s %q on <%s> (%s)", kind, arg, bare(id), why))
		return nil
	})
	return v
}

// delivered is what reached the customers' INBOXes.
type delivered struct {
	byParent map[string][]string // customer's Message-ID → Message-IDs of the replies to it
	count    map[string]int      // reply Message-ID → copies delivered
	stray    []string            // mail in a customer's INBOX that answers no mail of theirs
}

// awaitReplies waits until every reply the database calls sent has reached
// its customer, gives Postfix a moment more for anything beyond that (a
// second copy must have time to show), and reads every customer's INBOX.
func (h *harness) awaitReplies(mails []customerMail, accounts map[string]testenv.Account, db *dbView) *delivered {
	h.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		d := h.readCustomers(mails, accounts)
		missing := 0
		for _, o := range db.outbox {
			if o.state == "sent" && d.count[o.messageID] == 0 {
				missing++
			}
		}
		if missing == 0 {
			break
		}
		if time.Now().After(deadline) {
			h.t.Logf("%d replies recorded as sent not delivered after 30 s", missing)
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(time.Second)
	return h.readCustomers(mails, accounts)
}

// readCustomers reads the INBOX of every customer, a few at a time (a
// login costs Dovecot some milliseconds), and sorts what they got by the
// mail it answers.
func (h *harness) readCustomers(mails []customerMail, accounts map[string]testenv.Account) *delivered {
	h.t.Helper()
	sender := map[string]string{} // Message-ID → its customer
	var addrs []string
	for _, m := range mails {
		if !slices.Contains(addrs, m.from) {
			addrs = append(addrs, m.from)
		}
		sender[m.messageID] = m.from
	}
	inboxes := make([][]testenv.Message, len(addrs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i, addr := range addrs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			inboxes[i] = h.srv.Snapshot(goroutineTB{h.t}, accounts[addr], "INBOX")
		})
	}
	wg.Wait()
	if h.t.Failed() {
		h.t.FailNow()
	}
	d := &delivered{byParent: map[string][]string{}, count: map[string]int{}}
	for i, addr := range addrs {
		for _, r := range inboxes[i] {
			d.count[r.MessageID]++
			var parents []string
			if r.Header != nil {
				parents = strings.Fields(r.Header.Get("In-Reply-To"))
			}
			parent := ""
			for _, p := range parents {
				if sender[bare(p)] == addr {
					parent = bare(p)
				}
			}
			if parent == "" {
				d.stray = append(d.stray, fmt.Sprintf("<%s> in %s's INBOX, In-Reply-To %v", r.MessageID, addr, parents))
				continue
			}
			d.byParent[parent] = append(d.byParent[parent], r.MessageID)
		}
	}
	return d
}

// supportView is where the customer mail is in the support mailbox.
type supportView struct {
	where map[string][]place // Message-ID → the folders holding it
	sent  map[string]int     // Message-ID → copies in Sent
}

type place struct {
	folder string
	msg    testenv.Message
}

func (h *harness) inspectSupport() *supportView {
	h.t.Helper()
	v := &supportView{where: map[string][]place{}, sent: map[string]int{}}
	for _, folder := range []string{folderInbox, folderAnswered, folderIgnored} {
		for _, m := range h.srv.Snapshot(h.t, h.support, folder) {
			v.where[m.MessageID] = append(v.where[m.MessageID], place{folder, m})
		}
	}
	for _, m := range h.srv.Snapshot(h.t, h.support, folderSent) {
		v.sent[m.MessageID]++
	}
	return v
}

// result counts the fates of the stream's mails.
type result struct {
	replies                   int // replies delivered to customers
	answered, ignored, person int
	unsure, unsureReplied     int // a send interrupted by a kill; of which delivered
	duplicates, lost, stuck   int
}

// check holds the mailboxes and the database against the README's
// guarantees and returns every breach, naming the mail it concerns.
func check(sup *supportView, got *delivered, db *dbView, mails []customerMail) (result, []string) {
	var (
		res      result
		problems []string
	)
	errorf := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	ours := map[string]bool{}
	for _, m := range mails {
		ours[m.messageID] = true
		places, replies, outs := sup.where[m.messageID], got.byParent[m.messageID], db.byMail[m.messageID]
		res.replies += len(replies)
		if len(replies) > 1 {
			res.duplicates++
			errorf("<%s> (%s): %d replies delivered %v; want at most 1", m.messageID, m.kind, len(replies), replies)
		}
		if n := db.decisions[m.messageID]; n != 1 {
			errorf("<%s> (%s): %d decisions in the database (%d mail rows); want 1", m.messageID, m.kind, n, db.recorded[m.messageID])
		}
		switch len(places) {
		case 0:
			res.lost++
			errorf("<%s> (%s): in none of %s, %s, %s: lost", m.messageID, m.kind, folderInbox, folderAnswered, folderIgnored)
			continue
		case 1:
		default:
			errorf("<%s> (%s): %d copies in the support mailbox (%v); want 1", m.messageID, m.kind, len(places), places)
		}
		p := places[0]
		sent, unknown := 0, 0
		for _, o := range outs {
			switch o.state {
			case "sent":
				sent++
			case "unknown":
				unknown++
			}
		}
		switch p.folder {
		case folderAnswered:
			res.answered++
			if len(replies) != 1 || sent != 1 {
				errorf("<%s> (%s): answered with %d replies delivered, %d recorded as sent; want 1 and 1", m.messageID, m.kind, len(replies), sent)
			}
		case folderIgnored:
			res.ignored++
			if len(replies) != 0 || len(outs) != 0 {
				errorf("<%s> (%s): ignored, yet %d replies delivered, %d recorded; want none", m.messageID, m.kind, len(replies), len(outs))
			}
		case folderInbox:
			f := p.msg
			if !f.HasFlag(imap.FlagFlagged) || f.HasFlag(imap.FlagSeen) || !f.HasFlag(keywordPerson) {
				res.stuck++
				errorf("<%s> (%s): left in %s with flags %v; want \\Flagged, %s, not \\Seen", m.messageID, m.kind, folderInbox, f.Flags, keywordPerson)
				continue
			}
			if unknown > 0 {
				res.unsure++
				if len(replies) > 0 {
					res.unsureReplied++
				}
				if !f.HasFlag(keywordUnsure) {
					errorf("<%s> (%s): its send was interrupted, but flags are %v; want %s", m.messageID, m.kind, f.Flags, keywordUnsure)
				}
				continue
			}
			res.person++
			if len(replies) != 0 {
				errorf("<%s> (%s): flagged for a person (%v) with a reply delivered and none recorded as interrupted", m.messageID, m.kind, f.Flags)
			}
		}
	}
	for id, ps := range sup.where {
		if !ours[id] {
			errorf("<%s>: in the support mailbox (%s) but not sent by the harness", id, ps[0].folder)
		}
	}
	recorded := map[string]bool{}
	for _, o := range db.outbox {
		recorded[o.messageID] = true
		n := got.count[o.messageID]
		switch o.state {
		case "pending", "sending":
			errorf("reply <%s> to <%s>: still %q after the final poll", o.messageID, o.mail, o.state)
		case "sent":
			if n != 1 {
				errorf("reply <%s> to <%s>: recorded as sent, delivered %d times; want 1", o.messageID, o.mail, n)
			}
			if c := sup.sent[o.messageID]; c != 1 {
				errorf("reply <%s> to <%s>: %d copies in %s; want 1", o.messageID, o.mail, c, folderSent)
			}
		case "unknown":
			if n > 1 {
				errorf("reply <%s> to <%s>: interrupted, delivered %d times; want at most 1", o.messageID, o.mail, n)
			}
		default:
			if n != 0 {
				errorf("reply <%s> to <%s>: recorded as %q, delivered %d times; want 0", o.messageID, o.mail, o.state, n)
			}
		}
	}
	for id, n := range got.count {
		if !recorded[id] {
			errorf("reply <%s> delivered %d times but not in the outbox", id, n)
		}
	}
	for _, s := range got.stray {
		errorf("unexpected mail: %s", s)
	}
	for _, a := range db.pending {
		errorf("mailbox action still pending after the final poll: %s", a)
	}
	return res, problems
}

// checkLogs fails the test for every log line of every run that carries
// the password, as it is or as the SMTP and IMAP authentications encode it
// (RFC 4616 PLAIN, LOGIN).
func (h *harness) checkLogs() {
	h.t.Helper()
	user, pw := h.support.Address, h.support.Password
	secrets := []string{
		pw,
		base64.StdEncoding.EncodeToString([]byte(pw)),
		base64.StdEncoding.EncodeToString([]byte("\x00" + user + "\x00" + pw)),
		base64.StdEncoding.EncodeToString([]byte(user + "\x00" + user + "\x00" + pw)),
	}
	names, err := filepath.Glob(filepath.Join(h.dir, "logs", "*.log"))
	if err != nil || len(names) == 0 {
		h.t.Fatalf("no logs in %s: %v", filepath.Join(h.dir, "logs"), err)
	}
	lines, leaks := 0, 0
	errs := map[string]int{}      // message of each ERROR line → lines
	lastWords := map[string]int{} // last message of a killed run → runs
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			h.t.Fatal(err)
		}
		last := "(nothing logged)"
		n := 0
		for line := range bytes.Lines(b) {
			n++
			for _, s := range secrets {
				if bytes.Contains(line, []byte(s)) {
					leaks++
					h.t.Errorf("%s:%d: the password is in the log", filepath.Base(name), n)
				}
			}
			var rec struct{ Level, Msg string }
			if json.Unmarshal(line, &rec) == nil {
				last = rec.Msg
				if rec.Level == "ERROR" {
					errs[rec.Msg]++
				}
			}
		}
		lines += n
		if strings.HasPrefix(filepath.Base(name), "run-") {
			lastWords[last]++
		}
	}
	h.t.Logf("logs: %d files, %d lines, %d with the password", len(names), lines, leaks)
	for msg, n := range errs {
		h.t.Logf("logged %d times at ERROR: %s", n, msg)
	}
	h.t.Logf("where the kills struck (the last log line of each run): %s", summary(lastWords))
}

// summary formats counts as "name=n" pairs, the largest first.
func summary(counts map[string]int) string {
	keys := slices.Collect(maps.Keys(counts))
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), strings.Compare(a, b))
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%q=%d", k, counts[k])
	}
	return strings.Join(parts, " ")
}

// bare strips the angle brackets of a Message-ID.
func bare(id string) string {
	return strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(id), "<"), ">")
}

// fixture is a consistent end state of four mails: one answered, one
// ignored, one for a person and one whose send was interrupted (its reply
// delivered all the same).
func fixture() ([]customerMail, *supportView, *delivered, *dbView) {
	mails := []customerMail{
		{kind: "non_delivery", from: "a@example.nl", messageID: "m1@example.nl"},
		{kind: "out_of_office", from: "b@example.nl", messageID: "m2@example.nl"},
		{kind: "question", from: "c@example.nl", messageID: "m3@example.nl"},
		{kind: "cancel", from: "d@example.nl", messageID: "m4@example.nl"},
	}
	person := []imap.Flag{imap.FlagFlagged, keywordPerson, "Helpdesk-Question"}
	sup := &supportView{
		where: map[string][]place{
			"m1@example.nl": {{folderAnswered, testenv.Message{MessageID: "m1@example.nl", Flags: []imap.Flag{imap.FlagSeen}}}},
			"m2@example.nl": {{folderIgnored, testenv.Message{MessageID: "m2@example.nl", Flags: []imap.Flag{imap.FlagSeen}}}},
			"m3@example.nl": {{folderInbox, testenv.Message{MessageID: "m3@example.nl", Flags: person}}},
			"m4@example.nl": {{folderInbox, testenv.Message{MessageID: "m4@example.nl", Flags: []imap.Flag{imap.FlagFlagged, keywordPerson, keywordUnsure}}}},
		},
		sent: map[string]int{"r1@shop": 1},
	}
	got := &delivered{
		byParent: map[string][]string{"m1@example.nl": {"r1@shop"}, "m4@example.nl": {"r4@shop"}},
		count:    map[string]int{"r1@shop": 1, "r4@shop": 1},
	}
	db := &dbView{
		recorded:  map[string]int{"m1@example.nl": 1, "m2@example.nl": 1, "m3@example.nl": 1, "m4@example.nl": 1},
		decisions: map[string]int{"m1@example.nl": 1, "m2@example.nl": 1, "m3@example.nl": 1, "m4@example.nl": 1},
		byMail:    map[string][]outboxRow{},
	}
	for _, o := range []outboxRow{
		{messageID: "r1@shop", state: "sent", kind: "reply", recipient: "a@example.nl", mail: "m1@example.nl"},
		{messageID: "r4@shop", state: "unknown", kind: "reply", recipient: "d@example.nl", mail: "m4@example.nl"},
	} {
		db.outbox = append(db.outbox, o)
		db.byMail[o.mail] = append(db.byMail[o.mail], o)
	}
	return mails, sup, got, db
}

// TestCheck makes sure the checks see each breach they are there for, on
// made-up end states (no servers needed).
func TestCheck(t *testing.T) {
	clean := result{replies: 2, answered: 1, ignored: 1, person: 1, unsure: 1, unsureReplied: 1}
	tests := []struct {
		name   string
		mutate func(sup *supportView, got *delivered, db *dbView)
		want   result
		errs   []string // each must occur in some problem
	}{
		{"consistent", func(*supportView, *delivered, *dbView) {}, clean, nil},
		{"second reply", func(_ *supportView, got *delivered, _ *dbView) {
			got.byParent["m1@example.nl"] = append(got.byParent["m1@example.nl"], "r1b@shop")
			got.count["r1b@shop"] = 1
		}, result{replies: 3, answered: 1, ignored: 1, person: 1, unsure: 1, unsureReplied: 1, duplicates: 1},
			[]string{"<m1@example.nl> (non_delivery): 2 replies delivered", "reply <r1b@shop> delivered 1 times but not in the outbox"}},
		{"same reply sent twice", func(_ *supportView, got *delivered, _ *dbView) {
			got.byParent["m1@example.nl"] = []string{"r1@shop", "r1@shop"}
			got.count["r1@shop"] = 2
		}, result{replies: 3, answered: 1, ignored: 1, person: 1, unsure: 1, unsureReplied: 1, duplicates: 1},
			[]string{"2 replies delivered", "recorded as sent, delivered 2 times"}},
		{"lost", func(sup *supportView, _ *delivered, _ *dbView) { delete(sup.where, "m2@example.nl") },
			result{replies: 2, answered: 1, person: 1, unsure: 1, unsureReplied: 1, lost: 1},
			[]string{"<m2@example.nl> (out_of_office): in none of"}},
		{"copied", func(sup *supportView, _ *delivered, _ *dbView) {
			sup.where["m2@example.nl"] = append(sup.where["m2@example.nl"], place{folder: folderInbox})
		}, clean, []string{"<m2@example.nl> (out_of_office): 2 copies"}},
		{"not flagged", func(sup *supportView, _ *delivered, _ *dbView) {
			sup.where["m3@example.nl"][0].msg.Flags = []imap.Flag{imap.FlagSeen}
		}, result{replies: 2, answered: 1, ignored: 1, unsure: 1, unsureReplied: 1, stuck: 1},
			[]string{"<m3@example.nl> (question): left in INBOX"}},
		{"reply to a mail for a person", func(_ *supportView, got *delivered, _ *dbView) {
			got.byParent["m3@example.nl"] = []string{"r3@shop"}
			got.count["r3@shop"] = 1
		}, result{replies: 3, answered: 1, ignored: 1, person: 1, unsure: 1, unsureReplied: 1},
			[]string{"<m3@example.nl> (question): flagged for a person", "reply <r3@shop> delivered 1 times but not in the outbox"}},
		{"sent, never delivered", func(_ *supportView, got *delivered, _ *dbView) {
			delete(got.byParent, "m1@example.nl")
			delete(got.count, "r1@shop")
		}, result{replies: 1, answered: 1, ignored: 1, person: 1, unsure: 1, unsureReplied: 1},
			[]string{"answered with 0 replies delivered", "recorded as sent, delivered 0 times"}},
		{"pending and sending", func(_ *supportView, _ *delivered, db *dbView) {
			db.outbox = append(db.outbox, outboxRow{messageID: "p@shop", state: "pending", mail: "m3@example.nl"},
				outboxRow{messageID: "s@shop", state: "sending", mail: "m3@example.nl"})
		}, clean, []string{`reply <p@shop> to <m3@example.nl>: still "pending"`, `reply <s@shop> to <m3@example.nl>: still "sending"`}},
		{"decided twice", func(_ *supportView, _ *delivered, db *dbView) { db.decisions["m3@example.nl"] = 2 },
			clean, []string{"<m3@example.nl> (question): 2 decisions"}},
		{"not decided", func(_ *supportView, _ *delivered, db *dbView) { delete(db.decisions, "m2@example.nl") },
			clean, []string{"<m2@example.nl> (out_of_office): 0 decisions"}},
		{"two copies in Sent", func(sup *supportView, _ *delivered, _ *dbView) { sup.sent["r1@shop"] = 2 },
			clean, []string{"reply <r1@shop> to <m1@example.nl>: 2 copies in Sent"}},
		{"interrupted, not flagged unsure", func(sup *supportView, _ *delivered, _ *dbView) {
			sup.where["m4@example.nl"][0].msg.Flags = []imap.Flag{imap.FlagFlagged, keywordPerson}
		}, clean, []string{"<m4@example.nl> (cancel): its send was interrupted"}},
		{"action pending", func(_ *supportView, _ *delivered, db *dbView) {
			db.pending = []string{`file "Helpdesk/Beantwoord" on <m1@example.nl>`}
		},
			clean, []string{"mailbox action still pending"}},
		{"stranger in the mailbox", func(sup *supportView, _ *delivered, _ *dbView) {
			sup.where["bounce@mx"] = []place{{folder: folderInbox}}
		}, clean, []string{"<bounce@mx>: in the support mailbox"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mails, sup, got, db := fixture()
			tt.mutate(sup, got, db)
			res, problems := check(sup, got, db, mails)
			if res != tt.want {
				t.Errorf("got %+v; want %+v", res, tt.want)
			}
			if len(tt.errs) == 0 && len(problems) > 0 {
				t.Errorf("got problems %q; want none", problems)
			}
			for _, e := range tt.errs {
				if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, e) }) {
					t.Errorf("got problems %q; want one containing %q", problems, e)
				}
			}
		})
	}
}
