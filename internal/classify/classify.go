// Package classify reads the customer's own words in a Message and says what
// the mail is about: one of PRODUCT.md's categories, whether it escalates,
// which distinct requests it makes, how confident that is, and why, in
// human-readable reasons. It knows nothing of orders or dates.
//
// It works on sentences of normalised words (see text.go) with phrase rules
// (see rules.go). A category needs a positive claim: a statement that
// something did not arrive, differs from the description, must be
// cancelled, or disappoints. Words of a category inside a question about
// what may happen, a hypothetical, a question asked before buying or under
// a negation make no claim. The customer's own statement that the order
// arrived contradicts a claim that it did not; what it then did not bring
// is disappointment. Weak or conflicting evidence makes the result not
// confident, and a person decides. A prefilter of literals (prefilter.go)
// keeps the rules cheap.
package classify

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"helpdesk/internal/message"
)

// Category is one of PRODUCT.md's categories.
type Category string

// The categories of PRODUCT.md.
const (
	NonDelivery     Category = "non_delivery"
	NotAsDescribed  Category = "not_as_described"
	CancelRecurring Category = "cancel_recurring"
	Dissatisfied    Category = "dissatisfied"
	Other           Category = "other"
	Auto            Category = "auto"
)

// Categories lists every category in PRODUCT.md's order.
var Categories = []Category{NonDelivery, NotAsDescribed, CancelRecurring, Dissatisfied, Other, Auto}

// Valid reports whether c is a known category.
func (c Category) Valid() bool {
	for _, k := range Categories {
		if c == k {
			return true
		}
	}
	return false
}

// Settings are the shop's facts the classifier needs.
type Settings struct {
	// Addresses are the shop's own addresses; mail from any of them (in any
	// letter case) is auto.
	Addresses []string
}

// Result is what the classifier found.
type Result struct {
	Category Category
	// Requests are the distinct refund-relevant requests in the order the
	// customer made them (first is Category). Two or more means the mail
	// asks for several things; policy decides each and compares outcomes.
	// A question or request of another kind next to a claim (an invoice,
	// a changed username) is listed as Other, so that policy sees the mail
	// asks for more than one verdict can answer.
	Requests []Category
	// Escalation is set when the own text mentions a chargeback, lawyer,
	// police, fraud, a consumer organisation or a bank/PayPal dispute,
	// negated or not.
	Escalation bool
	// Confident is false when the classifier doubts; the outcome is then human.
	Confident bool
	// Language is "nl" or "en": the language the reply should be written in.
	Language string
	// Reasons say which words in which part led to the result.
	Reasons []string
}

// Classify reads m and says what it is about.
func Classify(m *message.Message, s Settings) Result {
	subject := strings.TrimSpace(m.Subject)
	replySubject := false
	if rest := reply.ReplaceAllString(subject, ""); rest != subject {
		// The rest of a reply's subject is usually the subject of the shop's
		// own mail (an order confirmation, a newsletter): weak evidence.
		subject, replySubject = strings.TrimSpace(rest), true
	}
	units := splitUnits(subject)
	nsubj := len(units)
	own, cut := m.OwnText, false
	if len(own) > maxOwnText {
		// A customer's own words are short; the rest of a long text only
		// costs time. Cut at a line or word end.
		end := maxOwnText
		for end > 0 && !utf8.RuneStart(own[end]) {
			end--
		}
		own, cut = own[:end], true
		if i := strings.LastIndexAny(own, "\n "); i > maxOwnText/2 {
			own = own[:i]
		}
	}
	units = append(units, splitUnits(own)...)

	r := Result{Language: language(units)}
	if why := machine(m, s); len(why) > 0 {
		r.Category, r.Requests, r.Confident = Auto, []Category{Auto}, true
		r.Reasons = why
		return r
	}

	a := analysis{units: units, nsubj: nsubj, subject: strings.Join(strings.Fields(subject), " "), replySubject: replySubject,
		hasOrder: len(m.OrderRefs) > 0}
	a.scan()
	a.decide(&r)
	if cut {
		r.Confident = false
		r.Reasons = append(r.Reasons, fmt.Sprintf("not confident: only the first %d bytes of a long own text were read", len(own)))
	}
	return r
}

