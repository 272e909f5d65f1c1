package reply

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// input is a complete Input for a Dutch non_delivery eligible reply.
func input(t testing.TB) Input {
	t.Helper()
	d := SampleData("nl", Pair{"non_delivery", "eligible"}, true)
	return Input{
		Data:        d,
		From:        &mail.Address{Name: "Anna Peters", Address: "anna.peters@example.nl"},
		Subject:     "RE: Fwd: Waar blijven mijn volgers?",
		MessageID:   "<CAF=abc123@mail.gmail.com>",
		References:  []string{"root@example.nl", "<mid@example.nl>"},
		ThreadIndex: "",
		Own:         mail.Address{Name: "Klantenservice Volgersfabriek", Address: "support@volgersfabriek.nl"},
		Ref:         "HD-7K3Q9X",
		NewID:       "helpdesk.1.7k3q9x@volgersfabriek.nl",
		Date:        time.Date(2026, 11, 5, 10, 30, 0, 0, d.Location),
	}
}

// parse reads a built reply back as a receiving client would.
func parse(t testing.TB, raw []byte) (*mail.Message, string) {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("reading the reply back: %v\n%s", err, raw)
	}
	b, err := io.ReadAll(quotedprintable.NewReader(m.Body))
	if err != nil {
		t.Fatalf("decoding the body: %v", err)
	}
	return m, string(b)
}

