package reply

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"helpdesk/templates"
)

func mustLoad(t testing.TB) *Templates {
	t.Helper()
	set, err := Load("")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return set
}

// TestName pins which decisions send mail (PRODUCT.md's decision table).
func TestName(t *testing.T) {
	want := map[Pair]string{
		{"non_delivery", "eligible"}:          "non_delivery.eligible",
		{"cancel_recurring", "eligible"}:      "cancel_recurring.eligible",
		{"non_delivery", "expired"}:           "non_delivery.expired",
		{"not_as_described", "expired"}:       "not_as_described.expired",
		{"cancel_recurring", "expired"}:       "cancel_recurring.expired",
		{"dissatisfied", "expired"}:           "dissatisfied.expired",
		{"not_as_described", "need_evidence"}: "not_as_described.need_evidence",
		{"non_delivery", "need_order"}:        NeedOrder,
		{"not_as_described", "need_order"}:    NeedOrder,
		{"cancel_recurring", "need_order"}:    NeedOrder,
		{"dissatisfied", "need_order"}:        NeedOrder,
		{"non_delivery", "human"}:             Acknowledgement,
		{"not_as_described", "human"}:         Acknowledgement,
		{"cancel_recurring", "human"}:         Acknowledgement,
		{"dissatisfied", "human"}:             Acknowledgement,
		{"other", "human"}:                    Acknowledgement,
	}
	for _, c := range categories {
		for _, o := range outcomes {
			t.Run(c+"/"+o, func(t *testing.T) {
				if got := Name(c, o); got != want[Pair{c, o}] {
					t.Errorf("Name(%q, %q) = %q; want %q", c, o, got, want[Pair{c, o}])
				}
			})
		}
	}
	if got := len(Replies()); got != len(want) {
		t.Errorf("len(Replies()) = %d; want %d", got, len(want))
	}
}

// TestEveryReplyInEveryLanguage: every decision that sends mail has its
// text in both languages, and it executes with full and with minimal data
// (no order) into a text without "<no value>", zero dates or Go syntax.
func TestEveryReplyInEveryLanguage(t *testing.T) {
	set := mustLoad(t)
	for _, lang := range Languages() {
		for _, p := range Replies() {
			name := Name(p.Category, p.Outcome)
			if _, err := templates.FS.Open(lang + "/" + name + ".txt"); err != nil {
				t.Errorf("no embedded %s/%s.txt for %s/%s: %v", lang, name, p.Category, p.Outcome, err)
			}
			for _, full := range []bool{true, false} {
				d := SampleData(lang, p, full)
				t.Run(lang+"/"+p.Category+"/"+p.Outcome+map[bool]string{true: "/full", false: "/minimal"}[full], func(t *testing.T) {
					body, err := set.render(lang+"/"+name, d)
					if err != nil {
						t.Fatalf("render: %v", err)
					}
					for _, bad := range []string{"<no value>", "<nil>", "{{", "}}", "0001", "%!", "  "} {
						if strings.Contains(body, bad) {
							t.Errorf("text contains %q:\n%s", bad, body)
						}
					}
					if !strings.Contains(body, "Volgersfabriek") {
						t.Errorf("text is not signed with the shop name:\n%s", body)
					}
					if full && d.Order != nil && name != Acknowledgement && name != NeedOrder && !strings.Contains(body, d.Order.ID) {
						t.Errorf("text does not name order %s:\n%s", d.Order.ID, body)
					}
					if testing.Verbose() {
						t.Logf("\n%s", body)
					}
				})
			}
		}
	}
}

