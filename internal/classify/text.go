package classify

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file turns customer text into units: sentences of normalised
// tokens that the rules match against, each token remembering where it came
// from so that a reason can quote the customer's own words.
//
// Normalising makes the rules see through the way real customers write:
// letter case, accents ("beëindigen"), letters held down ("niksss"),
// spelling slips ("abbonement", "ontvagen", "recieved") and apostrophes
// left out ("dont", "havent").

// token is one word or punctuation mark of a unit.
type token struct {
	w          string // normalised form
	start, end int    // byte offsets of the original word in the unit's source text
}

// unit is one sentence of the subject or of the own text.
type unit struct {
	src      string // the text the token offsets refer to
	toks     []token
	norm     string // the normalised tokens joined by single spaces
	offs     []int  // offs[i] is the byte offset of toks[i] in norm
	question bool   // the sentence ends in a question mark
}

// words returns the customer's original words behind the normalised byte
// range [from, to) of u.norm.
func (u *unit) words(from, to int) string {
	first, last := u.tokenAt(from), u.tokenAt(to-1)
	if first < 0 || last < first {
		return strings.TrimSpace(u.norm[from:to])
	}
	return strings.Join(strings.Fields(u.src[u.toks[first].start:u.toks[last].end]), " ")
}

// tokenAt returns the index of the token covering byte offset b of u.norm,
// or -1 before the first.
func (u *unit) tokenAt(b int) int {
	i, _ := slices.BinarySearch(u.offs, b+1)
	return i - 1
}

// clause returns the token range [from, to) of the clause around token i:
// clauses are separated by commas and colons.
func (u *unit) clause(i int) (from, to int) {
	from, to = 0, len(u.toks)
	for k := i - 1; k >= 0; k-- {
		if isClauseBreak(u.toks[k].w) {
			from = k + 1
			break
		}
	}
	for k := i; k < len(u.toks); k++ {
		if isClauseBreak(u.toks[k].w) {
			to = k
			break
		}
	}
	return from, to
}

func isClauseBreak(w string) bool { return w == "," || w == ":" }

// scope returns the token range [from, to) around token i up to a colon:
// the reach of a condition or of a question asked before buying ("stel dat
// ik bestel, kan ik dan ..."), which crosses commas.
func (u *unit) scope(i int) (from, to int) {
	from, to = 0, len(u.toks)
	for k := i - 1; k >= 0; k-- {
		if u.toks[k].w == ":" {
			from = k + 1
			break
		}
	}
	for k := i; k < len(u.toks); k++ {
		if u.toks[k].w == ":" {
			to = k
			break
		}
	}
	return from, to
}

// splitUnits cuts text into sentence units. Lines wrapped by a mail client
// are joined again; short lines (greetings, chat-like one-liners, list
// items) stand alone.
func splitUnits(text string) []unit {
	var units []unit
	for _, seg := range segments(text) {
		units = append(units, sentences(seg)...)
	}
	return units
}

// segments splits text at blank lines and at line breaks that end a
// thought rather than wrap a long line.
func segments(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	lines := strings.Split(text, "\n")
	var segs []string
	var cur strings.Builder
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			segs = append(segs, s)
		}
		cur.Reset()
	}
	for i, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" {
			flush()
			continue
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(line)
		if i+1 < len(lines) && !wraps(line, strings.TrimSpace(lines[i+1])) {
			flush()
		}
	}
	flush()
	return segs
}

// wraps reports whether line looks like it was wrapped by the mail client
// and continues on next.
func wraps(line, next string) bool {
	if next == "" || utf8.RuneCountInString(line) < 60 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(".!?:;", last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	return !strings.ContainsRune("-*•", first)
}

// abbreviations end in a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"nr": true, "no": true, "bijv": true, "bv": true, "evt": true, "ca": true,
	"etc": true, "vs": true, "jl": true, "dhr": true, "mevr": true, "mr": true,
	"mrs": true, "ms": true, "dr": true, "st": true, "eg": true, "ie": true,
	"ord": true, "incl": true, "excl": true, "tel": true, "mvg": false,
}

// maxUnit is the most tokens a unit holds.
const maxUnit = 150

