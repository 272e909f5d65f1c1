package demo

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestDemo runs the README's run command and checks what it shows: every
// outcome of the decision table on the sample mail, the replies delivered,
// and the folders afterwards.
func TestDemo(t *testing.T) {
	var out bytes.Buffer
	res, err := Run(context.Background(), Options{Out: &out})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ category, outcome string }{
		{"non_delivery", "eligible"},
		{"non_delivery", "expired"},
		{"cancel_recurring", "eligible"},
		{"cancel_recurring", "expired"},
		{"not_as_described", "need_evidence"},
		{"not_as_described", "human"},
		{"non_delivery", "need_order"},
		{"non_delivery", "human"}, // escalation
		{"other", "human"},
		{"auto", "ignore"},
	}
	if len(res.Report.Mails) != len(want) {
		t.Fatalf("got %d mails; want %d\n%s", len(res.Report.Mails), len(want), out.String())
	}
	replies := 0
	for i, w := range want {
		h := res.Report.Mails[i]
		if string(h.Category) != w.category || string(h.Outcome) != w.outcome {
			t.Errorf("sample %d (%q): got %s/%s; want %s/%s\n  %s", i+1, h.Subject, h.Category, h.Outcome, w.category, w.outcome, strings.Join(h.Reasons, "\n  "))
		}
		if len(h.Reply) > 0 {
			replies++
		}
	}
	if len(res.Delivered) != replies || replies != 6 {
		t.Errorf("got %d replies recorded, %d delivered; want 6 and 6", replies, len(res.Delivered))
	}
	folders := map[string]int{}
	for _, f := range res.Folders {
		folders[f.Name] = len(f.Mails)
	}
	if folders["INBOX"] != 3 || folders["Helpdesk/Beantwoord"] != 6 || folders["Helpdesk/Genegeerd"] != 1 || folders["Sent"] != 6 {
		t.Errorf("got folders %v", folders)
	}
	if len(res.Refunds) != 3 {
		t.Errorf("got %d refunds for staff; want 3 (two eligible, one cancellation)", len(res.Refunds))
	}
	for _, s := range []string{"category non_delivery, outcome eligible", "| ", "Helpdesk/Beantwoord", "helpdesk refunds"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("the output lacks %q", s)
		}
	}
}
