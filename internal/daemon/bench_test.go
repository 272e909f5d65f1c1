package daemon_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"helpdesk/internal/daemon"
	"helpdesk/internal/mailbox"
	"helpdesk/internal/message"
)

// BenchmarkRealPoll1000 times one poll that handles 1,000 new mails on the
// real Dovecot (sending the replies through the real Postfix): the dev
// corpus's mails, each appended ten-odd times with a fresh Message-ID and
// its arrival time as INTERNALDATE. It reports the peak resident memory of
// the test process (VmHWM) as peak-RSS-MB. Run it with
//
//	eval "$(.ci/mailservers.sh start)"   # as root
//	go test -run '^$' -bench RealPoll1000 -benchtime 1x ./internal/daemon
func BenchmarkRealPoll1000(b *testing.B) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "dev")
	names, err := filepath.Glob(filepath.Join(dir, "mail", "*.eml"))
	if err != nil || len(names) == 0 {
		b.Skip("corpus not found (../shared beside the repository)")
	}
	var mails [][]byte
	for _, n := range names {
		raw, err := os.ReadFile(n)
		if err != nil {
			b.Fatal(err)
		}
		mails = append(mails, raw)
	}
	for b.Loop() {
		b.StopTimer()
		orders, err := os.ReadFile(filepath.Join(dir, "orders.csv"))
		if err != nil {
			b.Fatal(err)
		}
		e := newRealEnv(b, string(orders), func(o *daemon.Options) {
			o.Start = time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
			o.MaxPerCorrespondent = 1000
		})
		c, err := mailbox.Dial(context.Background(), e.opts.IMAP)
		if err != nil {
			b.Fatal(err)
		}
		for i := range 1000 {
			raw := mails[i%len(mails)]
			m, err := message.Read(bytes.NewReader(raw), message.Options{})
			if err != nil {
				b.Fatal(err)
			}
			raw = withMessageID(raw, fmt.Sprintf("bench-%d-%d@example.nl", time.Now().UnixNano(), i))
			if _, err := c.Append(context.Background(), "INBOX", nil, m.Arrival, raw); err != nil {
				b.Fatal(err)
			}
		}
		c.Close()
		runtime.GC()
		b.StartTimer()
		rep, err := e.d.Poll(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if len(rep.Mails) != 1000 {
			b.Fatalf("handled %d mails; want 1000", len(rep.Mails))
		}
		b.ReportMetric(float64(rep.Sent), "replies")
		b.StartTimer()
	}
	b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
}

// withMessageID replaces (or adds) the Message-ID of raw.
func withMessageID(raw []byte, id string) []byte {
	head, body, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
	var out []string
	skip := false
	for _, line := range strings.Split(string(head), "\r\n") {
		if skip && (strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t")) {
			continue
		}
		skip = strings.HasPrefix(strings.ToLower(line), "message-id:")
		if !skip {
			out = append(out, line)
		}
	}
	out = append(out, "Message-ID: <"+id+">")
	return []byte(strings.Join(out, "\r\n") + "\r\n\r\n" + string(body))
}

// peakRSSMB reads the process's peak resident set size (Linux VmHWM).
func peakRSSMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / 1024
		}
	}
	return 0
}