// sentences tokenises one segment and cuts it into sentence units at
// full stops, exclamation and question marks and semicolons.
func sentences(seg string) []unit {
	toks := tokenize(seg)
	var units []unit
	var cur []token
	question := false
	emit := func() {
		if len(cur) > 0 {
			units = append(units, newUnit(seg, cur, question))
		}
		cur, question = nil, false
	}
	for i, t := range toks {
		if len(cur) >= maxUnit {
			// No customer writes a sentence this long: cut it so that the
			// rules' work stays linear in the text.
			emit()
		}
		switch t.w {
		case ".":
			if len(cur) > 0 && abbreviations[cur[len(cur)-1].w] && i+1 < len(toks) {
				continue
			}
			emit()
		case "?":
			question = true
			if i+1 < len(toks) && (toks[i+1].w == "?" || toks[i+1].w == "!") {
				continue
			}
			emit()
		case "!", ";":
			if i+1 < len(toks) && (toks[i+1].w == "?" || toks[i+1].w == "!") {
				continue
			}
			emit()
		default:
			cur = append(cur, t)
		}
	}
	emit()
	return units
}

func newUnit(src string, toks []token, question bool) unit {
	u := unit{src: src, toks: toks, question: question, offs: make([]int, len(toks))}
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		u.offs[i] = b.Len()
		b.WriteString(t.w)
	}
	u.norm = b.String()
	return u
}

// tokenize splits s into normalised word tokens and the punctuation tokens
// the rules care about. URLs and e-mail addresses become the single tokens
// "url" and "emailaddress" so that their dots split nothing.
func tokenize(s string) []token {
	var toks []token
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r):
			j := wordEnd(s, i)
			raw := s[i:j]
			switch {
			case isURL(s, i):
				j = fieldEnd(s, i)
				toks = append(toks, token{w: "url", start: i, end: j})
			case strings.ContainsRune(s[i:fieldEnd(s, i)], '@') && isAddress(s[i:fieldEnd(s, i)]):
				j = fieldEnd(s, i)
				toks = append(toks, token{w: "emailaddress", start: i, end: j})
			default:
				toks = append(toks, token{w: normWord(raw), start: i, end: j})
			}
			i = j
		case strings.ContainsRune(".,?!;:€%/+&", r):
			w := string(r)
			if r == '€' {
				w = "eur"
			}
			toks = append(toks, token{w: w, start: i, end: i + size})
			i += size
		default:
			i += size
		}
	}
	return toks
}

// isWordRune reports whether r can be part of a word.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// wordEnd returns the end of the word starting at i: letters and digits,
// with apostrophes inside ("m'n", "don't") and digit groups ("1.000",
// "14,95", "0:04") kept together.
func wordEnd(s string, i int) int {
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if isWordRune(r) {
			j += size
			continue
		}
		if strings.ContainsRune("'’`´", r) && j+size < len(s) {
			next, _ := utf8.DecodeRuneInString(s[j+size:])
			if unicode.IsLetter(next) {
				j += size
				continue
			}
		}
		if strings.ContainsRune(".,:", r) && j > i && j+size < len(s) {
			prev, _ := utf8.DecodeLastRuneInString(s[:j])
			next, _ := utf8.DecodeRuneInString(s[j+size:])
			if unicode.IsDigit(prev) && unicode.IsDigit(next) {
				j += size
				continue
			}
		}
		break
	}
	return j
}

// fieldEnd returns the end of the whitespace-delimited field at i, without
// trailing punctuation.
func fieldEnd(s string, i int) int {
	j := i
	for j < len(s) {
		r, size := utf8.DecodeRuneInString(s[j:])
		if unicode.IsSpace(r) || r == '<' || r == '>' || r == '"' || r == ')' || r == ']' {
			break
		}
		j += size
	}
	for j > i && strings.ContainsRune(".,;:!?'", rune(s[j-1])) {
		j--
	}
	return j
}

func isURL(s string, i int) bool {
	rest := strings.ToLower(s[i:min(len(s), i+12)])
	return strings.HasPrefix(rest, "http://") || strings.HasPrefix(rest, "https://") || strings.HasPrefix(rest, "www.")
}

func isAddress(f string) bool {
	at := strings.IndexByte(f, '@')
	return at > 0 && strings.Contains(f[at:], ".")
}

// normWord folds one word: lower case, no accents, curly apostrophes
// straight, digit groups without separators ("1.000" is "1000"), letters
// held down shortened, contractions written without apostrophe restored,
// and known misspellings of the words the rules use mended.
func normWord(raw string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(raw) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case strings.ContainsRune("’`´", r):
			b.WriteByte('\'')
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	w := b.String()
	if w == "" {
		return w
	}
	if unicode.IsDigit(rune(w[0])) {
		return normNumber(w)
	}
	w = strings.ReplaceAll(w, "ß", "ss")
	w = squeeze(w)
	if c, ok := contractions[w]; ok {
		return c
	}
	return mend(w)
}