// maxOwnText bounds the own text read, in bytes.
const maxOwnText = 16 << 10

// machine returns why m was written by a machine, or nothing.
func machine(m *message.Message, s Settings) []string {
	var why []string
	for _, sig := range m.Auto {
		why = append(why, "machine mail: "+sig)
	}
	if m.From != nil {
		for _, a := range s.Addresses {
			if a != "" && strings.EqualFold(strings.TrimSpace(a), m.From.Address) {
				why = append(why, fmt.Sprintf("machine mail: sent from the shop's own address %s", m.From.Address))
				break
			}
		}
	}
	return why
}

// finding is one match of a rule in a unit.
type finding struct {
	r       *rule
	unit    int
	tok     int    // first token of the match
	last    int    // last token of the match
	words   string // the customer's words
	neutral string // why it makes no claim; "" when it counts
	weak    bool
}

// Why words of a claim make none. Vetoes by a topic and the more specific
// reading of the same words give their own reasons.
const (
	negatedWords = "negated"
	presaleWords = "in a question before buying"
	ifWords      = "in a hypothetical"
	hearsayWords = "in hearsay or what usually happens"
	elsewhere    = "about another shop"
	fineWords    = "said to be no problem"
	earlierWords = "about an earlier order (the mail asks about the next)"
	mayWords     = "in a question about what may happen"
	generalWords = "in a general question"
)

// asking are the reasons that say the customer asks rather than claims.
var asking = map[string]bool{presaleWords: true, ifWords: true, mayWords: true, generalWords: true}

// analysis holds the findings of one mail.
type analysis struct {
	units        []unit
	nsubj        int // units[:nsubj] are the subject
	subject      string
	replySubject bool

	findings    []*finding
	arrivals    []*finding // statements that the order arrived (also in findings)
	escalation  []string
	presale     bool // some sentence asks before buying
	next        bool // some sentence is about a next order
	justOrdered bool // some sentence says the order was placed moments ago
	hasProd     bool
	hasOrder    bool // words of an order already placed
	hasSub      bool
}

// where names the part of the mail unit i is in.
func (a *analysis) where(i int) string {
	if i < a.nsubj {
		return fmt.Sprintf("subject %q", a.subject)
	}
	return "own text"
}

// pos orders findings as the customer made them: the subject first (unless
// it is the subject of a reply), then the own text.
func (a *analysis) pos(f *finding) int {
	p := f.unit*1000 + f.tok
	if a.replySubject && f.unit < a.nsubj {
		p += 1_000_000
	}
	return p
}

// scan notes what the mail says as a whole (products, orders, a
// subscription, questions before buying, escalation), then matches every
// rule in every sentence and judges each match.
func (a *analysis) scan() {
	for i := range a.units {
		u := &a.units[i]
		if prodWord.MatchString(u.norm) {
			a.hasProd = true
		}
		if subWord.MatchString(u.norm) {
			a.hasSub = true
		}
		if ordered.MatchString(u.norm) {
			a.hasOrder = true
		}
		if asksBeforeBuying(u, 0, len(u.toks)) {
			a.presale = true
		}
		if next.MatchString(u.norm) {
			a.next = true
		}
		if justOrdered.MatchString(u.norm) {
			a.justOrdered = true
		}
		// Escalation counts in a reply's subject too: missing one is worse
		// than a person reading a mail for nothing.
		for _, loc := range escalation.FindAllStringIndex(u.norm, -1) {
			if notEscalation.MatchString(u.norm[max(0, loc[0]-16):min(len(u.norm), loc[1]+16)]) &&
				strings.Contains(u.norm[loc[0]:loc[1]], "aangifte") {
				continue
			}
			a.escalation = append(a.escalation, fmt.Sprintf("%s: escalation (%q)", a.where(i), u.words(loc[0], loc[1])))
		}
	}
	for i := range a.units {
		arrivals.each(a.units[i].norm, func(r *rule, from, to int) {
			if f := a.arrival(i, r, from, to); f != nil {
				a.arrivals = append(a.arrivals, f)
			}
		})
	}
	a.findings = append(a.findings, a.arrivals...)
	for i := range a.units {
		rules.each(a.units[i].norm, func(r *rule, from, to int) {
			if f := a.match(i, r, from, to); f != nil {
				a.findings = append(a.findings, f)
			}
		})
	}
	a.applyVetoes()
	a.applyArrivals()
	a.preferSpecific()
}

