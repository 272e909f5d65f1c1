package daemon_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"helpdesk/internal/daemon"
	"helpdesk/internal/message"
	"helpdesk/internal/policy"
)

// hostileMail is a mail built to break a mail reader, and what the daemon
// must make of it.
type hostileMail struct {
	name string
	raw  string
	// outcome is policy.Human, or policy.Ignore for machine mail; mail
	// still readable may get also another outcome.
	outcome policy.Outcome
	also    policy.Outcome
	reason  string // a substring of the reasons
}

// mimeMail is a mail from a stranger with the given MIME header lines and
// body (LF line ends; deliver makes them CRLF).
func mimeMail(id, subject, header, body string) string {
	return fmt.Sprintf("From: Onbekend <mallory@example.net>\nTo: %s\nSubject: %s\nDate: Thu, 05 Nov 2026 10:00:00 +0100\nMessage-ID: <%s>\nMIME-Version: 1.0\n%s\n%s", support, subject, id, header, body)
}

func hostileMails() []hostileMail {
	b64 := strings.Repeat("SGFsbG8sIGhpZXIgaXMgZGUgc2NyZWVuc2hvdCB2YW4gbWlqbiBiZXN0ZWxsaW5nIDEwMDIzNC4u\n", 3<<20/77)
	var nested strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&nested, "--b%d\nContent-Type: multipart/mixed; boundary=b%d\n\n", i, i+1)
	}
	nested.WriteString("--b1000\nContent-Type: text/plain\n\nIk wil mijn geld terug voor bestelling 100234.\n")
	garbage := make([]byte, 512<<10)
	_, _ = rand.NewChaCha8([32]byte{7}).Read(garbage)

	return []hostileMail{
		{
			name: "3 MB, over the 1 MB limit",
			raw: mimeMail("big@example.net", "Screenshot", "Content-Type: multipart/mixed; boundary=b\n",
				"--b\nContent-Type: text/plain\n\nIk wil mijn geld terug, zie bijlage.\n--b\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\n"+b64+"--b--\n"),
			outcome: policy.Human, reason: "larger than the size limit of 1048576 bytes",
		},
		{
			name: "10,000 parts",
			raw: mimeMail("parts@example.net", "Delen", "Content-Type: multipart/mixed; boundary=b\n",
				strings.Repeat("--b\nContent-Type: text/plain\n\ndeel\n", 10000)+"--b--\n"),
			outcome: policy.Human, reason: "MaxParts",
		},
		{
			name:    "1,000 levels of multipart",
			raw:     mimeMail("deep@example.net", "Diep", "Content-Type: multipart/mixed; boundary=b0\n", nested.String()),
			outcome: policy.Human, reason: "MaxDepth",
		},
		{
			name:    "600 KB header line",
			raw:     mimeMail("hdr@example.net", "Kop", "X-Long: "+strings.Repeat("x", 600<<10)+"\nContent-Type: text/plain\n", "Geld terug voor 100234 graag.\n"),
			outcome: policy.Human, reason: "header over MaxHeaderSize",
		},
		{
			name: "600 KB part header",
			raw: mimeMail("parthdr@example.net", "Deelkop", "Content-Type: multipart/mixed; boundary=b\n",
				"--b\nContent-Type: text/plain\n\nGeld terug voor 100234.\n--b\n"+strings.Repeat("X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", 600<<10/46)+"\nx\n--b--\n"),
			outcome: policy.Human, reason: "part header over MaxHeaderSize",
		},
		{
			name: "NUL bytes in header and body",
			// Without its NUL bytes the mail reads well: it is decided
			// as any other (a question without an order number).
			raw:     mimeMail("nul@example.net", "Nul\x00bytes", "X-Nul: \x00\x00\nContent-Type: text/plain\n", "Waar\x00 is\x00 mijn\x00 bestelling?\n"),
			outcome: policy.NeedOrder,
		},
		{
			name: "broken base64",
			// message.Read marks it Damaged; until the policy reads that,
			// the readable start decides (asking for the order number).
			raw:     mimeMail("b64@example.net", "Kapot", "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n", "V2FhciBibGlqZnQgbWlqbiBiZXN0ZWxsaW5nPw==\n!!!***\n"),
			outcome: policy.Human, also: policy.NeedOrder,
		},
		{
			name:    "broken quoted-printable",
			raw:     mimeMail("qp@example.net", "Kapot", "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n", "Caf=E9 =ZZ =\n=3\n"),
			outcome: policy.Human,
		},
		{
			name:    "unknown charsets",
			raw:     mimeMail("cs@example.net", "=?x-klingon?Q?Qapla=E9?=", "Content-Type: text/plain; charset=x-klingon\n", "Caf\xe9 nIvb\xe9\n"),
			outcome: policy.Human,
		},
		{
			name:    "HTML of 150,000 nested tags",
			raw:     mimeMail("html@example.net", "Opmaak", "Content-Type: text/html\n", strings.Repeat("<div>", 150000)+"diep\n"),
			outcome: policy.Human,
		},
		{
			name:    "only a header",
			raw:     "From: Onbekend <mallory@example.net>\nTo: " + support + "\nSubject: Alleen een kop\nMessage-ID: <kop@example.net>\n",
			outcome: policy.Human,
		},
		{
			// The demo IMAP server (go-imap's imapmemserver) returns an
			// empty BODY[] for a mail without a readable header: the
			// daemon sets the mail aside unread.
			name:    "binary garbage",
			raw:     string(garbage),
			outcome: policy.Human, reason: "the mail could not be read",
		},
		{
			name:    "binary garbage under a header",
			raw:     mimeMail("ruis@example.net", "Ruis", "Content-Type: text/plain\n", string(garbage)),
			outcome: policy.Human,
		},
		{
			name: "a bounce of 10,000 parts",
			raw: "From: Mail Delivery System <MAILER-DAEMON@example.net>\nTo: " + support + "\nSubject: Undelivered Mail Returned to Sender\nMessage-ID: <dsn@example.net>\nAuto-Submitted: auto-replied\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n" +
				strings.Repeat("--b\nContent-Type: text/plain\n\ndeel\n", 10000) + "--b--\n",
			outcome: policy.Ignore, reason: "machine mail",
		},
	}
}

