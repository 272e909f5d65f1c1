package message

import (
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// repeatReader yields s n times without ever holding the result.
type repeatReader struct {
	s   string
	n   int // repetitions left
	off int // in s
}

func (r *repeatReader) Read(p []byte) (int, error) {
	k := 0
	for k < len(p) && r.n > 0 {
		c := copy(p[k:], r.s[r.off:])
		k += c
		r.off += c
		if r.off == len(r.s) {
			r.off = 0
			r.n--
		}
	}
	if k == 0 {
		return 0, io.EOF
	}
	return k, nil
}

func repeat(s string, n int) io.Reader { return &repeatReader{s: s, n: n} }

// randomReader yields n pseudo-random bytes, the same for the same seed.
type randomReader struct {
	rng *rand.ChaCha8
	n   int
}

func (r *randomReader) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	p = p[:min(len(p), r.n)]
	_, _ = r.rng.Read(p)
	r.n -= len(p)
	return len(p), nil
}

// cat joins strings and readers into one reader.
func cat(parts ...any) io.Reader {
	rs := make([]io.Reader, len(parts))
	for i, p := range parts {
		switch p := p.(type) {
		case string:
			rs[i] = strings.NewReader(strings.ReplaceAll(strings.ReplaceAll(p, "\r\n", "\n"), "\n", "\r\n"))
		case io.Reader:
			rs[i] = p
		default:
			panic(fmt.Sprintf("cat: %T", p))
		}
	}
	return io.MultiReader(rs...)
}

const hostileHeader = "From: Anna <anna@example.nl>\nTo: support@example.nl\nSubject: Bijlage\nDate: Thu, 05 Nov 2026 10:00:00 +0100\nMessage-ID: <h@example.nl>\nMIME-Version: 1.0\n"

// b64Line is one line of a base64 body: 76 characters, 57 bytes decoded.
const b64Line = "SGFsbG8sIGhpZXIgaXMgZGUgc2NyZWVuc2hvdCB2YW4gbWlqbiBiZXN0ZWxsaW5nIDEwMDIzNC4u\r\n"

// bigAttachment is a mail with a short text and a base64 attachment of
// lines lines (lines*78 raw bytes).
func bigAttachment(lines int) io.Reader {
	return cat(hostileHeader+"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\nZie de bijlage, order 100234.\n--b\nContent-Type: image/png\nContent-Disposition: attachment; filename=shot.png\nContent-Transfer-Encoding: base64\n\n",
		repeat(b64Line, lines), "--b--\n")
}

// fiftyMB is the number of base64 lines of a 50 MB mail.
const fiftyMB = 50 << 20 / len(b64Line)

// nestedMultipart is a mail of depth multiparts, each the only part of the
// one above it, with a text at the bottom.
func nestedMultipart(depth int) io.Reader {
	var b strings.Builder
	b.WriteString(hostileHeader + "Content-Type: multipart/mixed; boundary=b0\n\n")
	for i := range depth {
		fmt.Fprintf(&b, "--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n", i, i+1)
	}
	fmt.Fprintf(&b, "--b%d\nContent-Type: text/plain\n\ndiep\n", depth)
	return cat(b.String())
}

// prefixBoundaries is a mail of 20 levels of multipart, the boundary of
// each a prefix of the next ("b", "bb", …), and at the bottom an attachment
// of lines lines that start like every boundary: each part reader returns
// them one by one.
func prefixBoundaries(lines int) io.Reader {
	var b strings.Builder
	b.WriteString(hostileHeader + "Content-Type: multipart/mixed; boundary=b\n\n")
	for i := 1; i < 20; i++ {
		fmt.Fprintf(&b, "--%s\nContent-Type: multipart/mixed; boundary=%s\n\n", strings.Repeat("b", i), strings.Repeat("b", i+1))
	}
	fmt.Fprintf(&b, "--%s\nContent-Type: application/pdf\n\n", strings.Repeat("b", 20))
	return cat(b.String(), repeat("--"+strings.Repeat("b", 20)+"x\r\n", lines))
}

// manyParts is a mail of n small text parts.
func manyParts(n int) io.Reader {
	return cat(hostileHeader+"Content-Type: multipart/mixed; boundary=b\n\n", repeat("--b\r\nContent-Type: text/plain\r\n\r\ndeel\r\n", n), "--b--\n")
}