// arrival judges a match of an arrival rule: it is the customer's
// statement that the order arrived unless negated, asked, hypothetical,
// reported from what the shop says, about part of an order or an earlier
// one, or in a reply's subject.
func (a *analysis) arrival(i int, r *rule, from, to int) *finding {
	u := &a.units[i]
	first, last := u.tokenAt(from), u.tokenAt(to-1)
	if first < 0 || a.replySubject && i < a.nsubj || r.object && a.aboutSomethingElse(u, first, last) {
		return nil
	}
	cf, _ := u.clause(first)
	sf, st := u.scope(first)
	near := u.joined(max(cf, first-3), last+1)
	switch {
	case r.neg && negated(u, cf, first, last),
		u.question && a.question(u, first),
		conditionalBefore(u, sf, first),
		asksBeforeBuying(u, sf, st),
		reported.MatchString(u.norm),
		earlierOrder.MatchString(u.norm),
		partial.MatchString(near),
		number.MatchString(near) && !whole.MatchString(near):
		return nil
	}
	return &finding{r: r, unit: i, tok: first, last: last, words: u.words(from, to)}
}

// applyArrivals turns off the claims of non-delivery that a statement
// that the order arrived contradicts: about the same order and product,
// and not about a part still missing. A complaint about what the order
// did not bring is then disappointment (the rules that need needArrived).
func (a *analysis) applyArrivals() {
	if len(a.arrivals) == 0 {
		return
	}
	arrived := map[string]bool{}
	everything := false
	for _, f := range a.arrivals {
		u := &a.units[f.unit]
		ks := kinds(u, f.tok, f.last+1)
		if len(ks) == 0 {
			ks = kinds(u, 0, len(u.toks))
		}
		if len(ks) == 0 {
			everything = true
		}
		for _, k := range ks {
			arrived[k] = true
		}
	}
	for _, f := range a.findings {
		if f.r.cat != NonDelivery || f.r.kind != claim || f.neutral != "" || f.r.part {
			continue
		}
		u := &a.units[f.unit]
		if anotherOrder.MatchString(u.norm) || !everything && otherProduct(u, f.tok, arrived) {
			continue
		}
		f.neutral = fmt.Sprintf("contradicted: %s (%q)", a.arrivals[0].r.what, a.arrivals[0].words)
	}
}

// kinds returns the kinds of product named in tokens [from, to) of u.
func kinds(u *unit, from, to int) []string {
	var out []string
	for k := from; k < to; k++ {
		for _, p := range productKinds {
			if p.re.MatchString(u.toks[k].w) && !slices.Contains(out, p.kind) {
				out = append(out, p.kind)
			}
		}
	}
	return out
}

// otherProduct reports whether the part of u's clause around token i (from
// its last "maar" / "but") names a product that did not arrive, and not as
// something the customer hoped to get more of.
func otherProduct(u *unit, i int, arrived map[string]bool) bool {
	from, to := u.clause(i)
	for k := i; k > from; k-- {
		if adversative[u.toks[k].w] {
			from = k
			break
		}
	}
	for k := from; k < to; k++ {
		for _, p := range productKinds {
			if arrived[p.kind] || !p.re.MatchString(u.toks[k].w) {
				continue
			}
			if k > 0 && moreOf.MatchString(u.joined(max(0, k-2), k)) {
				continue
			}
			return true
		}
	}
	return false
}

