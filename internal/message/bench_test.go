package message

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
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