func TestBuild(t *testing.T) {
	set := mustLoad(t)
	in := input(t)
	out, err := Build(set, in)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	m, body := parse(t, out.Raw)
	dec := new(mime.WordDecoder)
	header := func(name string) string {
		v, err := dec.DecodeHeader(m.Header.Get(name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		return v
	}
	tests := []struct{ name, want string }{
		{"From", `"Klantenservice Volgersfabriek" <support@volgersfabriek.nl>`},
		{"To", `"Anna Peters" <anna.peters@example.nl>`},
		{"Subject", "Re: Waar blijven mijn volgers? [HD-7K3Q9X]"},
		{"Date", "Thu, 05 Nov 2026 10:30:00 +0100"},
		{"Message-Id", "<helpdesk.1.7k3q9x@volgersfabriek.nl>"},
		{"In-Reply-To", "<CAF=abc123@mail.gmail.com>"},
		{"References", "<root@example.nl> <mid@example.nl> <CAF=abc123@mail.gmail.com>"},
		{"Auto-Submitted", "auto-replied"},
		{"X-Auto-Response-Suppress", "All"},
		{"Thread-Topic", "Waar blijven mijn volgers?"},
		{"Content-Language", "nl"},
		{"Content-Type", "text/plain; charset=UTF-8"},
		{"Content-Transfer-Encoding", "quoted-printable"},
		{"Mime-Version", "1.0"},
		{"Precedence", ""},
		{"User-Agent", ""},
		{"X-Mailer", ""},
		{"Bcc", ""},
		{"Cc", ""},
		{"Reply-To", ""},
	}
	for _, tt := range tests {
		if got := header(tt.name); got != tt.want {
			t.Errorf("%s: got %q; want %q", tt.name, got, tt.want)
		}
	}
	if got, want := out.Subject, "Re: Waar blijven mijn volgers? [HD-7K3Q9X]"; got != want {
		t.Errorf("Outgoing.Subject = %q; want %q", got, want)
	}
	if got, want := out.MessageID, "<helpdesk.1.7k3q9x@volgersfabriek.nl>"; got != want {
		t.Errorf("Outgoing.MessageID = %q; want %q", got, want)
	}
	if out.From != "support@volgersfabriek.nl" || out.To.Address != "anna.peters@example.nl" || out.Template != "nl/non_delivery.eligible" {
		t.Errorf("Outgoing = from %q to %q template %q; want support@volgersfabriek.nl, anna.peters@example.nl, nl/non_delivery.eligible", out.From, out.To.Address, out.Template)
	}
	idx, err := base64.StdEncoding.DecodeString(header("Thread-Index"))
	if err != nil || len(idx) != threadHeaderLen {
		t.Errorf("Thread-Index %q: %d bytes, %v; want a 22-byte header block", header("Thread-Index"), len(idx), err)
	}
	want, err := set.render("nl/non_delivery.eligible", clean(in.Data))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.ReplaceAll(body, "\r\n", "\n"); got != want {
		t.Errorf("body:\n%s\nwant:\n%s", got, want)
	}
	for i, line := range bytes.Split(out.Raw, []byte("\n")) {
		if i < bytes.Count(out.Raw, []byte("\n")) && !bytes.HasSuffix(line, []byte("\r")) {
			t.Errorf("line %d does not end in CRLF: %q", i+1, line)
		}
		if len(line) > 998 {
			t.Errorf("line %d is %d octets long; RFC 5322 allows 998", i+1, len(line))
		}
	}

	// Building twice gives the same bytes: what is recorded is what is sent.
	again, err := Build(set, in)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Raw, out.Raw) {
		t.Errorf("two builds differ:\n%s\n---\n%s", out.Raw, again.Raw)
	}
}

// TestBuildEnglish checks the language follows Data.Language, dates and
// amounts included.
func TestBuildEnglish(t *testing.T) {
	in := input(t)
	in.Data = SampleData("en", Pair{"cancel_recurring", "eligible"}, true)
	out, err := Build(mustLoad(t), in)
	if err != nil {
		t.Fatal(err)
	}
	m, body := parse(t, out.Raw)
	if got := m.Header.Get("Content-Language"); got != "en" {
		t.Errorf("Content-Language = %q; want en", got)
	}
	for _, w := range []string{"Hello Anna Peters,", "15 November 2026", "€29.99", "Kind regards,"} {
		if !strings.Contains(body, w) {
			t.Errorf("body lacks %q:\n%s", w, body)
		}
	}
}

func TestRecipient(t *testing.T) {
	anna := &mail.Address{Name: "Anna", Address: "anna@example.nl"}
	tests := []struct {
		name    string
		from    *mail.Address
		replyTo []*mail.Address
		want    string // "" means no recipient
	}{
		{"from", anna, nil, "anna@example.nl"},
		{"reply-to honoured", anna, []*mail.Address{{Address: "anna.work@example.com"}}, "anna.work@example.com"},
		{"reply-to is our own address", anna, []*mail.Address{{Address: "support@volgersfabriek.nl"}}, "anna@example.nl"},
		{"reply-to is our own address in another case", anna, []*mail.Address{{Address: "Support@VolgersFabriek.NL"}}, "anna@example.nl"},
		{"first reply-to that is not ours", anna, []*mail.Address{{Address: "SUPPORT@volgersfabriek.nl"}, {Address: "b@example.org"}, {Address: "c@example.org"}}, "b@example.org"},
		{"broken reply-to", anna, []*mail.Address{{Address: "not an address"}, nil}, "anna@example.nl"},
		{"no from, reply-to", nil, []*mail.Address{{Address: "b@example.org"}}, "b@example.org"},
		{"from is our own address", &mail.Address{Address: "support@volgersfabriek.nl"}, nil, ""},
		{"nothing", nil, nil, ""},
		{"from is no address", &mail.Address{Address: "anna"}, nil, ""},
	}
	set := mustLoad(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := input(t)
			in.From, in.ReplyTo = tt.from, tt.replyTo
			out, err := Build(set, in)
			if tt.want == "" {
				if !errors.Is(err, ErrInput) {
					t.Errorf("Build = %v; want ErrInput", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if out.To.Address != tt.want {
				t.Errorf("got %q; want %q", out.To.Address, tt.want)
			}
			m, _ := parse(t, out.Raw)
			to, err := m.Header.AddressList("To")
			if err != nil || len(to) != 1 || to[0].Address != tt.want {
				t.Errorf("To: header = %v, %v; want exactly %s", to, err, tt.want)
			}
		})
	}
}

// TestHeaderInjection: nothing a customer writes adds a header or a
// recipient.
func TestHeaderInjection(t *testing.T) {
	const evil = "\r\nBcc: evil@attacker.example\r\nX-Evil: 1"
	tests := []struct {
		name  string
		input func(*Input)
	}{
		{"subject", func(in *Input) { in.Subject = "hi\r\nBcc: x@evil" }},
		{"subject with bare LF", func(in *Input) { in.Subject = "hi\nBcc: x@evil\nX-Evil: 1" }},
		{"subject with CR only", func(in *Input) { in.Subject = "hi\rBcc: x@evil" }},
		{"subject with NUL and NEL", func(in *Input) { in.Subject = "hi\x00\u0085Bcc: x@evil\u2028X-Evil: 1" }},
		{"display name", func(in *Input) { in.From.Name = "Anna" + evil }},
		{"customer name", func(in *Input) { in.Data.CustomerName = "Anna" + evil }},
		{"order number", func(in *Input) { in.Data.Order.ID = "100234" + evil }},
		{"product", func(in *Input) { in.Data.Order.Product = "volgers" + evil }},
		{"message id", func(in *Input) { in.MessageID = "<a@b>" + evil }},
		{"references", func(in *Input) { in.References = []string{"<a@b>" + evil, "c@d\r\nX-Evil: 1"} }},
		{"in-reply-to", func(in *Input) { in.References = nil; in.InReplyTo = []string{"<a@b>" + evil} }},
		{"thread index", func(in *Input) { in.ThreadIndex = "AQHS" + evil }},
		{"reply-to name", func(in *Input) {
			in.ReplyTo = []*mail.Address{{Name: "x" + evil, Address: "anna@example.nl"}}
		}},
		{"our own name", func(in *Input) { in.Own.Name = "Shop" + evil }},
		{"shop name", func(in *Input) { in.Data.ShopName = "Shop" + evil; in.Own.Name = "" }},
	}
	set := mustLoad(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := input(t)
			o := *in.Data.Order
			in.Data.Order = &o
			tt.input(&in)
			out, err := Build(set, in)
			if err != nil {
				t.Fatalf("Build: %v", err)
			}
			checkOneRecipient(t, out)
		})
	}
}

