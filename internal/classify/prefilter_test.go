package classify

import (
	"path/filepath"
	"slices"
	"testing"
)

func TestLiterals(t *testing.T) {
	for _, c := range []struct {
		expr string
		want []string
	}{
		{`abc`, []string{"abc"}},
		{`volgers?`, []string{"volgers", "volger"}},
		{`a(?:b|c)d`, []string{"abd", "acd"}},
		{`(?:^|\b)(?:foo|bar\w*)(?:\b|$)`, []string{"foo", "bar"}},
		{`\w*account\w* (?:zonder|without)`, []string{"account"}},
		{`\w*acc\w* (?:zonder|without)`, []string{" zonder", " without"}},
		{`x*`, nil},
		{`\d+`, nil},
		{`foo|\w+`, nil},
		{`(?i)abc`, nil},
		{`(?:ab)+c`, []string{"ab"}},
		{`ab{1,2}o`, []string{"abo", "abbo"}},
		{`x{0,2}yz`, []string{"yz", "xyz", "xxyz"}},
	} {
		if got := literals(c.expr); !slices.Equal(got, c.want) {
			t.Errorf("literals(%q): got %q; want %q", c.expr, got, c.want)
		}
	}
}

func TestAlternatives(t *testing.T) {
	got := alternatives(`a|b(c|d)|[|(]e|f\|g`)
	want := []string{"a", "b(c|d)", "[|(]e", `f\|g`}
	if !slices.Equal(got, want) {
		t.Errorf("alternatives: got %q; want %q", got, want)
	}
}

func TestPrefilter(t *testing.T) {
	p := newPrefilter([]string{expand(`niet {G1}ontvangen`).String(), `x*`, `bots?|nep`})
	for _, c := range []struct {
		text string
		want []bool
	}{
		{"ik heb het niet ontvangen", []bool{true, true, false}},
		{"ik heb het niet gekregen", []bool{false, true, false}},
		{"allemaal nepaccounts", []bool{false, true, true}},
		{"", []bool{false, true, false}},
	} {
		if got := p.candidates(c.text); !slices.Equal(got, c.want) {
			t.Errorf("candidates(%q): got %v; want %v", c.text, got, c.want)
		}
	}
}

// TestRulesMatchAsWholePatterns checks that matching a rule's
// alternatives apart, behind the prefilter, finds what its whole pattern
// finds, on every sentence of both corpora and of this package's tests.
func TestRulesMatchAsWholePatterns(t *testing.T) {
	var texts []string
	for _, name := range []string{"dev", "wording"} {
		mails, _ := readCorpus(t, filepath.Join(sharedDir(t), "corpus", name))
		for _, l := range mails {
			texts = append(texts, l.msg.Subject, l.msg.OwnText)
		}
	}
	for _, set := range []*ruleSet{rules, arrivals} {
		whole := make([]*pattern, len(set.list))
		for k, r := range set.list {
			whole[k] = expand(r.p)
		}
		for _, text := range texts {
			for _, u := range splitUnits(text) {
				may := set.filter.candidates(u.norm)
				for k, r := range set.list {
					want := whole[k].re.FindAllStringIndex(u.norm, -1)
					got := r.find(u.norm, may, set.base[k])
					if len(got) != len(want) {
						t.Errorf("rule %s %q in %q: got %v; want %v", r.cat, r.what, u.norm, got, want)
						continue
					}
					for i := range got {
						if got[i][0] != want[i][0] || got[i][1] != want[i][1] {
							t.Errorf("rule %s %q in %q: got %v; want %v", r.cat, r.what, u.norm, got, want)
							break
						}
					}
				}
			}
		}
	}
}
