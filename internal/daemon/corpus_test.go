package daemon_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
	"time"

	"helpdesk/internal/daemon"
	"helpdesk/internal/decide"
	"helpdesk/internal/message"
	"helpdesk/internal/policy"
	"helpdesk/internal/reply"
	"helpdesk/internal/store"
)

// corpusCase is one corpus mail: what eval decides and what the daemon did.
type corpusCase struct {
	file string
	want decide.Result
	got  daemon.Handled
}

// wantsReply reports whether the decision sends the customer a mail.
func (c corpusCase) wantsReply() bool {
	d := c.want.Decision
	return d.Outcome != policy.Human && d.Outcome != policy.Ignore && reply.Name(string(d.Category), string(d.Outcome)) != ""
}

// runCorpus delivers every labelled mail of the corpus in dir with its
// arrival time, polls, and checks each decision against decide.Mail on the
// same bytes (what `helpdesk eval` runs).
func runCorpus(t *testing.T, d *daemon.Daemon, st *store.Store, dir string, deliver func(raw []byte, at time.Time) error) []corpusCase {
	t.Helper()
	ctx := context.Background()
	f, err := os.Open(filepath.Join(dir, "orders.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := st.ImportOrdersCSV(ctx, f); err != nil {
		t.Fatal(err)
	}
	lf, err := os.Open(filepath.Join(dir, "labels.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer lf.Close()
	rows, err := csv.NewReader(lf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	shop := decide.Shop{Addresses: []string{support}, Location: ams, WindowDays: 7}
	var cases []corpusCase
	for _, row := range rows[1:] {
		raw, err := os.ReadFile(filepath.Join(dir, "mail", row[0]))
		if err != nil {
			t.Fatal(err)
		}
		m, err := message.Read(bytes.NewReader(raw), message.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := decide.Mail(ctx, shop, st, m, policy.History{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, corpusCase{file: row[0], want: res})
		if err := deliver(raw, m.Arrival); err != nil {
			t.Fatalf("%s: %v", row[0], err)
		}
	}
	rep, err := d.Poll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Mails) != len(cases) {
		t.Fatalf("poll handled %d mails; want %d", len(rep.Mails), len(cases))
	}
	for i := range cases {
		c := &cases[i]
		c.got = rep.Mails[i]
		wd := c.want.Decision
		if c.got.Category != wd.Category || c.got.Outcome != wd.Outcome {
			t.Errorf("%s: the daemon decided %s/%s; eval decides %s/%s", c.file, c.got.Category, c.got.Outcome, wd.Category, wd.Outcome)
		}
	}
	return cases
}

// repliesByParent counts replies by their In-Reply-To.
func repliesByParent(t *testing.T, raws [][]byte) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, raw := range raws {
		m, err := message.Read(bytes.NewReader(raw), message.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(m.InReplyTo) != 1 {
			t.Errorf("reply %q has In-Reply-To %v; want the customer's Message-ID", m.Subject, m.InReplyTo)
			continue
		}
		out[m.InReplyTo[0]]++
	}
	return out
}

// checkReplies checks that every mail that should get a reply got exactly
// one, threaded to it, and no other mail got one.
func checkReplies(t *testing.T, cases []corpusCase, replies map[string]int) {
	t.Helper()
	sent := 0
	for _, c := range cases {
		id := c.want.Message.MessageID
		want := 0
		if c.wantsReply() {
			want = 1
		}
		if id == "" {
			if want == 1 {
				t.Errorf("%s: a mail without Message-ID cannot be checked for its reply", c.file)
			}
			continue
		}
		if replies[id] != want {
			t.Errorf("%s: got %d replies; want %d", c.file, replies[id], want)
		}
		sent += replies[id]
	}
	t.Logf("%d mails decided as eval decides them; %d replies, each threaded to its mail once", len(cases), sent)
}