// checkOneRecipient asserts a built reply has exactly one recipient and no
// header beyond those Build writes.
func checkOneRecipient(t testing.TB, out *Outgoing) {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(out.Raw))
	if err != nil {
		t.Fatalf("reading the reply back: %v\n%s", err, out.Raw)
	}
	allowed := map[string]bool{
		"From": true, "To": true, "Subject": true, "Date": true, "Message-Id": true, "In-Reply-To": true,
		"References": true, "Auto-Submitted": true, "X-Auto-Response-Suppress": true, "Thread-Topic": true,
		"Thread-Index": true, "Content-Language": true, "Mime-Version": true, "Content-Type": true,
		"Content-Transfer-Encoding": true,
	}
	for k, v := range m.Header {
		if !allowed[k] {
			t.Errorf("unexpected header %s: %q\n%s", k, v, out.Raw)
		}
		if len(v) != 1 {
			t.Errorf("header %s appears %d times", k, len(v))
		}
	}
	to, err := m.Header.AddressList("To")
	if err != nil || len(to) != 1 {
		t.Errorf("To: %v, %v; want exactly one address\n%s", to, err, out.Raw)
	}
	if out.To == nil || (len(to) == 1 && to[0].Address != out.To.Address) {
		t.Errorf("Outgoing.To = %v; To: header %v", out.To, to)
	}
	// The header ends at the first empty line: nothing may sneak one in.
	head, _, _ := bytes.Cut(out.Raw, []byte("\r\n\r\n"))
	sc := bufio.NewScanner(bytes.NewReader(head))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, " ") || strings.HasPrefix(line, "\t") {
			continue
		}
		name, _, ok := strings.Cut(line, ":")
		if !ok || !allowed[textproto.CanonicalMIMEHeaderKey(name)] {
			t.Errorf("header line %q is not one Build writes", line)
		}
	}
}

