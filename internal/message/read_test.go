package message

import (
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"
)

// eml joins lines with CRLF into a raw message.
func eml(lines ...string) string { return strings.Join(lines, "\r\n") }

func mustRead(t *testing.T, raw string, opts Options) *Message {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("Read panicked: %v", r)
		}
	}()
	m, err := Read(strings.NewReader(raw), opts)
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return m
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // UTC, "" when unreadable
	}{
		{"Thu, 19 Nov 2026 09:30:00 +0100 (CET)", "2026-11-19 08:30:00"},
		{"Thu, 19 Nov 2026 00:29:59 -0800 (PST)", "2026-11-19 08:29:59"},
		{"19 Nov 2026 09:30:00 +0100", "2026-11-19 08:30:00"},
		{"Thu, 19 Nov 2026 08:30:00 UTC", "2026-11-19 08:30:00"},
		{"Thu, 19 Nov 2026 08:30:00 GMT", "2026-11-19 08:30:00"},
		{"Thu, 19 Nov 2026 09:30:00 CET", "2026-11-19 08:30:00"},
		{"Thu, 19 Nov 2026 03:30:00 EST", "2026-11-19 08:30:00"},
		{"Thu, 19 Nov 2026 00:30:00 pst", "2026-11-19 08:30:00"},
		{"Thu, 19 Nov 2026 09:30:00 +0100 (GMT)", "2026-11-19 08:30:00"},
		{"Thu, 19 Nov 2026 08:30:00 +0000 (UTC)", "2026-11-19 08:30:00"},
		{"  Thu, 19 Nov 2026 09:30 +0100  ", "2026-11-19 08:30:00"},
		{"Thu, 19 Nov 26 09:30:00 +0100", "2026-11-19 08:30:00"},
		{"Thursday, 19 Nov 2026 09:30:00 +0100", "2026-11-19 08:30:00"},
		{"Thu 19 Nov 2026 09:30:00 +0100", "2026-11-19 08:30:00"},
		{"Thu, 19 Nov 2026 09:30:00 +01:00", "2026-11-19 08:30:00"},
		{"Thu Nov 19 08:30:00 2026 +0000", "2026-11-19 08:30:00"},
		{"Thu Nov 19 08:30:00 UTC 2026", "2026-11-19 08:30:00"},
		{"2026-11-19T09:30:00+01:00", "2026-11-19 08:30:00"},
		{"2026-11-19 08:30:00", "2026-11-19 08:30:00"},
		{"gisteren", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, ok := parseDate(tt.in)
			got := ""
			if ok {
				got = d.UTC().Format("2006-01-02 15:04:05")
			}
			if got != tt.want {
				t.Errorf("parseDate(%q) got %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestArrival(t *testing.T) {
	received := eml(
		"Received: from b.example by mx.example (Postfix) with ESMTPS id 1",
		"\tfor <support@example.nl>; Thu, 19 Nov 2026 00:10:00 +0000 (UTC)",
		"Received: by a.example with SMTP id 2; Wed, 18 Nov 2026 16:09:59 -0800 (PST)",
		"Date: Mon, 16 Nov 2026 10:00:00 +0100",
		"From: a@example.nl",
		"", "x")
	noReceived := eml("Date: Mon, 16 Nov 2026 10:00:00 +0100", "From: a@example.nl", "", "x")
	badReceived := eml("Received: from x by y; yesterday", "Date: Mon, 16 Nov 2026 10:00:00 +0100", "", "x")
	internal := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, raw  string
		opts       Options
		want, from string
	}{
		{"internaldate wins", received, Options{Arrival: internal}, "2026-11-20 12:00:00", "internaldate"},
		{"topmost received", received, Options{}, "2026-11-19 00:10:00", "received"},
		{"date without received", noReceived, Options{}, "2026-11-16 09:00:00", "date"},
		{"unreadable received falls back to date", badReceived, Options{}, "2026-11-16 09:00:00", "date"},
		{"nothing", eml("From: a@example.nl", "", "x"), Options{}, "0001-01-01 00:00:00", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustRead(t, tt.raw, tt.opts)
			if got := m.Arrival.UTC().Format("2006-01-02 15:04:05"); got != tt.want || m.ArrivalSource != tt.from {
				t.Errorf("got arrival %s (%s); want %s (%s)", got, m.ArrivalSource, tt.want, tt.from)
			}
		})
	}
}

func TestReadHeaders(t *testing.T) {
	raw := eml(
		"From: =?ISO-8859-1?Q?Jos=E9_de_Vri=EBs?= <jose@example.nl>",
		"Reply-To: \"Jos\" <jos+reply@example.nl>",
		"To: support@volgersfabriek.nl, =?UTF-8?B?U3TDqXBoYW5l?= <s@example.fr>",
		"Cc: Jan de Vries, Sales <jan@example.nl>",
		"Subject: =?utf-8?q?Bestelling_=E2=82=AC_14=2C95?= =?x-unknown?q?caf=E9?=",
		"Message-ID: <abc.123@mail.example.nl>",
		"In-Reply-To: def.456@volgersfabriek.nl",
		"References: <r1@example.nl>",
		" <r2@example.nl>",
		"X-Custom: =?windows-1252?Q?=93quoted=94?=",
		"", "hoi")
	m := mustRead(t, raw, Options{})
	check := func(name, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s got %q; want %q", name, got, want)
		}
	}
	check("From.Name", m.From.Name, "José de Vriës")
	check("From.Address", m.From.Address, "jose@example.nl")
	check("Reply-To", m.ReplyTo[0].Address, "jos+reply@example.nl")
	if len(m.To) != 2 || m.To[1].Name != "Stéphane" {
		t.Errorf("got To %v; want 2 addresses, the second named Stéphane", m.To)
	}
	if len(m.Cc) != 1 || m.Cc[0].Address != "jan@example.nl" {
		t.Errorf("got Cc %v; want jan@example.nl from the broken list", m.Cc)
	}
	check("Subject", m.Subject, "Bestelling € 14,95café")
	check("MessageID", m.MessageID, "abc.123@mail.example.nl")
	if !slices.Equal(m.InReplyTo, []string{"def.456@volgersfabriek.nl"}) {
		t.Errorf("got InReplyTo %q; want the id without brackets", m.InReplyTo)
	}
	if !slices.Equal(m.References, []string{"r1@example.nl", "r2@example.nl"}) {
		t.Errorf("got References %q; want both ids", m.References)
	}
	check("Header.Get", m.Header.Get("x-custom"), "“quoted”")
	check("OwnText", m.OwnText, "hoi")
}

