package daemon_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"helpdesk/internal/daemon"
	"helpdesk/internal/message"
	"helpdesk/internal/policy"
	"helpdesk/internal/send"
)

// TestAutoResponderExchangeStops puts an auto-responder on the other side
// that answers every mail with a new complaint (no threading headers, no
// RFC 3834 marks): the exchange stops at the per-address limit.
func TestAutoResponderExchangeStops(t *testing.T) {
	e := newEnv(t, nil)
	at := time.Date(2026, 11, 5, 10, 0, 0, 0, ams)
	e.deliver(mailFrom("Robot <robot@example.org>", "r0@example.org", "Niks ontvangen", "Mijn volgers zijn nog steeds niet binnen."), at)
	answered := 0
	for round := range 10 {
		e.poll()
		got := e.srv.Received()
		if len(got) == answered {
			break // we did not answer: the exchange is over
		}
		answered = len(got)
		// The responder answers our latest mail.
		e.deliver(mailFrom("Robot <robot@example.org>", fmt.Sprintf("r%d@example.org", round+1), fmt.Sprintf("Bericht %d ontvangen", round+1),
			"Bedankt voor uw bericht. Mijn volgers zijn nog steeds niet binnen."), at.Add(time.Duration(round+1)*time.Minute))
	}
	if answered != 3 {
		t.Fatalf("got %d automatic mails to the auto-responder; want the limit of 3", answered)
	}
	inbox := e.folders(support)["INBOX"]
	if len(inbox) != 1 || !hasFlag(inbox[0].Flags, "Helpdesk-Limit") {
		t.Errorf("the mail over the limit waits for a person: %+v", inbox)
	}
}

// TestBounceOfOurReply: a DSN of one of our replies is tied to its thread by
// the returned original's Message-ID; the thread goes to a person once and
// the address gets no more automatic mail.
func TestBounceOfOurReply(t *testing.T) {
	e := newEnv(t, nil)
	at := time.Date(2026, 11, 5, 10, 0, 0, 0, ams)
	e.deliver(mailFrom("Anna <anna@example.nl>", "a1@example.nl", "Nog niks ontvangen", "Bestelling 100234 is nog steeds niet ontvangen."), at)
	e.poll()
	sent, err := message.Read(bytes.NewReader(e.srv.Received()[0].Raw), message.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dsn := func(id string) string {
		return strings.ReplaceAll(`From: MAILER-DAEMON@mx.example.nl (Mail Delivery System)
To: `+support+`
Subject: Undelivered Mail Returned to Sender
Message-ID: <`+id+`@mx.example.nl>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

I'm sorry to have to inform you that your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.nl

Final-Recipient: rfc822; anna@example.nl
Action: failed
Status: 5.1.1

--B
Content-Type: text/rfc822-headers

From: Volgersfabriek <`+support+`>
To: anna@example.nl
Message-ID: <`+sent.MessageID+`>
Subject: `+sent.Subject+`

--B--
`, "\n", "\r\n")
	}
	e.deliver(dsn("dsn1"), at.Add(time.Hour))
	rep := e.poll()
	if h := rep.Mails[0]; h.Category != "auto" || h.Outcome != policy.Human {
		t.Fatalf("bounce: got %s/%s; want auto/human\n%s", h.Category, h.Outcome, strings.Join(h.Reasons, "\n"))
	}
	inbox := e.folders(support)["INBOX"]
	if len(inbox) != 1 || !hasFlag(inbox[0].Flags, "Helpdesk-Bounce") {
		t.Fatalf("the bounce waits for a person: %+v", inbox)
	}
	why, err := e.st.Suppressed(context.Background(), "anna@example.nl")
	if err != nil || why == "" {
		t.Fatalf("the address is not suppressed: %q, %v", why, err)
	}
	// A second bounce in the same thread is filed; no second flag.
	e.deliver(dsn("dsn2"), at.Add(2*time.Hour))
	if h := e.poll().Mails[0]; h.Outcome != policy.Ignore {
		t.Errorf("second bounce: got %s; want ignore", h.Outcome)
	}
	// New mail from the address gets no automatic answer.
	e.deliver(mailFrom("Anna <anna@example.nl>", "a2@example.nl", "Opnieuw", "Bestelling 100234 is nog steeds niet ontvangen!"), at.Add(3*time.Hour))
	if h := e.poll().Mails[0]; h.Outcome != policy.Human {
		t.Errorf("mail from a bounced address: got %s; want human", h.Outcome)
	}
	if n := len(e.srv.Received()); n != 1 {
		t.Errorf("got %d automatic mails; want 1", n)
	}
}

// TestWrongSMTPPasswordStops: refused credentials stop the daemon with one
// clear error; the reply waits in the outbox and the mail is not handed to
// a person for a fault of ours.
func TestWrongSMTPPasswordStops(t *testing.T) {
	e := newEnv(t, nil)
	// Point a sender with a wrong password at the demo SMTP server.
	bad, err := send.New(send.Options{Address: e.srv.SMTPAddr, TLS: send.NoTLS, Username: support, Password: "wrong", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	o := e.opts
	o.Sender = bad
	d, err := daemon.New(o)
	if err != nil {
		t.Fatal(err)
	}
	e.deliver(mailFrom("Anna <anna@example.nl>", "a1@example.nl", "Nog niks ontvangen", "Bestelling 100234 is nog steeds niet ontvangen."), time.Date(2026, 11, 5, 10, 0, 0, 0, ams))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = d.Run(ctx, "@every 1s")
	if !errors.Is(err, daemon.ErrSubmission) {
		t.Fatalf("Run: got %v; want ErrSubmission", err)
	}
	if ctx.Err() != nil {
		t.Fatal("Run kept polling instead of stopping")
	}
	due, _ := e.st.DueOutbox(context.Background(), time.Now().Add(time.Minute))
	if len(due) != 1 {
		t.Errorf("got %d replies waiting; want 1", len(due))
	}
	inbox := e.folders(support)["INBOX"]
	if len(inbox) != 1 || hasFlag(inbox[0].Flags, `\Flagged`) {
		t.Errorf("the mail waits unflagged in INBOX: %+v", inbox)
	}
}