func TestBaseSubject(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Waar blijven mijn volgers?", "Waar blijven mijn volgers?"},
		{"Re: Waar blijven mijn volgers?", "Waar blijven mijn volgers?"},
		{"RE: Re: re: AW: Aw: Antw: Fwd: FW: Fw: Doorst: WG: SV: TR: Vraag", "Vraag"},
		{"Re[2]: Re(3): RE : Vraag", "Vraag"},
		{"Antwoord: Vraag", "Vraag"},
		{"Re: Vraag [HD-7K3Q9X]", "Vraag"},
		{"Re: [HD-7K3Q9X] Re: Vraag [hd-abc] [HD-DEF]", "Vraag"},
		{"[HD-7K3Q9X]", ""},
		{"Re:", ""},
		{"  ", ""},
		{"Re: Vraag\r\nBcc: x@evil", "Vraag Bcc: x@evil"},
		{"Re: Vraag  over\tbestelling", "Vraag over bestelling"},
		{"Reactie op bestelling", "Reactie op bestelling"},
		{"Refund please", "Refund please"},
		{"Fwd bestelling", "Fwd bestelling"},
		{"[EXTERN] Re: Vraag", "[EXTERN] Re: Vraag"},
		{"Re: \u202eevil\u202c text", "evil text"},
		{"Re:\xffbad", "\uFFFDbad"},
		{"Re：Vraag", "Vraag"},
	}
	for _, tt := range tests {
		if got := BaseSubject(tt.in); got != tt.want {
			t.Errorf("BaseSubject(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
	long := strings.Repeat("woord ", 100)
	if got := BaseSubject(long); len([]rune(got)) > maxSubject+1 || !strings.HasSuffix(got, "woord…") {
		t.Errorf("BaseSubject(long) = %q (%d characters); want at most %d ending in a whole word and …", got, len([]rune(got)), maxSubject+1)
	}
}

func TestReferences(t *testing.T) {
	var many []string
	for i := range 30 {
		many = append(many, "<id"+string(rune('a'+i%26))+string(rune('a'+i/26))+"@x>")
	}
	tests := []struct {
		name      string
		refs, irt []string
		parent    string
		want      []string
	}{
		{"references then parent", []string{"a@x", "<b@x>"}, nil, "p@x", []string{"a@x", "b@x", "p@x"}},
		{"one field with several ids", []string{"<a@x> <b@x>\r\n <c@x>"}, nil, "p@x", []string{"a@x", "b@x", "c@x", "p@x"}},
		{"in-reply-to when no references", nil, []string{"<i@x>"}, "p@x", []string{"i@x", "p@x"}},
		{"in-reply-to with two ids is not used", nil, []string{"<i@x> <j@x>"}, "p@x", []string{"p@x"}},
		{"references win over in-reply-to", []string{"a@x"}, []string{"i@x"}, "p@x", []string{"a@x", "p@x"}},
		{"no parent id", []string{"a@x"}, nil, "", []string{"a@x"}},
		{"nothing", nil, nil, "", nil},
		{"duplicates once", []string{"a@x", "a@x", "p@x"}, nil, "p@x", []string{"a@x", "p@x"}},
		{"broken ids dropped", []string{"a@x", "\x00bad@x", "ünï@x"}, nil, "p@x", []string{"a@x", "p@x"}},
		{"capped keeping first and last", many, nil, "p@x",
			append([]string{"idaa@x"}, append(trim(many[len(many)-18:]), "p@x")...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := references(tt.refs, tt.irt, tt.parent)
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %v; want %v", got, tt.want)
			}
			if len(got) > maxReferences {
				t.Errorf("%d ids; want at most %d", len(got), maxReferences)
			}
		})
	}
}

func trim(ids []string) []string {
	var out []string
	for _, id := range ids {
		out = append(out, strings.Trim(id, "<>"))
	}
	return out
}

func TestThreadIndex(t *testing.T) {
	now := time.Date(2026, 11, 5, 10, 30, 0, 0, time.UTC)
	fresh := ThreadIndex("", now, "a@x")
	b, err := base64.StdEncoding.DecodeString(fresh)
	if err != nil || len(b) != threadHeaderLen {
		t.Fatalf("new Thread-Index %q: %d bytes, %v; want 22", fresh, len(b), err)
	}
	if b[0] != 0x01 {
		t.Errorf("first byte %#x; want 0x01", b[0])
	}
	head := binary.BigEndian.Uint64(append([]byte{0, 0}, b[:6]...)) << 16
	if got := time.Unix(0, int64(head-filetimeUnixEpoch)*100).UTC(); now.Sub(got) < 0 || now.Sub(got) > time.Second {
		t.Errorf("header time %v; want %v (to 6.5 ms)", got, now)
	}
	if again := ThreadIndex("", now, "a@x"); again != fresh {
		t.Errorf("same seed gave %q and %q", fresh, again)
	}
	if other := ThreadIndex("", now, "b@x"); other == fresh {
		t.Errorf("different seeds gave the same %q", fresh)
	}

	// A reply a day later appends one child block to the parent's index.
	later := now.Add(24 * time.Hour)
	child := ThreadIndex(fresh, later, "c@x")
	c, err := base64.StdEncoding.DecodeString(child)
	if err != nil || len(c) != threadHeaderLen+threadChildLen || !bytes.Equal(c[:threadHeaderLen], b) {
		t.Fatalf("child %q: %d bytes, %v; want the parent's 22 bytes and 5 more", child, len(c), err)
	}
	block := binary.BigEndian.Uint32(c[22:26])
	if block>>31 != 0 {
		t.Errorf("DC bit set for a one-day delta")
	}
	delta := time.Duration(uint64(block&(1<<31-1))<<18) * 100
	if d := 24*time.Hour - delta; d < 0 || d > 30*time.Millisecond {
		t.Errorf("child delta %v; want 24h (to 26 ms)", delta)
	}
	grandchild := ThreadIndex(child, later.Add(time.Hour), "d@x")
	if g, _ := base64.StdEncoding.DecodeString(grandchild); len(g) != 32 || !bytes.Equal(g[:27], c) {
		t.Errorf("grandchild %q does not extend the child", grandchild)
	}

	// Years later the delta no longer fits bits 18..48: DC=1, bits 23..53.
	far := ThreadIndex(fresh, now.Add(3*365*24*time.Hour), "e@x")
	if f, _ := base64.StdEncoding.DecodeString(far); len(f) != 27 || f[22]>>7 != 1 {
		t.Errorf("three years on: %x; want a child block with DC=1", f)
	}

	for _, bad := range []string{"not base64!", "AQID", base64.StdEncoding.EncodeToString(make([]byte, 25)), strings.Repeat("A", 1000)} {
		got, _ := base64.StdEncoding.DecodeString(ThreadIndex(bad, now, "a@x"))
		if len(got) != threadHeaderLen {
			t.Errorf("parent %.20q: got %d bytes; want a new 22-byte index", bad, len(got))
		}
	}
	// Real Outlook values carry no padding trouble; unpadded ones are read too.
	unpadded := strings.TrimRight(fresh, "=")
	if got, _ := base64.StdEncoding.DecodeString(ThreadIndex(unpadded, later, "c@x")); len(got) != 27 {
		t.Errorf("unpadded parent not extended: %d bytes", len(got))
	}
}

func TestBuildErrors(t *testing.T) {
	set := mustLoad(t)
	tests := []struct {
		name  string
		input func(*Input)
		want  error
	}{
		{"decision sends no mail", func(in *Input) { in.Data.Category, in.Data.Outcome = "auto", "ignore" }, ErrNoTemplate},
		{"dissatisfied is never eligible", func(in *Input) { in.Data.Category = "dissatisfied" }, ErrNoTemplate},
		{"unknown template", func(in *Input) { in.Template = "nope" }, ErrNoTemplate},
		{"no shop name", func(in *Input) { in.Data.ShopName = " \r\n" }, ErrInput},
		{"new id without @", func(in *Input) { in.NewID = "abc" }, ErrInput},
		{"new id with space", func(in *Input) { in.NewID = "a b@c" }, ErrInput},
		{"no token", func(in *Input) { in.Ref = "" }, ErrInput},
		{"token without prefix", func(in *Input) { in.Ref = "7K3Q9X" }, ErrInput},
		{"token with a bracket", func(in *Input) { in.Ref = "HD-1] Bcc: x" }, ErrInput},
		{"own address broken", func(in *Input) { in.Own.Address = "support" }, ErrInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := input(t)
			tt.input(&in)
			if _, err := Build(set, in); !errors.Is(err, tt.want) {
				t.Errorf("Build = %v; want %v", err, tt.want)
			}
		})
	}
	if _, err := Build(nil, input(t)); !errors.Is(err, ErrNoTemplate) {
		t.Errorf("Build(nil set) = %v; want ErrNoTemplate", err)
	}
}