func TestReadBrokenFrom(t *testing.T) {
	tests := []struct{ from, want string }{
		{"Jan <jan@example.nl>", "jan@example.nl"},
		{"jan@example.nl", "jan@example.nl"},
		{"Jan de Vries jan@example.nl", "jan@example.nl"},
		{"<jan@example.nl", "jan@example.nl"},
		{"\"Jan\" <jan@example.nl>>", "jan@example.nl"},
		{"Jan [Shop] <jan@example.nl>", "jan@example.nl"},
		{"=?utf-8?q?Jan?= <jan@example.nl>;", "jan@example.nl"},
	}
	for _, tt := range tests {
		t.Run(tt.from, func(t *testing.T) {
			m := mustRead(t, eml("From: "+tt.from, "", "x"), Options{})
			if m.From == nil || m.From.Address != tt.want {
				t.Errorf("got From %v; want %s", m.From, tt.want)
			}
		})
	}
}

func TestReadBodies(t *testing.T) {
	tests := []struct {
		name, raw, own string
		problem        bool
	}{
		{"plain 8bit", eml("Content-Type: text/plain; charset=utf-8", "", "Hé daar"), "Hé daar", false},
		{"latin1 quoted-printable", eml("Content-Type: text/plain; charset=iso-8859-1", "Content-Transfer-Encoding: quoted-printable", "", "Caf=E9 =80 14"), "Café \u0080 14", false},
		{"windows-1252", eml("Content-Type: text/plain; charset=windows-1252", "Content-Transfer-Encoding: quoted-printable", "", "=80 14,95"), "€ 14,95", false},
		{"base64", eml("Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "", "SGFsbG8gd2VyZWxk"), "Hallo wereld", false},
		{"unknown charset", eml("Content-Type: text/plain; charset=x-klingon", "", "Caf\xe9"), "Café", true},
		{"wrong charset claim", eml("Content-Type: text/plain; charset=utf-8", "", "Caf\xe9"), "Café", true},
		{"unknown transfer encoding", eml("Content-Type: text/plain", "Content-Transfer-Encoding: x-uuencode", "", "tekst"), "tekst", true},
		{"html only", eml("Content-Type: text/html; charset=utf-8", "", "<p>Hallo</p><blockquote>oud</blockquote>"), "Hallo", false},
		{"html charset in meta", eml("Content-Type: text/html", "", `<meta charset="windows-1252"><p>`+"\x80 5</p>"), "€ 5", false},
		{"no content type", eml("Subject: x", "", "gewoon tekst"), "gewoon tekst", false},
		{"bad content type", eml("Content-Type: text/plain; charset=\"utf-8", "", "tekst"), "tekst", false},
		{"no header", "gewoon tekst zonder header\r\nregel 2", "gewoon tekst zonder header\nregel 2", true},
		{"bare CR lines", "Subject: oud\rFrom: a@example.nl\r\rregel 1\rregel 2", "regel 1\nregel 2", false},
		{"LF lines", "Subject: unix\nFrom: a@example.nl\n\nregel 1\nregel 2\n", "regel 1\nregel 2", false},
		{"mbox From line", eml("From MAILER-DAEMON Sat Oct  4 08:00:09 2025", "Subject: x", "", "tekst"), "tekst", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustRead(t, tt.raw, Options{})
			if m.OwnText != tt.own {
				t.Errorf("got OwnText %q; want %q", m.OwnText, tt.own)
			}
			if got := len(m.Problems) > 0; got != tt.problem {
				t.Errorf("got Problems %q; want problems: %v", m.Problems, tt.problem)
			}
		})
	}
}

func TestReadAttachments(t *testing.T) {
	const b64PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
	apple := eml(
		"From: a@example.nl",
		"Content-Type: multipart/alternative; boundary=alt",
		"",
		"--alt",
		"Content-Type: text/plain; charset=utf-8",
		"",
		"Kijk maar.",
		"--alt",
		"Content-Type: multipart/mixed; boundary=mix",
		"",
		"--mix",
		"Content-Type: text/html; charset=utf-8",
		"",
		"<p>Kijk maar.</p>",
		"--mix",
		"Content-Type: application/pdf; name=\"=?utf-8?q?bewijs_=E2=82=AC.pdf?=\"",
		"Content-Disposition: attachment; filename*=UTF-8''bewijs%20%E2%82%AC.pdf",
		"Content-Transfer-Encoding: base64",
		"",
		"JVBERi0xLjQK",
		"--mix--",
		"--alt--",
		"")
	related := eml(
		"From: a@example.nl",
		"Content-Type: multipart/related; boundary=rel",
		"",
		"--rel",
		"Content-Type: text/html; charset=utf-8",
		"",
		`<p>Zie screenshot:</p><img src="cid:shot@x"><p>Met vriendelijke groet,</p><p>Jan</p><p>Bedrijf BV</p><img src="cid:logo@x"><blockquote><img src="cid:old@x"></blockquote>`,
		"--rel",
		"Content-Type: image/png; name=shot.png",
		"Content-ID: <shot@x>",
		"Content-Transfer-Encoding: base64",
		"",
		b64PNG,
		"--rel",
		"Content-Type: image/png; name=image001.png",
		"Content-ID: <logo@x>",
		"Content-Transfer-Encoding: base64",
		"",
		b64PNG,
		"--rel",
		"Content-Type: image/png; name=old.png",
		"Content-ID: <old@x>",
		"Content-Transfer-Encoding: base64",
		"",
		b64PNG,
		"--rel",
		"Content-Type: image/png; name=image002.png",
		"Content-ID: <unused@x>",
		"Content-Transfer-Encoding: base64",
		"",
		b64PNG,
		"--rel--",
		"")
	forward := eml(
		"From: a@example.nl",
		"Content-Type: multipart/mixed; boundary=m",
		"",
		"--m",
		"Content-Type: text/plain",
		"",
		"Zie de doorgestuurde mail.",
		"--m",
		"Content-Type: message/rfc822",
		"Content-Disposition: attachment; filename=\"oud.eml\"",
		"",
		"From: shop@example.nl",
		"Subject: Bestelling 100234",
		"",
		"Bestelling 100234, https://shop.example/100234",
		"--m--",
		"")
	tests := []struct {
		name, raw string
		want      []Attachment
		own       string
	}{
		{"apple nested in alternative", apple, []Attachment{{Filename: "bewijs €.pdf", ContentType: "application/pdf", Size: 9}}, "Kijk maar."},
		{"related images", related, []Attachment{
			{Filename: "shot.png", ContentType: "image/png", Size: 70, Inline: true, ContentID: "shot@x"},
			{Filename: "image001.png", ContentType: "image/png", Size: 70, Inline: true, ContentID: "logo@x", Signature: true},
			{Filename: "old.png", ContentType: "image/png", Size: 70, Inline: true, ContentID: "old@x", Signature: true},
			{Filename: "image002.png", ContentType: "image/png", Size: 70, Inline: true, ContentID: "unused@x", Signature: true},
		}, "Zie screenshot:\n\n[cid:shot@x]"},
		{"forwarded message", forward, []Attachment{{Filename: "oud.eml", ContentType: "message/rfc822", Size: 99, Forwarded: true}}, "Zie de doorgestuurde mail."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustRead(t, tt.raw, Options{})
			if !slices.Equal(m.Attachments, tt.want) {
				t.Errorf("got Attachments\n%+v; want\n%+v", m.Attachments, tt.want)
			}
			if m.OwnText != tt.own {
				t.Errorf("got OwnText %q; want %q", m.OwnText, tt.own)
			}
			if len(m.Links) > 0 || len(m.OrderRefs) > 0 {
				t.Errorf("got Links %q, OrderRefs %q; want none (only in forwarded or quoted parts)", m.Links, m.OrderRefs)
			}
		})
	}
}

