package classify

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strings"
)

// This file makes matching the rules cheap. Most rules match nothing in
// most sentences, yet a regular expression of a few thousand instructions
// costs its full price to find that out. Every match of a rule contains
// one of a few literal strings, read off the rule's syntax ("ontvang",
// "binnen", "received" …); a prefilter finds, in one pass over a
// sentence, the rules whose literals occur there, and only those run.

// pattern is a compiled regular expression that first checks, cheaply,
// that a text holds one of the literals every match contains.
type pattern struct {
	re   *regexp.Regexp
	lits []string // nil: no check
}

func newPattern(expr string) *pattern {
	return &pattern{re: regexp.MustCompile(expr), lits: literals(expr)}
}

// may reports whether p may match s: false means it certainly does not.
func (p *pattern) may(s string) bool {
	if p.lits == nil {
		return true
	}
	for _, l := range p.lits {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// MatchString reports whether s contains a match of p.
func (p *pattern) MatchString(s string) bool { return p.may(s) && p.re.MatchString(s) }

// FindStringIndex returns the first match of p in s, or nil.
func (p *pattern) FindStringIndex(s string) []int {
	if !p.may(s) {
		return nil
	}
	return p.re.FindStringIndex(s)
}

// FindAllStringIndex returns up to n matches of p in s (all when n < 0).
func (p *pattern) FindAllStringIndex(s string, n int) [][]int {
	if !p.may(s) {
		return nil
	}
	return p.re.FindAllStringIndex(s, n)
}

// String returns the source text of p.
func (p *pattern) String() string { return p.re.String() }

// maxExact bounds the sets of strings literalInfo multiplies out.
const maxExact = 64

// literalInfo is what the syntax of a pattern says about the strings it
// matches.
type literalInfo struct {
	exact []string // every match is one of these; nil: unknown
	need  []string // every match contains one of these; nil: unknown
}

// required returns the strings one of which every match of info's pattern
// contains, or nil.
func (l literalInfo) required() []string {
	if l.exact != nil && !slices.Contains(l.exact, "") {
		return l.exact
	}
	return l.need
}

// literals returns strings one of which occurs in every match of the
// regular expression expr (in the syntax of package regexp), or nil when
// its syntax does not tell.
func literals(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	return analyse(re).required()
}

// analyse reads re's syntax: a literal is itself, an alternation one of
// its branches, a concatenation the product of its parts as long as they
// are exact and otherwise needs what its most selective part needs;
// repetitions and character classes beyond a few runes tell little.
func analyse(re *syntax.Regexp) literalInfo {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return literalInfo{}
		}
		return literalInfo{exact: []string{string(re.Rune)}}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return literalInfo{exact: []string{""}}
	case syntax.OpCharClass:
		var runes []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				if len(runes) == 4 || re.Flags&syntax.FoldCase != 0 {
					return literalInfo{}
				}
				runes = append(runes, string(r))
			}
		}
		return literalInfo{exact: runes}
	case syntax.OpCapture:
		return analyse(re.Sub[0])
	case syntax.OpQuest:
		if sub := analyse(re.Sub[0]); sub.exact != nil && len(sub.exact) < maxExact {
			return literalInfo{exact: union(sub.exact, []string{""})}
		}
	case syntax.OpPlus:
		return literalInfo{need: analyse(re.Sub[0]).required()}
	case syntax.OpRepeat:
		if sub := analyse(re.Sub[0]); sub.exact != nil && re.Max >= re.Min && re.Max <= 3 {
			// A few repeats of exact strings: each number of them in turn.
			var all []string
			power := []string{""}
			for n := 0; n <= re.Max; n++ {
				if n >= re.Min {
					all = union(all, power)
				}
				if len(power)*len(sub.exact) > maxExact {
					return literalInfo{}
				}
				power = product(power, sub.exact)
			}
			if len(all) <= maxExact {
				return literalInfo{exact: all}
			}
		}
		switch {
		case re.Min >= 1:
			return literalInfo{need: analyse(re.Sub[0]).required()}
		case re.Max == 1:
			return analyse(&syntax.Regexp{Op: syntax.OpQuest, Sub: re.Sub})
		}
	case syntax.OpAlternate:
		subs := make([]literalInfo, len(re.Sub))
		exact := true
		for i, sub := range re.Sub {
			subs[i] = analyse(sub)
			exact = exact && subs[i].exact != nil
		}
		if exact {
			var all []string
			for _, s := range subs {
				all = union(all, s.exact)
			}
			if len(all) <= maxExact {
				return literalInfo{exact: all}
			}
		}
		var need []string
		for _, s := range subs {
			r := s.required()
			if r == nil {
				return literalInfo{}
			}
			need = union(need, r)
		}
		return literalInfo{need: need}
	case syntax.OpConcat:
		var best []string
		consider := func(l []string) {
			if l != nil && !slices.Contains(l, "") && better(l, best) {
				best = l
			}
		}
		cur, whole := []string{""}, true
		for _, sub := range re.Sub {
			info := analyse(sub)
			if info.exact != nil && len(cur)*len(info.exact) <= maxExact {
				cur = product(cur, info.exact)
				continue
			}
			consider(cur)
			consider(info.required())
			cur, whole = []string{""}, false
		}
		if whole {
			return literalInfo{exact: cur}
		}
		consider(cur)
		return literalInfo{need: best}
	}
	return literalInfo{}
}

// union returns the strings of a and b, each once.
func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// product returns every string of a followed by every string of b.
func product(a, b []string) []string {
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = union(out, []string{x + y})
		}
	}
	return out
}

// better reports whether needing one of a filters more than needing one
// of b: its shortest string is longer, or as long and there are fewer.
func better(a, b []string) bool {
	if b == nil {
		return true
	}
	sa, sb := shortest(a), shortest(b)
	if sa != sb {
		return sa > sb
	}
	return len(a) < len(b)
}

func shortest(l []string) int {
	n := -1
	for _, s := range l {
		if n < 0 || len(s) < n {
			n = len(s)
		}
	}
	return n
}

// keyLen is the longest key of the prefilter's index.
const keyLen = 3

// prefilter says which of a list of patterns may match a text.
type prefilter struct {
	n      int
	always []int               // patterns without literals: they may always match
	index  map[string][]needle // needles by their first keyLen bytes (fewer if shorter)
}

// needle is one literal of one pattern.
type needle struct {
	lit     string
	pattern int
}

// newPrefilter indexes the literals of patterns.
func newPrefilter(patterns []string) *prefilter {
	p := &prefilter{n: len(patterns), index: map[string][]needle{}}
	for i, expr := range patterns {
		lits := literals(expr)
		if lits == nil {
			p.always = append(p.always, i)
			continue
		}
		for _, l := range lits {
			k := l[:min(len(l), keyLen)]
			p.index[k] = append(p.index[k], needle{l, i})
		}
	}
	return p
}

// candidates returns, for each pattern, whether it may match s: false
// means it certainly does not.
func (p *prefilter) candidates(s string) []bool {
	may := make([]bool, p.n)
	for _, i := range p.always {
		may[i] = true
	}
	for i := range len(s) {
		for k := 1; k <= keyLen && i+k <= len(s); k++ {
			for _, n := range p.index[s[i:i+k]] {
				if !may[n.pattern] && strings.HasPrefix(s[i:], n.lit) {
					may[n.pattern] = true
				}
			}
		}
	}
	return may
}
