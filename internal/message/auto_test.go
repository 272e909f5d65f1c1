package message

import (
	"strings"
	"testing"
)

func TestAutoSignals(t *testing.T) {
	tests := []struct {
		name   string
		header []string
		want   string // a piece of the first signal; "" means no signal
	}{
		{"person", []string{"From: Anna <anna@example.nl>", "Subject: Waar blijft mijn bestelling?"}, ""},
		{"auto-submitted", []string{"From: a@example.nl", "Auto-Submitted: auto-replied; owner-email=a@example.nl"}, "Auto-Submitted: auto-replied (RFC 3834)"},
		{"auto-submitted no", []string{"From: a@example.nl", "Auto-Submitted: no"}, ""},
		{"x-autoreply", []string{"From: a@example.nl", "X-Autoreply: yes"}, "X-Autoreply: yes"},
		{"x-autorespond", []string{"From: a@example.nl", "X-Autorespond: on"}, "X-Autorespond"},
		{"exchange suppress alone", []string{"From: a@example.nl", "X-Auto-Response-Suppress: All"}, ""},
		{"exchange auto-reply", []string{"From: a@example.nl", "X-Auto-Response-Suppress: All", "Auto-Submitted: auto-generated"}, "Auto-Submitted: auto-generated"},
		{"precedence bulk", []string{"From: a@example.nl", "Precedence: bulk"}, "Precedence: bulk"},
		{"precedence auto_reply", []string{"From: a@example.nl", "Precedence: auto_reply"}, "Precedence: auto_reply"},
		{"precedence first-class", []string{"From: a@example.nl", "Precedence: first-class"}, ""},
		{"list-id", []string{"From: a@example.nl", "List-Id: <l.example.org>"}, "List-Id"},
		{"list-unsubscribe", []string{"From: a@example.nl", "List-Unsubscribe: <mailto:u@example.org>"}, "List-Unsubscribe"},
		{"null return-path", []string{"Return-Path: <>", "From: a@example.nl"}, "Return-Path: <>"},
		{"mailer-daemon", []string{"From: MAILER-DAEMON@mx.example.nl"}, "machine sender"},
		{"postmaster", []string{"From: Mail Delivery System <postmaster@example.nl>"}, "machine sender"},
		{"noreply", []string{"From: Shop <noreply@shop.example>"}, "machine sender"},
		{"no-reply", []string{"From: no-reply@accounts.example"}, "machine sender"},
		{"donotreply", []string{"From: DoNotReply@bank.example"}, "machine sender"},
		{"do-not-reply", []string{"From: do-not-reply@bank.example"}, "machine sender"},
		{"bounces", []string{"From: bounces+123@mail.example"}, "machine sender"},
		{"notifications", []string{"From: notifications@github.example"}, "machine sender"},
		{"ooo nl", []string{"From: a@example.nl", "Subject: Afwezigheidsbericht: Re: je bestelling"}, "out-of-office"},
		{"automatisch antwoord", []string{"From: a@example.nl", "Subject: Automatisch antwoord: Re: bestelling"}, "out-of-office"},
		{"ooo en", []string{"From: a@example.nl", "Subject: Out of Office: Re: Order"}, "out-of-office"},
		{"automatic reply", []string{"From: a@example.nl", "Subject: Automatic reply: Order"}, "out-of-office"},
		{"ooo de", []string{"From: a@example.de", "Subject: Abwesenheitsnotiz: Bestellung"}, "out-of-office"},
		{"automatische antwort", []string{"From: a@example.de", "Subject: Automatische Antwort: Bestellung"}, "out-of-office"},
		{"ooo fr", []string{"From: a@example.fr", "Subject: Réponse automatique : commande"}, "out-of-office"},
		{"absence fr", []string{"From: a@example.fr", "Subject: Absence : commande"}, "out-of-office"},
		{"bounce postfix", []string{"From: a@example.nl", "Subject: Undelivered Mail Returned to Sender"}, "delivery failure"},
		{"bounce gmail", []string{"From: a@example.nl", "Subject: Delivery Status Notification (Failure)"}, "delivery failure"},
		{"bounce exchange", []string{"From: a@example.nl", "Subject: Undeliverable: Re: order"}, "delivery failure"},
		{"bounce exchange nl", []string{"From: a@example.nl", "Subject: Onbestelbaar: RE: order"}, "delivery failure"},
		{"bounce exim", []string{"From: a@example.nl", "Subject: Mail delivery failed: returning message to sender"}, "delivery failure"},
		{"bounce qmail", []string{"From: a@example.nl", "Subject: failure notice"}, "delivery failure"},
		{"bounce sendmail", []string{"From: a@example.nl", "Subject: Returned mail: see transcript for details"}, "delivery failure"},
		// Customers' words that must not look like machine mail.
		{"customer absence", []string{"From: a@example.nl", "Subject: Absence of followers after 3 days"}, ""},
		{"customer not delivered", []string{"From: a@example.nl", "Subject: Order not delivered"}, ""},
		{"customer niet bezorgd", []string{"From: a@example.nl", "Subject: Mijn volgers zijn niet bezorgd"}, ""},
		{"customer automatic renewal", []string{"From: a@example.nl", "Subject: Automatic renewal stoppen"}, ""},
		{"customer afwezig", []string{"From: a@example.nl", "Subject: Ik was afwezig, waar is mijn order"}, ""},
		{"customer returned", []string{"From: a@example.nl", "Subject: Returned my order?"}, ""},
		{"customer named bounce", []string{"From: Anna <anna.bouncer@example.nl>"}, ""},
		{"customer reply-to", []string{"From: a@example.nl", "Reply-To: noreply@example.nl"}, ""},
		{"customer replying to an auto-reply", []string{"From: a@example.nl", "Subject: Re: Automatic reply: Order 100234"}, ""},
		{"customer in-reply-to", []string{"From: a@example.nl", "In-Reply-To: <x@volgersfabriek.nl>", "Subject: Re: Automatisch bericht van jullie"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := mustRead(t, eml(append(tt.header, "", "tekst")...), Options{})
			switch {
			case tt.want == "" && len(m.Auto) > 0:
				t.Errorf("got Auto %q; want none", m.Auto)
			case tt.want != "" && (len(m.Auto) == 0 || !strings.Contains(m.Auto[0], tt.want)):
				t.Errorf("got Auto %q; want a first signal with %q", m.Auto, tt.want)
			}
		})
	}
}

func TestAutoSignalsReport(t *testing.T) {
	dsn := eml(
		"From: a@example.nl",
		"Subject: bericht",
		"Content-Type: multipart/report; report-type=delivery-status; boundary=r",
		"",
		"--r",
		"Content-Type: text/plain",
		"",
		"Kon niet bezorgen.",
		"--r",
		"Content-Type: message/delivery-status",
		"",
		"Reporting-MTA: dns; mx.example.nl",
		"",
		"Final-Recipient: rfc822; x@example.nl",
		"Action: failed",
		"Status: 5.1.1",
		"--r--",
		"")
	m := mustRead(t, dsn, Options{})
	if len(m.Auto) < 2 || !strings.Contains(m.Auto[0], "multipart/report") || !strings.Contains(m.Auto[1], "delivery-status") {
		t.Errorf("got Auto %q; want multipart/report and message/delivery-status", m.Auto)
	}
}