func TestReadLinks(t *testing.T) {
	raw := eml("Content-Type: text/html", "",
		`<html xmlns="http://www.w3.org/TR/REC-html40"><p>Bewijs: <a href="https://imgur.com/a/xyz">screenshot</a>, `+
			`ook http://example.com/b). Mail <a href="mailto:a@b.nl">mij</a>.</p>`+
			`<blockquote><a href="https://shop.example/order/1">oud</a></blockquote></html>`)
	m := mustRead(t, raw, Options{})
	want := []string{"https://imgur.com/a/xyz", "http://example.com/b"}
	if !slices.Equal(m.Links, want) {
		t.Errorf("got Links %q; want %q", m.Links, want)
	}
}

func TestReadLimits(t *testing.T) {
	many := []string{"Content-Type: multipart/mixed; boundary=b", ""}
	for range 20 {
		many = append(many, "--b", "Content-Type: text/plain", "", "deel")
	}
	many = append(many, "--b--")
	// Ten multiparts, each the only part of the one above it.
	nested := []string{"Content-Type: multipart/mixed; boundary=b0", ""}
	for i := range 10 {
		nested = append(nested, "--b"+string(rune('0'+i)), "Content-Type: multipart/mixed; boundary=b"+string(rune('1'+i)), "")
	}
	nested = append(nested, "--b:", "Content-Type: text/plain", "", "diep")
	tests := []struct {
		name   string
		raw    string
		limits Limits
		own    string
	}{
		{"size", eml("Subject: x", "", strings.Repeat("a", 100)), Limits{MaxSize: 50}, strings.Repeat("a", 36)},
		{"parts", eml(many...), Limits{MaxParts: 3}, "deel\ndeel\ndeel"},
		{"depth", eml(nested...), Limits{MaxDepth: 3}, ""},
		{"header", eml("Subject: "+strings.Repeat("x", 200), "From: a@example.nl", "", "tekst"), Limits{MaxHeaderSize: 100}, "tekst"},
		{"text", eml("Subject: x", "", strings.Repeat("b", 100)), Limits{MaxTextSize: 10}, strings.Repeat("b", 10)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustRead(t, tt.raw, Options{Limits: tt.limits})
			if !m.OverLimit {
				t.Errorf("got OverLimit false; want true")
			}
			if !slices.ContainsFunc(m.Problems, func(p string) bool { return strings.Contains(p, "Max") }) {
				t.Errorf("got Problems %q; want one naming the limit", m.Problems)
			}
			if m.OwnText != tt.own {
				t.Errorf("got OwnText %q; want %q", m.OwnText, tt.own)
			}
		})
	}
}

// errReader fails at once.
type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

// halfReader returns some bytes, then fails.
type halfReader struct{ r io.Reader }

func (h *halfReader) Read(p []byte) (int, error) {
	if h.r == nil {
		return 0, errors.New("connection reset")
	}
	n, err := h.r.Read(p)
	if err == io.EOF {
		h.r = nil
		err = nil
	}
	return n, err
}

func TestReadErrors(t *testing.T) {
	if _, err := Read(strings.NewReader(""), Options{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty input: got %v; want ErrEmpty", err)
	}
	if _, err := Read(errReader{}, Options{}); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("failing reader: got %v; want its error", err)
	}
	m, err := Read(&halfReader{r: strings.NewReader(eml("Subject: half", "", "begin van de tekst"))}, Options{})
	if err != nil {
		t.Fatalf("truncated input: got error %v; want a best effort", err)
	}
	if m.Subject != "half" || !m.Damaged || !slices.ContainsFunc(m.Problems, func(p string) bool { return strings.Contains(p, "connection reset") }) {
		t.Errorf("truncated input: got subject %q, Damaged %v, problems %q; want the subject, Damaged and the read error", m.Subject, m.Damaged, m.Problems)
	}
}