// TestPromises checks the texts say what the policy promises, and nothing
// it does not.
func TestPromises(t *testing.T) {
	set := mustLoad(t)
	tests := []struct {
		lang     string
		pair     Pair
		want     []string
		dontWant []string
	}{
		{"nl", Pair{"non_delivery", "eligible"},
			[]string{"100234", "1000 Instagram volgers", "2 november 2026", "9 november 2026", "op tijd", "alsnog volledig wordt geleverd", "of we betalen je terug voor wat niet is geleverd", "Hallo Anna Peters,", "Met vriendelijke groet,"},
			[]string{"€", "niet terug", " u ", " uw "}},
		{"en", Pair{"non_delivery", "eligible"},
			[]string{"100234", "2 November 2026", "9 November 2026", "in time", "either complete the delivery", "or refund you for what was not delivered"},
			[]string{"€"}},
		{"nl", Pair{"cancel_recurring", "eligible"},
			[]string{"S-7781", "Maandelijks TikTok pakket", "op:", "geen nieuwe facturen", "15 november 2026", "22 november 2026", "€ 29,99", "terug"},
			[]string{"niet terug"}},
		{"en", Pair{"cancel_recurring", "eligible"},
			[]string{"S-7781", "cancelling", "not receive any new invoices", "15 November 2026", "22 November 2026", "€29.99", "refund your last payment"},
			[]string{"cannot refund"}},
		{"nl", Pair{"cancel_recurring", "expired"},
			[]string{"S-7781", "geen nieuwe facturen", "15 november 2026", "22 november 2026", "niet terug", "einde van je huidige factuurperiode", "meteen stoppen", "Beantwoord dan deze e-mail"},
			[]string{"€"}},
		{"en", Pair{"cancel_recurring", "expired"},
			[]string{"not receive any new invoices", "cannot refund", "end of your current billing period", "right away", "reply to this email"},
			[]string{"€"}},
		{"nl", Pair{"non_delivery", "expired"},
			[]string{"100234", "2 november 2026", "9 november 2026", "7 dagen", "niet meer in aanmerking voor een terugbetaling"},
			[]string{"€"}},
		{"nl", Pair{"not_as_described", "expired"},
			[]string{"9 november 2026", "niet is zoals beschreven", "niet meer in aanmerking voor een terugbetaling"}, nil},
		{"nl", Pair{"dissatisfied", "expired"},
			[]string{"9 november 2026", "niet tevreden", "niet meer in aanmerking voor een terugbetaling"}, nil},
		{"en", Pair{"dissatisfied", "expired"},
			[]string{"9 November 2026", "no longer eligible for a refund"}, nil},
		{"nl", Pair{"not_as_described", "need_evidence"},
			[]string{"bewijs", "schermafbeeldingen", "links", "beschrijving op onze website", "Beantwoord deze e-mail", "9 november 2026"},
			[]string{"terugbetaling", "€"}},
		{"en", Pair{"not_as_described", "need_evidence"},
			[]string{"evidence", "screenshots", "links", "description on our website"}, []string{"€"}},
		{"nl", Pair{"non_delivery", "need_order"},
			[]string{"bestelnummer", "e-mailadres waarmee je de bestelling hebt geplaatst"}, []string{"abonnement"}},
		{"nl", Pair{"cancel_recurring", "need_order"},
			[]string{"abonnementsnummer", "e-mailadres"}, nil},
		{"en", Pair{"dissatisfied", "need_order"},
			[]string{"order number", "email address you used to place the order"}, nil},
		{"nl", Pair{"other", "human"},
			[]string{"Een medewerker", "binnen 24 tot 48 uur"}, []string{"terugbetaling", "100234"}},
		{"en", Pair{"other", "human"},
			[]string{"within 24 to 48 hours"}, []string{"refund"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.pair.Category+"/"+tt.pair.Outcome, func(t *testing.T) {
			body, err := set.render(tt.lang+"/"+Name(tt.pair.Category, tt.pair.Outcome), SampleData(tt.lang, tt.pair, true))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("text lacks %q:\n%s", w, body)
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(body, w) {
					t.Errorf("text contains %q:\n%s", w, body)
				}
			}
		})
	}
}

func TestDataFormats(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	// 23:30 UTC on 2 November is 00:30 on 3 November in Amsterdam.
	late := time.Date(2026, 11, 2, 23, 30, 0, 0, time.UTC)
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"nl date in shop time zone", Data{Language: "nl", Location: ams}.Date(late), "3 november 2026"},
		{"en date in shop time zone", Data{Language: "en", Location: ams}.Date(late), "3 November 2026"},
		{"date without location is UTC", Data{Language: "nl"}.Date(late), "2 november 2026"},
		{"unknown language is Dutch", Data{Language: "de", Location: ams}.Date(late), "3 november 2026"},
		{"zero date", Data{Language: "nl"}.Date(time.Time{}), ""},
		{"nl money", Data{Language: "nl"}.Money(1495, "EUR"), "€ 14,95"},
		{"en money", Data{Language: "en"}.Money(1495, "EUR"), "€14.95"},
		{"nl thousands", Data{Language: "nl"}.Money(123456705, "EUR"), "€ 1.234.567,05"},
		{"en thousands", Data{Language: "en"}.Money(123456705, "eur"), "€1,234,567.05"},
		{"nl small", Data{Language: "nl"}.Money(5, "EUR"), "€ 0,05"},
		{"other currency", Data{Language: "nl"}.Money(2999, "SEK"), "SEK 29,99"},
		{"en dollars", Data{Language: "en"}.Money(100000, "USD"), "$1,000.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("got %q; want %q", tt.got, tt.want)
			}
		})
	}
}

func TestWindow(t *testing.T) {
	ams, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	tests := []struct {
		name      string
		reference time.Time
		deadline  time.Time
		want      int
	}{
		{"seven days", time.Date(2026, 11, 2, 14, 5, 0, 0, ams), time.Date(2026, 11, 9, 0, 0, 0, 0, ams), 7},
		// Summer time ended on 25 October 2026: 7 calendar days, 7 days and 1 hour.
		{"across the end of summer time", time.Date(2026, 10, 20, 9, 0, 0, 0, ams), time.Date(2026, 10, 27, 0, 0, 0, 0, ams), 7},
		// 23:30 UTC is already the next day in Amsterdam.
		{"reference written in UTC", time.Date(2026, 11, 1, 23, 30, 0, 0, time.UTC), time.Date(2026, 11, 9, 0, 0, 0, 0, ams), 7},
		{"no reference", time.Time{}, time.Date(2026, 11, 9, 0, 0, 0, 0, ams), 0},
		{"no deadline", time.Date(2026, 11, 2, 0, 0, 0, 0, ams), time.Time{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (Data{ReferenceDate: tt.reference, Deadline: tt.deadline, Location: ams}).Window(); got != tt.want {
				t.Errorf("got %d; want %d", got, tt.want)
			}
		})
	}
}