// preferSpecific drops a non-delivery reading of words that a
// not-as-described rule reads more specifically ("none of the views show
// up in my analytics" are views that are not counted).
func (a *analysis) preferSpecific() {
	for _, f := range a.findings {
		if f.r.cat != NonDelivery || f.neutral != "" {
			continue
		}
		for _, g := range a.findings {
			if g.r.cat == NotAsDescribed && g.r.kind == claim && g.neutral == "" && g.unit == f.unit && g.tok <= f.last && f.tok <= g.last {
				f.neutral = "read more specifically as " + g.r.what
				break
			}
		}
	}
}

// match judges one match of r in unit i: whether it counts, and if not, why.
func (a *analysis) match(i int, r *rule, from, to int) *finding {
	u := &a.units[i]
	first, last := u.tokenAt(from), u.tokenAt(to-1)
	if first < 0 {
		return nil
	}
	switch r.need {
	case needProdUnit:
		if !prodWord.MatchString(u.norm) && !(i < a.nsubj && a.hasProd) {
			return nil
		}
	case needProdMail:
		if !a.hasProd {
			return nil
		}
	case needOrderMail:
		if !a.hasOrder {
			return nil
		}
	case needSubMail:
		if !a.hasSub {
			return nil
		}
	case needRecvUnit:
		if !recvWord.MatchString(u.norm) {
			return nil
		}
	case needArrived:
		if len(a.arrivals) == 0 {
			return nil
		}
	}
	if r.object && a.aboutSomethingElse(u, first, last) {
		return nil
	}
	f := &finding{r: r, unit: i, tok: first, last: last, words: u.words(from, to), weak: r.weak}
	if i < a.nsubj && (a.replySubject || r.kind == moneyBack && !request.MatchString(u.norm)) {
		// A reply's subject is the shop's; a bare "Refund" in a subject asks nothing yet.
		f.weak = true
	}
	cf, ct := u.clause(first)
	if r.kind == topic {
		if r.asked && !u.question && !request.MatchString(u.norm) || r.neg && negatedTopic(u, cf, first, last) {
			return nil
		}
		return f
	}
	clause := u.joined(cf, ct)
	sf, st := u.scope(first)
	neg := -1
	if r.neg {
		neg = negation(u, cf, first, last)
	}
	switch {
	case neg >= 0:
		f.neutral = negatedWords
		if neg < first {
			f.words = u.words(u.offs[neg], to)
		}
	case asksBeforeBuying(u, sf, st):
		f.neutral = presaleWords
	case conditionalBefore(u, sf, first),
		r.kind == moneyBack && u.question && conditionalIn(u, sf, st):
		f.neutral = ifWords
	case r.q == qModal && (hearsay.MatchString(u.norm) || usually.MatchString(u.norm) && !mine.MatchString(u.norm)):
		f.neutral = hearsayWords
	case otherShop.MatchString(u.norm):
		f.neutral = elsewhere
	case r.cat == NonDelivery && fine.MatchString(u.norm):
		f.neutral = fineWords
	case a.next && earlier.MatchString(u.norm):
		f.neutral = earlierWords
	case a.question(u, first):
		switch r.q {
		case qModal:
			switch {
			case why.MatchString(clause):
			case modal.MatchString(clause):
				f.neutral = mayWords
			case !own.MatchString(clause):
				f.neutral = generalWords
			}
		case qOwn:
			if generic.MatchString(clause) || !own.MatchString(clause) && !request.MatchString(clause) {
				f.neutral = generalWords
			}
		}
		if r.kind == moneyBack {
			f.weak = true
		}
	}
	return f
}

// asksBeforeBuying reports whether tokens [from, to) of u ask something
// before buying: "stel dat", "before I order", or a wish to buy that is
// not negated.
func asksBeforeBuying(u *unit, from, to int) bool {
	if from >= to {
		return false
	}
	text := u.joined(from, to)
	if presale.MatchString(text) {
		return true
	}
	base := u.offs[from]
	for _, loc := range wish.FindAllStringIndex(text, -1) {
		first, last := u.tokenAt(base+loc[0]), u.tokenAt(base+loc[1]-1)
		if !negated(u, from, first, last) {
			return true
		}
	}
	return false
}