// normNumber drops thousands separators: "1.000" and "1,000" are 1000,
// "14,95" stays a price.
func normNumber(w string) string {
	parts := strings.FieldsFunc(w, func(r rune) bool { return r == '.' || r == ',' })
	if len(parts) > 1 {
		grouped := true
		for _, p := range parts[1:] {
			if len(p) != 3 {
				grouped = false
			}
		}
		if grouped {
			return strings.Join(parts, "")
		}
	}
	return w
}

// squeeze shortens runs of three or more equal letters ("heeeel",
// "niksss", "pleaseee"): to two letters, or to one where only that gives a
// word the rules know.
func squeeze(w string) string {
	rs := []rune(w)
	long := false
	for i := 2; i < len(rs); i++ {
		if rs[i] == rs[i-1] && rs[i] == rs[i-2] {
			long = true
			break
		}
	}
	if !long {
		return w
	}
	two, one := squeezeTo(rs, 2), squeezeTo(rs, 1)
	if !lexicon[two] && lexicon[one] {
		return one
	}
	return two
}

func squeezeTo(rs []rune, n int) string {
	var out []rune
	for i, r := range rs {
		k := len(out)
		if i > 0 && k >= n {
			same := true
			for j := 1; j <= n; j++ {
				if out[k-j] != r {
					same = false
				}
			}
			if same {
				continue
			}
		}
		out = append(out, r)
	}
	return string(out)
}

// contractions restores the apostrophe customers leave out, so that one
// spelling serves the rules.
var contractions = map[string]string{
	"dont": "don't", "didnt": "didn't", "doesnt": "doesn't", "havent": "haven't",
	"hasnt": "hasn't", "hadnt": "hadn't", "isnt": "isn't", "arent": "aren't",
	"wasnt": "wasn't", "werent": "weren't", "wont": "won't", "cant": "can't",
	"couldnt": "couldn't", "wouldnt": "wouldn't", "shouldnt": "shouldn't",
	"aint": "ain't", "im": "i'm", "ive": "i've",
	"its": "it's", "whats": "what's", "wheres": "where's", "thats": "that's",
	"mn": "m'n", "zn": "z'n", "dn": "d'n", "mijne": "mijn",
	"havn't": "haven't", "havnt": "haven't", "hvnt": "haven't", "didint": "didn't", "dint": "didn't",
	"dosnt": "doesn't", "doesnot": "doesn't", "didnot": "didn't", "recieved": "received",
	"nie": "niet", "ni": "niet", "nix": "niks", "niets": "niks", "nikss": "niks",
	"gwn": "gewoon", "pls": "please", "plz": "please", "plis": "please",
	"ur": "your", "thx": "thanks", "tnx": "thanks", "volgeres": "volgers",
	"volgeers": "volgers", "ontvagen": "ontvangen", "ontvangn": "ontvangen",
	"reciept": "receipt", "reciepts": "receipts", "recipt": "receipt", "invoce": "invoice",
	"invocie": "invoice", "facuur": "factuur", "fatuur": "factuur", "thru": "through",
}

// mend maps a misspelt word onto the word of the lexicon it was meant to
// be: first by its skeleton (every run of a letter written once, so
// "abbonement", "abonement" and "abonnement" meet), then, for longer words,
// by one slip of the keyboard (a letter added, dropped, changed or two
// swapped: "ontvagen", "volgeres", "subscribtion").
func mend(w string) string {
	if lexicon[w] || len(w) < 5 || keep[w] {
		return w
	}
	if c, ok := skeletons[skeleton(w)]; ok {
		return c
	}
	if len(w) < 7 {
		return w
	}
	for _, c := range lexiconList {
		if len(c) >= 8 && c[0] == w[0] && oneEdit(w, c) {
			return c
		}
	}
	return w
}

// skeleton writes every run of equal letters once.
func skeleton(w string) string {
	var b strings.Builder
	var prev rune
	for i, r := range w {
		if i > 0 && r == prev {
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// oneEdit reports whether a and b differ by exactly one inserted, deleted
// or substituted letter, or two adjacent letters swapped (Damerau).
func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	la, lb := len(a), len(b)
	if la > lb {
		a, b, la, lb = b, a, lb, la
	}
	if lb-la > 1 {
		return false
	}
	i := 0
	for i < la && a[i] == b[i] {
		i++
	}
	if la == lb {
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	}
	return a[i:] == b[i+1:]
}