// TestHostileMailBetweenCustomers delivers hostile mail between ordinary
// refund requests: each hostile mail goes to a person with the reason (or
// is filed as machine mail), the daemon goes on, and every customer after
// it is answered.
func TestHostileMailBetweenCustomers(t *testing.T) {
	e := newEnv(t, func(o *daemon.Options) { o.Limits = message.Limits{MaxSize: 1 << 20} })
	ctx := context.Background()
	hostile := hostileMails()
	var orders strings.Builder
	orders.WriteString("order_id,email,product,placed_at,amount_cents,currency,recurring,last_payment_at,status\n")
	for i := range hostile {
		fmt.Fprintf(&orders, "2001%02d,klant%02d@example.nl,1000 Instagram volgers,2026-11-02T14:05:00+01:00,1495,EUR,false,,processing\n", i, i)
	}
	if _, err := e.st.ImportOrdersCSV(ctx, strings.NewReader(orders.String())); err != nil {
		t.Fatal(err)
	}

	at := time.Date(2026, 11, 5, 10, 0, 0, 0, ams)
	for i, h := range hostile {
		if err := e.srv.Deliver(support, []byte(strings.ReplaceAll(h.raw, "\n", "\r\n")), at); err != nil {
			t.Fatalf("%s: %v", h.name, err)
		}
		e.deliver(mailFrom(fmt.Sprintf("Klant <klant%02d@example.nl>", i), fmt.Sprintf("klant%02d@example.nl", i), "Niks ontvangen",
			fmt.Sprintf("Hoi, ik heb mijn 1000 volgers van bestelling 2001%02d nog steeds niet ontvangen.", i)), at)
		at = at.Add(time.Minute)
	}

	rep := e.poll()
	if len(rep.Mails) != 2*len(hostile) {
		t.Fatalf("got %d mails handled; want %d", len(rep.Mails), 2*len(hostile))
	}
	for i, h := range hostile {
		got, customer := rep.Mails[2*i], rep.Mails[2*i+1]
		t.Run(h.name, func(t *testing.T) {
			reasons := strings.Join(got.Reasons, "\n")
			t.Logf("%s: %s", got.Outcome, reasons)
			if got.Outcome != h.outcome && (h.also == "" || got.Outcome != h.also) || !strings.Contains(reasons, h.reason) {
				t.Errorf("got %s, reasons:\n%s\nwant %s with %q", got.Outcome, reasons, h.outcome, h.reason)
			}
			if got.Panicked {
				t.Errorf("the program failed on it: %s", reasons)
			}
			if customer.Outcome != policy.Eligible {
				t.Errorf("the customer after it: got %s; want eligible\n%s", customer.Outcome, strings.Join(customer.Reasons, "\n"))
			}
		})
	}
	// Every customer is answered; a hostile mail at most asked for its
	// order number.
	wantPerson, wantIgnored, wantSent := 0, 0, len(hostile)
	for i := range hostile {
		switch rep.Mails[2*i].Outcome {
		case policy.Human:
			wantPerson++
		case policy.Ignore:
			wantIgnored++
		case policy.NeedOrder:
			wantSent++
		}
	}
	if rep.Sent != wantSent {
		t.Errorf("got %d sent; want %d", rep.Sent, wantSent)
	}
	for _, dl := range e.srv.Received() {
		if to := dl.To[0]; !strings.HasPrefix(to, "klant") && to != "mallory@example.net" {
			t.Errorf("a reply went to %s; want replies to the senders only", to)
		}
	}

	// The mail for a person stays in the INBOX, flagged; machine mail is
	// filed with the ignored mail.
	f := e.folders(support)
	if len(f["INBOX"]) != wantPerson {
		t.Errorf("INBOX holds %d mails; want the %d hostile ones for a person", len(f["INBOX"]), wantPerson)
	}
	for _, m := range f["INBOX"] {
		if !hasFlag(m.Flags, `\Flagged`) || !hasFlag(m.Flags, "Helpdesk-Person") {
			t.Errorf("%q in the INBOX has flags %v; want flagged for a person", m.Subject, m.Flags)
		}
	}
	if got := len(f["Helpdesk/Genegeerd"]); got != wantIgnored {
		t.Errorf("got %d mails filed as ignored; want %d", got, wantIgnored)
	}
	if rep := e.poll(); len(rep.Mails) != 0 {
		t.Errorf("a second poll handled %d mails; want none", len(rep.Mails))
	}
}