// TestEmptySubject: a mail without a subject gets the language's default.
func TestEmptySubject(t *testing.T) {
	set := mustLoad(t)
	for lang, want := range map[string]string{"nl": "Re: Je bericht aan Volgersfabriek [HD-7K3Q9X]", "en": "Re: Your message to Volgersfabriek [HD-7K3Q9X]"} {
		in := input(t)
		in.Data.Language, in.Subject = lang, "Re: "
		out, err := Build(set, in)
		if err != nil {
			t.Fatal(err)
		}
		if out.Subject != want {
			t.Errorf("%s: got %q; want %q", lang, out.Subject, want)
		}
	}
}

// TestNonASCIIHeaders: names and subjects outside ASCII are RFC 2047
// encoded and read back intact.
func TestNonASCIIHeaders(t *testing.T) {
	in := input(t)
	in.Subject = "Bestelling niet ontvangen 😟 – waar blijft mijn pakket met extra lange omschrijving die gevouwen moet worden"
	in.From = &mail.Address{Name: "Zoë Ørsted-Çelik", Address: "zoe@example.nl"}
	in.Data.CustomerName = in.From.Name
	out, err := Build(mustLoad(t), in)
	if err != nil {
		t.Fatal(err)
	}
	checkOneRecipient(t, out)
	m, body := parse(t, out.Raw)
	subj, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil || subj != "Re: "+in.Subject+" [HD-7K3Q9X]" {
		t.Errorf("Subject read back %q, %v; want %q", subj, err, "Re: "+in.Subject+" [HD-7K3Q9X]")
	}
	to, err := m.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Name != "Zoë Ørsted-Çelik" {
		t.Errorf("To read back %v, %v", to, err)
	}
	if !strings.Contains(body, "Hallo Zoë Ørsted-Çelik,") {
		t.Errorf("greeting lacks the name:\n%s", body)
	}
}