// aboutSomethingElse reports whether the words of a non-delivery match and
// the few after it are about a mail, an invoice or money rather than the
// product ("ik heb de bevestigingsmail niet ontvangen").
func (a *analysis) aboutSomethingElse(u *unit, first, last int) bool {
	if inner := u.joined(first+1, last); nonprod.MatchString(inner) && !prodOnly.MatchString(inner) {
		return true // "niet het beoogde effect gehad"
	}
	span := u.joined(max(0, first-3), min(len(u.toks), last+4))
	return nonprod.MatchString(span) && !prodOnly.MatchString(span)
}

// joined returns the normalised text of tokens [from, to).
func (u *unit) joined(from, to int) string {
	if from >= to {
		return ""
	}
	end := len(u.norm)
	if to < len(u.toks) {
		end = u.offs[to] - 1
	}
	return u.norm[u.offs[from]:end]
}

// question reports whether token i is in the asking part of a question: the
// last clause of a sentence ending in a question mark, or a clause that
// opens with a question word.
func (a *analysis) question(u *unit, i int) bool {
	if !u.question {
		return false
	}
	cf, ct := u.clause(i)
	if ct == len(u.toks) {
		return true
	}
	return opensQuestion[u.toks[cf].w]
}

var adversative = map[string]bool{"maar": true, "but": true, "echter": true, "however": true, "terwijl": true, "whereas": true, "toch": true}

var opensQuestion = map[string]bool{
	"hoe": true, "wanneer": true, "waarom": true, "wat": true, "waar": true, "welke": true,
	"kan": true, "kun": true, "kunnen": true, "mag": true, "zal": true, "zullen": true,
	"gaan": true, "gaat": true, "blijven": true, "blijft": true, "is": true, "zijn": true,
	"how": true, "when": true, "why": true, "what": true, "where": true, "which": true,
	"can": true, "could": true, "will": true, "would": true, "do": true, "does": true,
	"are": true, "should": true, "may": true,
}

// negated reports whether a negation stands in the three words before the
// match (within its clause) or inside it, and is not "niet meer" / "no
// longer", which ends something rather than denies it.
func negated(u *unit, clauseFrom, first, last int) bool {
	return negation(u, clauseFrom, first, last) >= 0
}

// negation returns the token index of the negation negated looks for, or -1.
func negation(u *unit, clauseFrom, first, last int) int {
	for k := max(clauseFrom, first-3); k <= last; k++ {
		w := u.toks[k].w
		if !negator[w] && !strings.HasSuffix(w, "n't") && !(w == "plaats" && k > 0 && u.toks[k-1].w == "in") {
			continue
		}
		if k+1 < len(u.toks) && cessation[u.toks[k+1].w] {
			continue
		}
		return k
	}
	return -1
}

// negatedTopic is negated for a topic: "instead" inside "use this video
// instead" is part of the request, not a negation of it.
func negatedTopic(u *unit, clauseFrom, first, last int) bool {
	if negation(u, clauseFrom, first, first-1) >= 0 {
		return true
	}
	for k := first; k <= last; k++ {
		if w := u.toks[k].w; (negator[w] || strings.HasSuffix(w, "n't")) && w != "instead" && w != "ipv" {
			return true
		}
	}
	return false
}

// conditionalBefore reports whether a conditional ("als", "if", "stel
// dat") opens before token i in its scope, and no "maar" / "but" opens a
// new main clause in between, so that what follows is hypothetical.
func conditionalBefore(u *unit, scopeFrom, i int) bool {
	for k := i - 1; k > scopeFrom; k-- {
		if adversative[u.toks[k].w] {
			scopeFrom = k
			break
		}
	}
	for k := scopeFrom; k <= i && k < len(u.toks); k++ {
		if k > 0 && comparison[u.toks[k-1].w] {
			continue // "voelt als", "as if": a comparison, no condition
		}
		rest := u.joined(k, min(len(u.toks), k+6))
		if loc := conditional.FindStringIndex(rest); loc != nil && loc[0] == 0 && !perception.MatchString(rest) {
			return true
		}
	}
	return false
}

