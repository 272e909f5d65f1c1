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
	"helpdesk/internal/demo"
	"helpdesk/internal/message"
	"helpdesk/internal/policy"
	"helpdesk/internal/reply"
	"helpdesk/internal/store"
)

// runCorpus delivers every labelled mail of the corpus in dir with its
// arrival time, polls, and checks each decision against decide.Mail on the
// same bytes (what `helpdesk eval` runs) and that every mail that gets a
// reply gets exactly one, threaded.
func runCorpus(t *testing.T, d *daemon.Daemon, st *store.Store, dir string, deliver func(raw []byte, at time.Time) error, received func() []demo.Delivered) {
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
	type want struct {
		file string
		res  decide.Result
	}
	var wants []want
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
		wants = append(wants, want{row[0], res})
		if err := deliver(raw, m.Arrival); err != nil {
			t.Fatalf("%s: %v", row[0], err)
		}
	}
	rep, err := d.Poll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Mails) != len(wants) {
		t.Fatalf("poll handled %d mails; want %d", len(rep.Mails), len(wants))
	}
	replies := map[string]int{}
	for _, dl := range received() {
		m, err := message.Read(bytes.NewReader(dl.Raw), message.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(m.InReplyTo) != 1 {
			t.Errorf("reply %q has In-Reply-To %v", m.Subject, m.InReplyTo)
			continue
		}
		replies[m.InReplyTo[0]]++
	}
	sent := 0
	for i, w := range wants {
		h := rep.Mails[i]
		wd := w.res.Decision
		if h.Category != wd.Category || h.Outcome != wd.Outcome {
			t.Errorf("%s: the daemon decided %s/%s; eval decides %s/%s", w.file, h.Category, h.Outcome, wd.Category, wd.Outcome)
		}
		wantReplies := 0
		if reply.Name(string(wd.Category), string(wd.Outcome)) != "" && wd.Outcome != policy.Human {
			wantReplies = 1
		}
		id := w.res.Message.MessageID
		if id == "" {
			continue
		}
		if replies[id] != wantReplies {
			t.Errorf("%s: got %d replies; want %d", w.file, replies[id], wantReplies)
		}
		sent += replies[id]
	}
	t.Logf("%d mails decided as eval decides them, %d replies sent, each threaded once", len(wants), sent)
}