// hostileCase is one hostile mail and what Read must make of it.
type hostileCase struct {
	name   string
	mail   func() io.Reader
	limits Limits
	over   bool     // OverLimit wanted
	probs  []string // each must be a substring of some Problem
	// maxAlloc bounds the bytes allocated while reading: the peak memory
	// of Read is below it. Generous: it says "not held whole".
	maxAlloc uint64
	check    func(t *testing.T, m *Message)
}

func textHas(s string) func(*testing.T, *Message) {
	return func(t *testing.T, m *Message) {
		t.Helper()
		if !strings.Contains(m.Text, s) {
			t.Errorf("got Text %.200q; want it to hold %q", m.Text, s)
		}
	}
}

func hostileCases() []hostileCase {
	const mb = 1 << 20
	return []hostileCase{
		{
			name: "50 MB attachment", mail: func() io.Reader { return bigAttachment(fiftyMB) }, maxAlloc: 2 * mb,
			check: func(t *testing.T, m *Message) {
				if len(m.Attachments) != 1 || m.Attachments[0].Size != int64(fiftyMB*57) {
					t.Errorf("got attachments %+v; want one of %d bytes", m.Attachments, fiftyMB*57)
				}
				if !slices.Equal(m.OrderRefs, []string{"100234"}) {
					t.Errorf("got OrderRefs %q; want 100234", m.OrderRefs)
				}
			},
		},
		{
			name: "50 MB attachment over MaxSize", mail: func() io.Reader { return bigAttachment(fiftyMB) },
			limits: Limits{MaxSize: 10 * mb}, over: true, probs: []string{"MaxSize"}, maxAlloc: 2 * mb,
			check: textHas("order 100234"),
		},
		{
			name: "10,000 parts", mail: func() io.Reader { return manyParts(10000) },
			over: true, probs: []string{"MaxParts (500)"}, maxAlloc: 4 * mb,
		},
		{
			name: "1,000 levels of multipart", mail: func() io.Reader { return nestedMultipart(1000) },
			over: true, probs: []string{"MaxDepth (20)"}, maxAlloc: 2 * mb,
		},
		{
			name: "20 levels, 16 MB of lines like the boundaries", mail: func() io.Reader { return prefixBoundaries(16 << 20 / 25) },
			probs: []string{"unexpected EOF"}, maxAlloc: 2 * mb,
		},
		{
			name: "5,000 levels of multipart, MaxDepth a billion", mail: func() io.Reader { return nestedMultipart(5000) },
			limits: Limits{MaxDepth: 1e9, MaxParts: 1e9}, over: true, probs: []string{"MaxDepth (100)"}, maxAlloc: 64 * mb,
		},
		{
			// Each inner multipart ends where it starts, at the next
			// delimiter of the outer one.
			name: "10,000 multiparts of one boundary, unterminated", mail: func() io.Reader {
				return cat(hostileHeader+"Content-Type: multipart/mixed; boundary=b\n\n", repeat("--b\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n", 10000))
			},
			over: true, probs: []string{"MaxParts (500)"}, maxAlloc: 8 * mb,
		},
		{
			name: "megabyte header line", mail: func() io.Reader {
				return cat("Subject: ", repeat("x", mb), "\nFrom: anna@example.nl\n\nNog niks ontvangen.\n")
			},
			over: true, probs: []string{"header over MaxHeaderSize"}, maxAlloc: 2 * mb, check: textHas("Nog niks ontvangen."),
		},
		{
			name: "megabyte of header fields", mail: func() io.Reader {
				return cat(hostileHeader, repeat("X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n", mb/44), "\nNog niks ontvangen.\n")
			},
			over: true, probs: []string{"header over MaxHeaderSize"}, maxAlloc: 8 * mb, check: textHas("Nog niks ontvangen."),
		},
		{
			name: "header that never ends", mail: func() io.Reader {
				return cat(hostileHeader, repeat("X-Filler: a\r\n", 40*mb/13))
			},
			// 20,000 fields in MaxHeaderSize, each allocated by
			// go-message and decoded: bounded by MaxHeaderSize, not by the
			// 40 MB.
			over: true, probs: []string{"header over MaxHeaderSize"}, maxAlloc: 32 * mb,
		},
		{
			name: "megabyte part header line", mail: func() io.Reader {
				return cat(hostileHeader+"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nEerste deel.\n--b\nContent-Type: text/plain; name=\"", repeat("x", mb), "\"\n\ntweede\n--b--\n")
			},
			over: true, probs: []string{"part header over MaxHeaderSize"}, maxAlloc: 4 * mb, check: textHas("Eerste deel."),
		},
		{
			name: "megabyte of part header fields", mail: func() io.Reader {
				return cat(hostileHeader+"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nEerste deel.\n--b\n", repeat("X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n", mb/44), "\ntweede\n--b--\n")
			},
			over: true, probs: []string{"part header over MaxHeaderSize"}, maxAlloc: 8 * mb, check: textHas("Eerste deel."),
		},
		{
			name: "NUL bytes in header and body", mail: func() io.Reader {
				return cat("From: Anna\x00 <anna@example.nl>\nSubject: Nog\x00 niks\x00\nX-Nul: \x00\x00\n\nBestelling\x00 100234 is\x00 er niet.\n")
			},
			probs: []string{"NUL"},
			check: func(t *testing.T, m *Message) {
				if m.Subject != "Nog  niks" {
					t.Errorf("got Subject %q; want %q", m.Subject, "Nog  niks")
				}
				if m.Text != "Bestelling 100234 is er niet.\n" {
					t.Errorf("got Text %q; want the text without NUL", m.Text)
				}
			},
		},
		{
			name: "broken base64 text", mail: func() io.Reader {
				return cat(hostileHeader + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\nTm9nIG5pa3Mgb250dmFuZ2Vu\n!!!*** dit is geen base64 ***\nQUFB\n")
			},
			probs: []string{"illegal base64"},
			check: func(t *testing.T, m *Message) {
				if !m.Damaged || !strings.Contains(m.Text, "Nog niks ontvangen") {
					t.Errorf("got Damaged %v, Text %q; want true and the text before the damage", m.Damaged, m.Text)
				}
			},
		},
		{
			name: "broken base64 attachment", mail: func() io.Reader {
				return cat(hostileHeader+"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nZie bijlage.\n--b\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\n", repeat(b64Line, 1000), "%%%%\n", repeat(b64Line, 1000), "--b--\n")
			},
			probs: []string{"illegal base64"}, check: textHas("Zie bijlage."),
		},
		{
			name: "broken quoted-printable", mail: func() io.Reader {
				return cat(hostileHeader + "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\nCaf=E9 =ZZ kapot =\n=3\nen =E\n")
			},
			// mime/quotedprintable keeps what it cannot decode.
			check: textHas("Café =ZZ kapot =3"),
		},
		{
			name: "unknown charsets", mail: func() io.Reader {
				return cat("From: =?x-klingon?Q?Anna_=E9?= <anna@example.nl>\nSubject: =?x-klingon?B?Q2Fmw6k=?= =?utf-8?Q?=FF?=\nContent-Type: text/plain; charset=x-klingon\n\nCaf\xe9 100234\n")
			},
			probs: []string{`unknown charset "x-klingon"`},
			check: func(t *testing.T, m *Message) {
				if m.Subject != "Café\uFFFD" || m.From == nil || m.From.Name != "Anna é" || m.Text != "Café 100234\n" {
					t.Errorf("got Subject %q, From %v, Text %q; want guesses", m.Subject, m.From, m.Text)
				}
			},
		},
		{
			name: "HTML of a million nested tags", mail: func() io.Reader {
				return cat(hostileHeader+"Content-Type: text/html\n\n<p>Order 100234</p>", repeat("<div>", 1000000), "diep\n")
			},
			over: true, probs: []string{"MaxTextSize", "HTML nested too deeply"}, maxAlloc: 64 * mb, check: textHas("Order 100234"),
		},
		{
			name: "HTML nested deeper than the parser takes", mail: func() io.Reader {
				return cat(hostileHeader+"Content-Type: text/html\n\n<html><head><style>p{}</style></head><body><p>Order 100234</p>", repeat("<div><b>", 600), "diep", repeat("</b></div>", 600), "<blockquote>oud</blockquote></body></html>\n")
			},
			probs: []string{"HTML nested too deeply"}, maxAlloc: 8 * mb,
			check: func(t *testing.T, m *Message) {
				if m.OwnText != "Order 100234\n\ndiep" || m.Quoted != "oud" {
					t.Errorf("got OwnText %q, Quoted %q; want the text without tags", m.OwnText, m.Quoted)
				}
			},
		},
		{
			name: "HTML with 100,000 links on one line", mail: func() io.Reader {
				return cat(hostileHeader+"Content-Type: text/html\n\n<p>", repeat(`<a href="https://example.com/">x</a>`, 100000), "</p>\n")
			},
			over: true, probs: []string{"MaxTextSize"}, maxAlloc: 64 * mb,
		},
		{
			name: "only a header", mail: func() io.Reader { return cat("From: anna@example.nl\nSubject: leeg") },
			check: func(t *testing.T, m *Message) {
				if m.Subject != "leeg" || m.Text != "" {
					t.Errorf("got Subject %q, Text %q; want leeg and no text", m.Subject, m.Text)
				}
			},
		},
		{
			name: "binary garbage", mail: func() io.Reader { return &randomReader{rng: rand.NewChaCha8([32]byte{1}), n: 4 * mb} },
			over: true, probs: []string{"no header", "MaxTextSize"}, maxAlloc: 64 * mb,
		},
		{
			name: "fifty megabyte line", mail: func() io.Reader {
				return cat(hostileHeader+"\n", repeat("order 100234 ", 50*mb/13))
			},
			over: true, probs: []string{"MaxTextSize"}, maxAlloc: 48 * mb,
		},
		{
			name: "a million short lines", mail: func() io.Reader {
				return cat(hostileHeader+"\n", repeat("a\r\n", mb))
			},
			over: true, probs: []string{"MaxTextSize"}, maxAlloc: 64 * mb,
		},
		{
			name: "disclaimers under quotes", mail: func() io.Reader {
				return cat(hostileHeader+"\n", repeat("> a\r\n\r\nconfidential\r\n", 40000))
			},
			maxAlloc: 32 * mb,
		},
		{
			name: "long preamble line", mail: func() io.Reader {
				return cat(hostileHeader+"Content-Type: multipart/mixed; boundary=b\n\n", repeat("p", 100000), "\n--b\nContent-Type: text/plain\n\ntekst\n--b--\n")
			},
			probs: []string{"multipart/mixed"}, maxAlloc: 2 * mb,
		},
		{
			name: "boundary never comes", mail: func() io.Reader {
				return cat(hostileHeader+"Content-Type: multipart/mixed; boundary=b\n\n", repeat("geen grens\r\n", 1000000))
			},
			probs: []string{"multipart/mixed"}, maxAlloc: 2 * mb,
		},
		{
			name: "part that never ends", mail: func() io.Reader {
				return cat(hostileHeader+"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: application/pdf\n\n", repeat("geen grens\r\n", 1000000))
			},
			probs: []string{"unexpected EOF"}, maxAlloc: 2 * mb,
		},
		{
			name: "boundary of 5000 characters", mail: func() io.Reader {
				b := strings.Repeat("q", 5000)
				return cat(hostileHeader + "Content-Type: multipart/mixed; boundary=" + b + "\n\n--" + b + "\nContent-Type: text/plain\n\ntekst\n--" + b + "--\n")
			},
			maxAlloc: 2 * mb,
		},
		{
			name: "20,000 addresses", mail: func() io.Reader {
				return cat("From: anna@example.nl\nTo: ", repeat("a@example.nl, ", 18000), "b@example.nl\nSubject: veel\n\ntekst\n")
			},
			maxAlloc: 16 * mb,
			check: func(t *testing.T, m *Message) {
				if len(m.To) != 18001 {
					t.Errorf("got %d To addresses; want 18001", len(m.To))
				}
			},
		},
		{
			name: "20,000 encoded words", mail: func() io.Reader {
				return cat("From: anna@example.nl\nSubject: ", repeat("=?utf-8?B?w6k=?= ", 12000), "\n\ntekst\n")
			},
			maxAlloc: 16 * mb,
		},
		{
			name: "CR line ends only", mail: func() io.Reader {
				return strings.NewReader("From: anna@example.nl\rSubject: mac\r\r" + strings.Repeat("regel\r", 100000))
			},
			maxAlloc: 32 * mb, check: textHas("regel\nregel"),
		},
	}
}

// measure runs f and returns the bytes it allocated and the growth of the
// heap in use it leaves (what the result retains).
func measure(f func()) (alloc uint64, retained int64) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	alloc = after.TotalAlloc - before.TotalAlloc
	runtime.GC()
	runtime.ReadMemStats(&after)
	return alloc, int64(after.HeapInuse) - int64(before.HeapInuse)
}