// FuzzBuild: whatever the customer's headers hold, the reply has exactly
// one recipient and only the headers Build writes. Seeds come from the
// corpus mails when /work/shared is there.
func FuzzBuild(f *testing.F) {
	f.Add("Re: Waar blijven mijn volgers?", "Anna", "<a@b>", "<r@b>", "", "Anna")
	f.Add("hi\r\nBcc: x@evil", "x\r\nBcc: y@evil", "<a@b>\r\nCc: z@evil", "\n", "AQHS\r\n", "\r\n")
	f.Add("=?utf-8?q?Re=3A_hi?=", "\"quoted\" <x>", "", "", "////", "")
	for _, s := range corpusSubjects(f) {
		f.Add(s, "", "", "", "", "")
	}
	set := mustLoad(f)
	f.Fuzz(func(t *testing.T, subject, name, msgID, refs, threadIndex, customer string) {
		in := input(t)
		in.Subject, in.From.Name, in.MessageID, in.References, in.ThreadIndex = subject, name, msgID, []string{refs}, threadIndex
		in.Data.CustomerName = customer
		out, err := Build(set, in)
		if err != nil {
			t.Fatalf("Build: %v", err)
		}
		checkOneRecipient(t, out)
	})
}

// corpusSubjects reads the Subject lines of the labelled corpora, if present.
func corpusSubjects(t testing.TB) []string {
	wd, err := os.Getwd()
	if err != nil {
		return nil
	}
	shared := filepath.Join(filepath.Dir(filepath.Dir(filepath.Dir(wd))), "shared")
	files, _ := filepath.Glob(filepath.Join(shared, "corpus", "*", "mail", "*.eml"))
	var subjects []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		m, err := mail.ReadMessage(bytes.NewReader(b))
		if err != nil {
			continue
		}
		subjects = append(subjects, m.Header.Get("Subject"))
	}
	return subjects
}

func BenchmarkBuild(b *testing.B) {
	set := mustLoad(b)
	in := input(b)
	for b.Loop() {
		if _, err := Build(set, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(""); err != nil {
			b.Fatal(err)
		}
	}
}
