package send

import (
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"net/mail"
	"testing"
	"time"

	"helpdesk/internal/reply"
	"helpdesk/internal/testenv"
)

// TestRealPostfix submits a built reply through real Postfix (STARTTLS,
// AUTH through Dovecot SASL) and reads it back over IMAP: the bytes arrive
// unchanged under the headers the servers add. Runs when .ci/mailservers.sh
// runs (HELPDESK_TEST_REAL=1), as in CI.
func TestRealPostfix(t *testing.T) {
	srv := testenv.Real(t)
	customer := srv.NewUser(t)
	set, err := reply.Load("")
	if err != nil {
		t.Fatal(err)
	}
	id := fmt.Sprintf("helpdesk.%d.real@volgersfabriek.nl", time.Now().UnixNano())
	out, err := reply.Build(set, reply.Input{
		Data:      reply.SampleData("nl", reply.Pair{Category: "cancel_recurring", Outcome: "expired"}, true),
		From:      &mail.Address{Name: "Jan de Vries", Address: customer.Address},
		Subject:   "Opzeggen abonnement",
		MessageID: "<CAJ123@mail.example.nl>",
		Own:       mail.Address{Name: "Klantenservice Volgersfabriek", Address: srv.Support.Address},
		Ref:       "HD-REAL1",
		NewID:     id,
	})
	if err != nil {
		t.Fatal(err)
	}
	s := sender(t, Options{Address: srv.SMTPAddr, TLSConfig: srv.TLSConfig(), Username: srv.Support.Address, Password: srv.Support.Password, Timeout: 30 * time.Second})
	if err := s.Send(t.Context(), out.From, []string{out.To.Address}, out.Raw); err != nil {
		t.Fatalf("Send: %v", err)
	}
	for _, m := range srv.Await(t, customer, "INBOX", 1) {
		if m.MessageID != id {
			continue
		}
		if !bytes.HasSuffix(m.Raw, out.Raw) {
			t.Errorf("delivered message does not end with the bytes sent:\n%s\n--- sent:\n%s", m.Raw, out.Raw)
		}
		if m.Subject != out.Subject {
			t.Errorf("Subject: got %q; want %q", m.Subject, out.Subject)
		}
		return
	}
	t.Errorf("message %s not in %s's INBOX", id, customer.Address)
}

// TestRealPostfixRefusals: what real Postfix refuses is classified as a
// person's job, not retried.
func TestRealPostfixRefusals(t *testing.T) {
	srv := testenv.Real(t)
	to := srv.RandomAddress(t, "example.nl")
	tests := []struct {
		name      string
		opts      Options
		wantStage Stage
	}{
		{"wrong password", Options{Username: srv.Support.Address, Password: "wrong"}, StageAuth},
		// Postfix offers AUTH only after STARTTLS: the explicit no-TLS mode
		// finds no AUTH and sends nothing.
		{"no tls", Options{TLS: NoTLS, Username: srv.Support.Address, Password: srv.Support.Password}, StageAuth},
		{"implicit tls on the STARTTLS port", Options{TLS: Implicit, Username: srv.Support.Address, Password: srv.Support.Password}, StageTLS},
		{"certificate not trusted", Options{TLSConfig: &tls.Config{}, Username: srv.Support.Address, Password: srv.Support.Password}, StageTLS},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.opts
			o.Address, o.Timeout = srv.SMTPAddr, 30*time.Second
			if o.TLSConfig == nil {
				o.TLSConfig = srv.TLSConfig()
			}
			err := sender(t, o).Send(t.Context(), srv.Support.Address, []string{to}, message)
			var e *Error
			if !IsPermanent(err) || !errors.As(err, &e) || e.Stage != tt.wantStage {
				t.Errorf("got %s %v; want a permanent error at %s", kind(err), err, tt.wantStage)
			}
		})
	}
}