// comparison are the words after which "als" or "if" compares rather than
// sets a condition ("het voelt als weggegooid geld", "it feels as if").
var comparison = map[string]bool{
	"voelt": true, "voelde": true, "voelen": true, "voel": true, "lijkt": true, "leek": true, "lijken": true,
	"klinkt": true, "net": true, "precies": true, "zo": true, "even": true, "zowel": true, "bijna": true,
	"evenveel": true, "meer": true, "minder": true, "beter": true, "slechter": true, "anders": true, "as": true,
}

// conditionalIn reports whether a conditional opens anywhere in tokens
// [from, to) of u: "krijg ik mijn geld terug als ...?" asks about a case.
func conditionalIn(u *unit, from, to int) bool {
	return to > from && conditionalBefore(u, from, to-1)
}

// applyVetoes turns off claims that a topic in the same sentence explains
// ("charged twice, please refund one" is not unhappiness), then those that
// a claim that still counts explains ("ordered by accident, it has not
// started yet" makes no claim that it did not arrive).
func (a *analysis) applyVetoes() {
	for _, byClaims := range []bool{false, true} {
		for _, t := range a.findings {
			if (t.r.kind != topic) != byClaims || len(t.r.veto) == 0 || t.neutral != "" {
				continue
			}
			for _, f := range a.findings {
				if f == t || f.r.kind == topic || f.neutral != "" || !slices.Contains(t.r.veto, f.r.cat) {
					continue
				}
				if f.unit == t.unit || t.r.mailVeto && f.r.kind == moneyBack || t.r.subjectVeto && f.unit < a.nsubj {
					f.neutral = "explained by " + t.r.what
				}
			}
		}
	}
}

// tally is the evidence for one category.
type tally struct {
	cat    Category
	strong int
	weak   int
	first  int // position of the first claim
	claims []*finding
}

func (t *tally) add(f *finding, pos int) {
	if len(t.claims) == 0 || pos < t.first {
		t.first = pos
	}
	t.claims = append(t.claims, f)
	if f.weak {
		t.weak++
	} else {
		t.strong++
	}
}

// decide turns the findings into the result and its reasons.
func (a *analysis) decide(r *Result) {
	if len(a.escalation) > 0 {
		r.Escalation = true
		r.Reasons = append(r.Reasons, a.escalation...)
	}
	tallies, money := a.tally()
	notes := a.resolve(tallies, money)

	var ts []*tally
	for _, c := range Categories {
		if t := tallies[c]; t != nil {
			ts = append(ts, t)
		}
	}
	slices.SortStableFunc(ts, func(x, y *tally) int { return cmp.Compare(x.first, y.first) })
	r.Reasons = append(r.Reasons, a.explain(ts)...)
	r.Reasons = append(r.Reasons, notes...)

	if len(ts) == 0 {
		r.Category, r.Requests, r.Confident = Other, []Category{Other}, true
		for _, f := range a.findings {
			if f.r.kind != topic && (f.neutral != "" || f.weak) {
				r.Confident = false
			}
		}
		if r.Confident {
			r.Reasons = append(r.Reasons, "no claim: other")
		} else {
			r.Reasons = append(r.Reasons, "no claim, but words of one: other, not confident")
		}
		dedupe(r)
		return
	}

	type request struct {
		cat   Category
		first int
	}
	reqs := make([]request, 0, len(ts)+1)
	for _, t := range ts {
		reqs = append(reqs, request{t.cat, t.first})
	}
	if others := a.otherRequests(); len(others) > 0 {
		o := others[0]
		reqs = append(reqs, request{Other, a.pos(o)})
		r.Reasons = append(r.Reasons, fmt.Sprintf("%s: a request of another kind too, %s (%q)", a.where(o.unit), o.r.what, o.words))
	}
	slices.SortStableFunc(reqs, func(x, y request) int { return cmp.Compare(x.first, y.first) })
	for _, q := range reqs {
		r.Requests = append(r.Requests, q.cat)
	}
	r.Category = r.Requests[0]

	r.Confident = true
	for _, t := range ts {
		if doubt := a.doubt(t); doubt != "" {
			r.Confident = false
			r.Reasons = append(r.Reasons, fmt.Sprintf("not confident: %s %s", t.cat, doubt))
		}
	}
	if r.Confident {
		r.Reasons = append(r.Reasons, fmt.Sprintf("category %s, confident", r.Category))
	}
	dedupe(r)
}