// TestHostile reads generated hostile mail: no panic, no hang, bounded
// memory, and the limits named in Problems.
func TestHostile(t *testing.T) {
	for _, tt := range hostileCases() {
		t.Run(tt.name, func(t *testing.T) {
			var m *Message
			var err error
			start := time.Now()
			alloc, retained := measure(func() {
				m, err = Read(tt.mail(), Options{Limits: tt.limits})
			})
			t.Logf("%v, allocated %d KiB, retained %d KiB", time.Since(start).Round(time.Millisecond), alloc>>10, retained>>10)
			if err != nil {
				t.Fatalf("Read: %v; want a best effort", err)
			}
			if m.OverLimit != tt.over {
				t.Errorf("got OverLimit %v; want %v (Problems %q)", m.OverLimit, tt.over, m.Problems)
			}
			for _, p := range tt.probs {
				if !slices.ContainsFunc(m.Problems, func(q string) bool { return strings.Contains(q, p) }) {
					t.Errorf("got Problems %q; want one with %q", m.Problems, p)
				}
			}
			maxAlloc := tt.maxAlloc
			if maxAlloc == 0 {
				maxAlloc = 1 << 20
			}
			if alloc > maxAlloc {
				t.Errorf("allocated %d bytes; want at most %d", alloc, maxAlloc)
			}
			// What a Message keeps is its texts (MaxTextSize each at most)
			// and small fields.
			if lim := int64(8 << 20); retained > lim {
				t.Errorf("retained %d bytes; want at most %d", retained, lim)
			}
			if tt.check != nil {
				tt.check(t, m)
			}
		})
	}
}

