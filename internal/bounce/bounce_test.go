package bounce

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestReadCorpusBounces(t *testing.T) {
	tests := []struct {
		file      string
		wantID    string
		wantRcpt  string
		permanent bool
	}{
		{"073.eml", "cb412d5312d86fba@volgersfabriek.nl", "m.hendriks@bakkerij-hendriks.example", true}, // Exchange NDR
		{"075.eml", "f12e717d5bcd2eda@volgersfabriek.nl", "jayden.w@example.nl", true},                  // Postfix DSN
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "corpus", "dev", "mail", tt.file))
			if err != nil {
				t.Skipf("corpus not found: %v", err)
			}
			r, ok := Read(raw, "volgersfabriek.nl")
			if !ok || !slices.Equal(r.MessageIDs, []string{tt.wantID}) {
				t.Fatalf("got %v, %v; want [%s]", r.MessageIDs, ok, tt.wantID)
			}
			if !slices.Contains(r.Recipients, tt.wantRcpt) || r.Permanent != tt.permanent {
				t.Errorf("got recipients %v, permanent %v; want %s, %v", r.Recipients, r.Permanent, tt.wantRcpt, tt.permanent)
			}
		})
	}
}

func TestReadPlainTextBounce(t *testing.T) {
	raw := "From: MAILER-DAEMON@mail.example.org\r\nSubject: failure notice\r\n\r\n" +
		"Hi. This is the qmail-send program.\r\n<x@example.org>:\r\nSorry, no mailbox here by that name.\r\n\r\n" +
		"--- Below this line is a copy of the message.\r\n\r\nMessage-ID: <abc.1@volgersfabriek.nl>\r\nSubject: Re: hoi\r\n"
	r, ok := Read([]byte(raw), "volgersfabriek.nl")
	if !ok || !slices.Equal(r.MessageIDs, []string{"abc.1@volgersfabriek.nl"}) {
		t.Fatalf("got %v, %v", r.MessageIDs, ok)
	}
	if _, ok := Read([]byte(raw), "example.com"); ok {
		t.Errorf("a bounce of someone else's mail was taken for ours")
	}
}

// TestReadPublicBounces reads every public bounce without a panic.
func TestReadPublicBounces(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "testdata", "public", "sisimai-set-of-emails")
	n := 0
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".eml") {
			return nil
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		Read(raw, "example.jp")
		n++
		return nil
	})
	if n == 0 {
		t.Skip("public bounces not found")
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("Content-Type: multipart/report; boundary=x\r\n\r\n--x\r\nContent-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; a@b\r\nAction: failed\r\n\r\n--x--\r\n"), "b")
	f.Fuzz(func(t *testing.T, raw []byte, domain string) {
		Read(raw, domain)
	})
}