// tally counts the claims per category; asks for money back are returned
// apart, as they take the category of the claim they go with.
func (a *analysis) tally() (map[Category]*tally, []*finding) {
	tallies := map[Category]*tally{}
	var money []*finding
	for _, f := range a.findings {
		switch {
		case f.r.kind == topic || f.neutral != "":
		case f.r.kind == moneyBack:
			money = append(money, f)
		default:
			t := tallies[f.r.cat]
			if t == nil {
				t = &tally{cat: f.r.cat}
				tallies[f.r.cat] = t
			}
			t.add(f, a.pos(f))
		}
	}
	return tallies, money
}

// resolve applies PRODUCT.md's readings to the tallies: money back with no
// ground is dissatisfied, a specific ground beats unhappiness, a
// cancellation's refund and reason are part of it, weak evidence gives way
// to strong, and weak words in a mail that asks make no claim. It returns
// notes on what it did.
func (a *analysis) resolve(tallies map[Category]*tally, money []*finding) []string {
	var notes []string
	drop := func(c Category, why string) {
		delete(tallies, c)
		notes = append(notes, why)
	}
	if len(money) > 0 {
		if len(tallies) == 0 || len(tallies) == 1 && tallies[Dissatisfied] != nil {
			// Money back with no ground, or with unhappiness only, is dissatisfied.
			t := tallies[Dissatisfied]
			if t == nil {
				t = &tally{cat: Dissatisfied}
				tallies[Dissatisfied] = t
			}
			for _, f := range money {
				t.add(f, a.pos(f))
			}
		} else {
			notes = append(notes, fmt.Sprintf("money back (%q) goes with the claim it is asked for", money[0].words))
		}
	}
	strong := false
	for _, t := range tallies {
		strong = strong || t.strong > 0
	}
	for _, c := range Categories {
		t := tallies[c]
		switch {
		case t == nil:
		case strong && t.strong == 0:
			drop(c, fmt.Sprintf("weak %s evidence gives way to strong evidence of another category", c))
		case !strong && (a.presale || a.asked(c)):
			drop(c, fmt.Sprintf("weak %s evidence in a mail that asks rather than claims: no claim", c))
		}
	}
	if d := tallies[Dissatisfied]; d != nil {
		switch {
		case tallies[NonDelivery] != nil || tallies[NotAsDescribed] != nil:
			drop(Dissatisfied, "a specific ground beats unhappiness: not dissatisfied")
		case tallies[CancelRecurring] != nil && !a.separateUnhappiness(d, tallies[CancelRecurring]):
			drop(Dissatisfied, "unhappiness is the reason for the cancellation: one request")
		}
	}
	return notes
}

// explain says, for people, which words led where.
func (a *analysis) explain(ts []*tally) []string {
	var out []string
	for _, t := range ts {
		for _, f := range t.claims {
			what := f.r.what
			if f.r.kind == moneyBack {
				what = "asks for money back"
			}
			if f.weak {
				what += ", weak"
			}
			out = append(out, fmt.Sprintf("%s: %s claim, %s (%q)", a.where(f.unit), t.cat, what, f.words))
		}
	}
	for _, f := range a.findings {
		switch {
		case f.r.kind == topic:
			out = append(out, fmt.Sprintf("%s: %s, no claim (%q)", a.where(f.unit), f.r.what, f.words))
		case f.neutral != "":
			out = append(out, fmt.Sprintf("%s: %s words %s, no claim (%q)", a.where(f.unit), f.r.cat, f.neutral, f.words))
		}
	}
	return out
}