func TestOverride(t *testing.T) {
	good := "{{template \"greeting\" .}}\n\nEigen tekst voor {{template \"order\" .}}.\n\n{{template \"signature\" .}}\n"
	tests := []struct {
		name    string
		files   fstest.MapFS
		wantErr []string // substrings of the error; none means success
	}{
		{"override wins", fstest.MapFS{"nl/need_order.txt": {Data: []byte(good)}}, nil},
		{"hidden files are ignored", fstest.MapFS{".git/config": {Data: []byte("x")}, "nl/.need_order.txt.swp": {Data: []byte("x")}}, nil},
		{"parse error", fstest.MapFS{"nl/need_order.txt": {Data: []byte("{{if .Order}}unclosed")}},
			[]string{"nl/need_order.txt", "unexpected EOF"}},
		{"unknown field", fstest.MapFS{"en/human.ack.txt": {Data: []byte("{{.Customer}} {{.ShopName}}")}},
			[]string{"en/human.ack.txt", "Customer"}},
		{"nil order dereferenced", fstest.MapFS{"nl/non_delivery.eligible.txt": {Data: []byte("{{.Order.ID}} {{.ShopName}}")}},
			[]string{"nl/non_delivery.eligible.txt", "minimal data", "nil pointer"}},
		{"not signed", fstest.MapFS{"nl/human.ack.txt": {Data: []byte("Hallo.")}},
			[]string{"nl/human.ack.txt", "does not name the shop"}},
		{"misspelt name", fstest.MapFS{"nl/non_delivery.eligable.txt": {Data: []byte(good)}},
			[]string{"nl/non_delivery.eligable.txt", "not a template"}},
		{"unknown language", fstest.MapFS{"de/need_order.txt": {Data: []byte(good)}},
			[]string{"de", "not a language directory"}},
		{"broken common", fstest.MapFS{"en/common.txt": {Data: []byte(`{{define "greeting"}}{{.Nope}}{{end}}`)}},
			[]string{"Nope"}},
		{"every problem at once", fstest.MapFS{
			"nl/need_order.txt": {Data: []byte("{{if}}")},
			"en/need_order.txt": {Data: []byte("{{.Nope}}")},
			"nl/typo.txt":       {Data: []byte("x")},
		}, []string{"nl/need_order.txt", "en/need_order.txt", "nl/typo.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := LoadFS(templates.FS, tt.files)
			if len(tt.wantErr) == 0 {
				if err != nil {
					t.Fatalf("LoadFS: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("LoadFS succeeded; want an error mentioning %q", tt.wantErr)
			}
			if !errors.Is(err, ErrTemplates) {
				t.Errorf("error %v is not ErrTemplates", err)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			if set != nil {
				t.Errorf("got a set with an error")
			}
		})
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "nl"), 0o755); err != nil {
		t.Fatal(err)
	}
	text := "{{template \"greeting\" .}}\n\nAANGEPAST: we zoeken {{template \"order\" .}} op.\n\n{{template \"signature\" .}}\n"
	if err := os.WriteFile(filepath.Join(dir, "nl", "need_order.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := Load(dir)
	if err != nil {
		t.Fatalf("Load(%s): %v", dir, err)
	}
	body, err := set.render("nl/need_order", SampleData("nl", Pair{"non_delivery", "need_order"}, false))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body, "AANGEPAST") {
		t.Errorf("override not used:\n%s", body)
	}
	if got, want := set.Origin("nl", "need_order"), filepath.Join(dir, "nl", "need_order.txt"); got != want {
		t.Errorf("Origin = %q; want %q", got, want)
	}
	if got := set.Origin("en", "need_order"); got != "embedded en/need_order.txt" {
		t.Errorf("Origin(en) = %q; want the embedded file", got)
	}
	if _, err := Load(filepath.Join(dir, "missing")); !errors.Is(err, ErrTemplates) {
		t.Errorf("Load(missing dir) = %v; want ErrTemplates", err)
	}
}

func TestTidy(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a\n\n\n\nb", "a\n\nb\n"},
		{"\n\n  \na  \nb\t\n\n", "a\nb\n"},
		{"a\r\nb", "a\nb\n"},
		{"", "\n"},
	}
	for _, tt := range tests {
		if got := tidy(tt.in); got != tt.want {
			t.Errorf("tidy(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
