package classify

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormWord(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Beëindigen", "beeindigen"},
		{"ABONNEMENT", "abonnement"},
		{"abbonement", "abonnement"},
		{"abonement", "abonnement"},
		{"opzegen", "opzeggen"},
		{"ontvagen", "ontvangen"},
		{"volgeres", "volgers"},
		{"recieved", "received"},
		{"subscribtion", "subscription"},
		{"niksss", "niks"},
		{"heeeeel", "heel"},
		{"dont", "don't"},
		{"don’t", "don't"},
		{"mn", "m'n"},
		{"1.000", "1000"},
		{"1,000", "1000"},
		{"14,95", "14,95"},
		{"volgens", "volgens"}, // a real word one letter from "volgers"
		{"geleerd", "geleerd"}, // and one from "geleverd"
	} {
		if got := normWord(c.in); got != c.want {
			t.Errorf("normWord(%q): got %q; want %q", c.in, got, c.want)
		}
	}
}

func TestSplitUnits(t *testing.T) {
	for _, c := range []struct {
		name string
		in   string
		want []string
	}{
		{"sentences", "Hoi. Ik heb niks ontvangen! Waar blijft het?", []string{"hoi", "ik heb niks ontvangen", "waar blijft het"}},
		{"abbreviation", "Order nr. 123456 is niet geleverd.", []string{"order nr 123456 is niet geleverd"}},
		{"numbers", "Ik betaalde € 14,95 voor 1.000 volgers.", []string{"ik betaalde eur 14,95 voor 1000 volgers"}},
		{"short lines stand alone", "hoi\nnog niks gezien\nwaar blijft mn order", []string{"hoi", "nog niks gezien", "waar blijft m'n order"}},
		{"wrapped lines join", "Vorige week zaterdag heb ik 's avonds laat 10.000 weergaven besteld\nvoor mijn YouTube kanaal en er is nog niets geleverd.",
			[]string{"vorige week zaterdag heb ik s avonds laat 10000 weergaven besteld voor mijn youtube kanaal en er is nog niks geleverd"}},
		{"url stays one word", "Kijk: https://example.com/a.b?c=d. Dat is nep.", []string{"kijk : url", "dat is nep"}},
		{"commas kept", "Ik heb besteld, maar niks gekregen", []string{"ik heb besteld , maar niks gekregen"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, u := range splitUnits(c.in) {
				got = append(got, u.norm)
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("got %q; want %q", got, c.want)
			}
		})
	}
}

func TestQuestionMark(t *testing.T) {
	us := splitUnits("Ik heb besteld. Waar blijft het??")
	if len(us) != 2 || us[0].question || !us[1].question {
		t.Fatalf("got %d units, questions %v; want the second only", len(us), []bool{us[0].question, us[len(us)-1].question})
	}
}

func TestWordsQuoteTheOriginal(t *testing.T) {
	u := splitUnits("Ik wil mijn ABBONEMENT beëindigen")[0]
	i := strings.Index(u.norm, "abonnement beeindigen")
	if got := u.words(i, i+len("abonnement beeindigen")); got != "ABBONEMENT beëindigen" {
		t.Errorf("got %q; want the customer's own spelling", got)
	}
}

// FuzzClassify feeds arbitrary subjects and texts to Classify: it must not
// panic, must return a valid category that heads its requests, and reasons
// that are valid UTF-8 when the input is.
func FuzzClassify(f *testing.F) {
	for _, s := range []string{
		"Ik heb nog niks ontvangen",
		"Please cancel my subscription and refund the last payment.",
		"Stel dat de volgers niet komen, krijg ik dan mijn geld terug?",
		"wtf 0 likes!!! chargeback",
		"Re: Fwd: ??? ... ,,, : ; € % / +",
		"abbonement opzegen,,,niet meer nodig:::",
		"https://x.example/ a@b.c 1.000.000 0:04 14,95",
		"ééé ñ ø ß ﬁ İ",
		"",
	} {
		f.Add("Vraag", s)
	}
	f.Fuzz(func(t *testing.T, subject, text string) {
		r := Classify(msg(subject, text), Settings{Addresses: []string{"support@shop.example"}})
		if !r.Category.Valid() {
			t.Fatalf("invalid category %q", r.Category)
		}
		if len(r.Requests) == 0 || r.Requests[0] != r.Category {
			t.Fatalf("requests %v do not start with %s", r.Requests, r.Category)
		}
		if r.Language != "nl" && r.Language != "en" {
			t.Fatalf("language %q", r.Language)
		}
		if utf8.ValidString(subject) && utf8.ValidString(text) {
			for _, s := range r.Reasons {
				if !utf8.ValidString(s) {
					t.Fatalf("reason is not UTF-8: %q", s)
				}
			}
		}
	})
}