// asked reports whether words of category c were found in a question, a
// hypothetical or a question asked before buying.
func (a *analysis) asked(c Category) bool {
	for _, f := range a.findings {
		if f.r.cat == c && f.r.kind != topic && asking[f.neutral] {
			return true
		}
	}
	return false
}

// separateUnhappiness reports whether the unhappiness d is about something
// else than the subscription cancelled in c: said in its own sentences, about
// a product or order ("not impressed with the likes I bought; also stop my
// plan" asks two things).
func (a *analysis) separateUnhappiness(d, c *tally) bool {
	cancelUnits := map[int]bool{}
	for _, f := range c.claims {
		cancelUnits[f.unit] = true
	}
	for _, f := range d.claims {
		if f.r.kind == moneyBack || f.weak || cancelUnits[f.unit] {
			continue
		}
		u := &a.units[f.unit]
		if prodOnly.MatchString(u.norm) && !subWord.MatchString(u.norm) {
			return true
		}
	}
	return false
}

// otherRequests returns the topics that are requests of their own: asked
// for in a question or with words of asking, said to be needed, stated
// where the topic's words are a request by themselves, or introduced as a
// further matter ("Separately, our accountant …").
func (a *analysis) otherRequests() []*finding {
	var out []*finding
	for _, f := range a.findings {
		if f.r.kind != topic || !f.r.request || (a.replySubject && f.unit < a.nsubj) {
			continue
		}
		u := &a.units[f.unit]
		if u.question || !f.r.questionOnly && (f.r.stated || request.MatchString(u.norm) ||
			needs.MatchString(u.norm) || furthermore.MatchString(u.joined(0, f.tok))) {
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(x, y *finding) int { return cmp.Compare(a.pos(x), a.pos(y)) })
	return out
}

// doubt says why the evidence for t is not enough for a decision without a
// person, or "".
func (a *analysis) doubt(t *tally) string {
	switch {
	case t.strong == 0:
		return "rests on weak evidence only"
	case a.presale && t.strong < 2:
		return "claim in a mail that also asks before buying"
	case t.cat == CancelRecurring && !a.hasSub && a.orderOnly(t):
		return "names an order, not a subscription"
	case t.cat == NonDelivery && a.justOrdered:
		return "about an order placed moments ago"
	}
	for _, f := range a.findings {
		if f.r.kind == topic && slices.Contains(f.r.doubt, t.cat) {
			return "next to " + f.r.what + fmt.Sprintf(" (%q)", f.words)
		}
	}
	return ""
}

// orderOnly reports whether the sentences of a cancellation name an order
// ("cancel my order") and nothing that could be a subscription.
func (a *analysis) orderOnly(t *tally) bool {
	for _, f := range t.claims {
		if orderWord.MatchString(a.units[f.unit].norm) {
			return true
		}
	}
	return false
}

// dedupe drops repeated reasons, keeping the first of each.
func dedupe(r *Result) {
	seen := map[string]bool{}
	out := r.Reasons[:0]
	for _, s := range r.Reasons {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	r.Reasons = out
}

// language says "en" when the customer clearly writes English, else "nl".
func language(units []unit) string {
	en, nl := 0, 0
	for _, u := range units {
		for _, t := range u.toks {
			switch {
			case englishWords[t.w]:
				en++
			case dutchWords[t.w]:
				nl++
			}
		}
	}
	if en >= 3 && en > 2*nl {
		return "en"
	}
	return "nl"
}

var englishWords = setOf(`the and my i you your it not have has this that with for was are please
	received hi hello thanks can what would be of to a me but just still no did don't i'm it's
	order ordered any nothing yet since from they them there here will want like been get got`)

var dutchWords = setOf(`de het een en ik je jij jullie mijn m'n niet van voor met op dat die er nog wel
	maar heb heeft hebben zijn graag bedankt groet groetjes hoi hallo alvast geen niks ook kan kunnen
	wil wat hoe bestelling u uw dit te naar om al toch gewoon zo nu als besteld ontvangen is`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
