package message

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/emersion/go-message/mail"
)

// benchMail is a realistic customer mail: Gmail multipart/alternative with
// a signature and a quoted order confirmation (dev corpus 026).
func benchMail(b *testing.B) []byte {
	raw, err := os.ReadFile(filepath.Join("testdata", "dev-026-gmail-quote.eml"))
	if err != nil {
		b.Fatal(err)
	}
	return raw
}

func BenchmarkRead(b *testing.B) {
	raw := benchMail(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(raw), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGoMessageParse is go-message alone on the same mail: the floor
// under Read's cost.
func BenchmarkGoMessageParse(b *testing.B) {
	raw := benchMail(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		mr, err := mail.CreateReader(bytes.NewReader(raw))
		if err != nil {
			b.Fatal(err)
		}
		for {
			p, err := mr.NextPart()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if _, err := io.Copy(io.Discard, p.Body); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkRead50MB reads a 50 MB mail, a short text and a base64
// attachment generated on the fly: B/op shows that the attachment is
// streamed, not held. peak-RSS-MiB is the process's high-water mark
// (VmHWM of /proc/self/status, Linux only).
func BenchmarkRead50MB(b *testing.B) {
	b.SetBytes(int64(fiftyMB * len(b64Line)))
	b.ReportAllocs()
	for b.Loop() {
		m, err := Read(bigAttachment(fiftyMB), Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(m.Attachments) != 1 || m.OverLimit {
			b.Fatalf("got %d attachments, OverLimit %v; want 1, false", len(m.Attachments), m.OverLimit)
		}
	}
	if kib, ok := peakRSS(); ok {
		b.ReportMetric(float64(kib)/1024, "peak-RSS-MiB")
	}
}

// peakRSS returns the peak resident set size of the process in KiB.
func peakRSS() (int64, bool) {
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for line := range strings.Lines(string(status)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kib, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kib, err == nil
		}
	}
	return 0, false
}