// TestHostileScale reads hostile mails at two sizes: what Read allocates
// is bounded by the limits, not by the input, so eight times the input
// costs about the same.
func TestHostileScale(t *testing.T) {
	tests := []struct {
		name string
		mail func(n int) io.Reader // a mail of about n bytes
	}{
		{"binary garbage", func(n int) io.Reader { return &randomReader{rng: rand.NewChaCha8([32]byte{2}), n: n} }},
		{"one long line", func(n int) io.Reader { return cat(hostileHeader+"\n", repeat("order 100234 ", n/13)) }},
		{"short lines", func(n int) io.Reader { return cat(hostileHeader+"\n", repeat("> a\r\nb\r\n", n/8)) }},
		{"nested tags", func(n int) io.Reader {
			return cat(hostileHeader+"Content-Type: text/html\n\n", repeat("<div><b>x", n/9))
		}},
		{"header fields", func(n int) io.Reader { return cat(hostileHeader, repeat("X-Filler: a\r\n", n/13), "\ntekst\n") }},
		{"part header", func(n int) io.Reader {
			return cat(hostileHeader+"Content-Type: multipart/mixed; boundary=b\n\n--b\n", repeat("X-Filler: a\r\n", n/13), "\ntekst\n--b--\n")
		}},
		{"parts", func(n int) io.Reader {
			return cat(hostileHeader+"Content-Type: multipart/mixed; boundary=b\n\n", repeat("--b\r\nContent-Type: text/plain\r\n\r\ndeel\r\n", n/40), "--b--\n")
		}},
		{"base64 attachment", func(n int) io.Reader { return bigAttachment(n / len(b64Line)) }},
	}
	const n = 4 << 20
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			small, _ := measure(func() { _, _ = Read(tt.mail(n), Options{}) })
			big, _ := measure(func() { _, _ = Read(tt.mail(8*n), Options{}) })
			t.Logf("%d MiB: allocated %d KiB; %d MiB: %d KiB", n>>20, small>>10, 8*n>>20, big>>10)
			if big > small+small/4+1<<20 {
				t.Errorf("allocated %d bytes for %d bytes of mail, %d for %d; want about the same", small, n, big, 8*n)
			}
		})
	}
}
