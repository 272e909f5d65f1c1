package classify

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
)

// The rules are regular expressions over a unit's normalised text: lower
// case words without accents, separated by single spaces, with "," ":"
// "?" as words of their own. The {NAME} macros below stand for the word
// families that many rules share, so that a rule reads like the phrase it
// recognises. All tables in this file are built once and never written
// afterwards.

// macros are the shared word families.
var macros = []struct{ name, re string }{
	// Gaps of up to n words that do not cross a comma or colon.
	{"{G1}", `(?:[^ ,:]+ )?`},
	{"{G2}", `(?:[^ ,:]+ ){0,2}`},
	{"{G3}", `(?:[^ ,:]+ ){0,3}`},
	{"{G4}", `(?:[^ ,:]+ ){0,4}`},
	{"{G6}", `(?:[^ ,:]+ ){0,6}`},
	{"{NUM}", `\d[\d.,]*k?`},
	{"{PAYER}", `(?:paypal|bank|banks|kaartuitgever|creditcard ?maatschappij|creditcard|credit card(?: company| issuer)?|visa|mastercard|amex|klarna)`},
	{"{NUMW}", `(?:\d+|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|vijftien|twintig|dertig|a|an|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty)`},
	{"{MINE}", `(?:mijn|m'n|me|mij|onze|ons|my|our|mine|mn|mijne)`},
	// Negators.
	{"{NEG}", `(?:niet|geen|niks|nooit|not|no|never|nothing|none|zero|nul|0|nada|[a-z]+n't|cannot|nergens|nicht|nichts|kein\w*|noch nicht|n'\w+|rien|jamais|aucun\w*)`},
	// Nothing at all: a negator that needs no object to make a claim.
	{"{NOTHING}", `(?:niks|nothing|nada|none|zero|nul|0|geen enkele?|geen een|geen 1|niet een|niet 1|not a single|not one|not even one|not any|nichts|rien)`},
	// What a customer receives: verbs of arriving and seeing.
	{"{RECV}", `(?:ontvang\w*|gekregen|krijg\w*|kreeg|kregen|gehad|binnen\w*|aangekomen|aankomen|aan gekomen|gearriveerd|arriveren|toegekomen|toekomen|geleverd|leveren|levert|bezorgd|gezien|zie|zien|gemerkt|merk\w*|bijgekomen|bij gekomen|erbij gekomen|erbij|bijgeschreven|verschenen|zichtbaar|gestart|begonnen|gebeurd|komen|komt|kwam|kwamen|gekomen|reflect\w*|come through|came through|fulfilled|completed|executed|uitgevoerd|afgerond|voltooid|received|receive|receiving|got|gotten|get|getting|gained|gain|arrived|arrive|arriving|delivered|deliver|credited|added|seen|see|seeing|noticed|showed|shown|shows|show|showing|appeared|appear|come|came|coming|started|begun|start|happened|turned up|turn up|kicked in|erhalten|bekommen|angekommen|geliefert|recu|arrive|livre)`},
	// What the shop sells.
	{"{PROD}", `(?:volgers?|\w+volgers?|followers?|\w+followers?|follows|likes?|\w+likes|hartjes|views?|\w+views|weergave\w*|kijkers|viewers|comments?|reacties|opmerkingen|abonnees|\w+abonnees|subscribers|subs|members|leden|plays|streams|luisteraars|listeners|shares|saves|impressies|impressions|retweets|reposts|engagement|kijkcijfers|stemmen|votes|abonnes|abonnenten|aufrufe|vues|commentaires|kommentare|j'aime)`},
	// What a customer orders.
	{"{ORDER}", `(?:bestellung\w*|bestellt|commande\w*|bestelling\w*|\w+bestelling|order\w*|pakket\w*|package\w*|aankoop\w*|purchase\w*|boost\w*|campagne\w*|campaign\w*|levering\w*|delivery|deliveries|besteld|bestelde|ordered|bought|gekocht|kocht|betaald|paid|promotie|promotion|dienst|service)`},
	// A subscription and its payments.
	// Slang and shortenings count ("abbo", "abootje", "sub", "subscr").
	// Where a subscription opens a phrase, "plan" counts only after a word
	// that makes it a noun ({SUBD}: "I plan to stop posting" stops no plan).
	{"{SUB}", `(?:{SUBD}|plans?)`},
	{"{SUBD}", `(?:\w*ab{1,2}on{1,2}e{1,2}ments?\w*|ab{1,2}o{1,2}s?|ab{1,2}o{1,2}tje\w*|subscription\w*|subscribtion\w*|subscr|subscrip|subsc|sub|membership\w*|members ?ship|lidmaatschap\w*|(?:{MINE}|the|this|that|het|dit|dat|de|je|your|jullie|monthly|maandelijkse?|huidige|current|premium|basic|pro|starter|likes|volgers|followers|views|tiktok|instagram|insta|youtube|growth|groei) plans?|\w+plan|maandpakket\w*|maandabo\w*|maandelijks\w*|monthly|recurring|terugkerend\w*|incasso\w*|machtiging\w*|afschrijving\w*|verlenging\w*|auto ?renew\w*|renewal\w*|billing|herhaal\w*|groeipakket\w*)`},
	// Verbs of ending a subscription.
	{"{CANCEL}", `(?:opzeg\w*|opgezegd|op ?zeggen|op te zeggen|beeindig\w*|stopzet\w*|stop ?zetten|stop te zetten|stopgezet|uitschrijv\w*|uit te schrijven|uitgeschreven|annuleer\w*|annuler\w*|geannuleerd|annul\w*|cancel\w*|terminat\w*|discontinu\w*|unsubscrib\w*|afmeld\w*|opheff\w*|kundig\w*|resilier\w*|deactiv\w*)`},
	{"{STOP}", `(?:stop|stoppen|stopt|stopped|stopping|gestopt|end|ending|finish|quit|halt|turn off|switch off|uitzetten|uit te zetten|uitschakel\w*|disable|beenden)`},
	// Ending payments: a negation, a word of "no more", a verb of paying.
	{"{NEGC}", `(?:geen|niet|no|not|don't|do not|never|nooit|nicht|stop|stoppen)`},
	{"{CESS}", `(?:meer|more|again|anymore|any more|opnieuw|weer|nog een keer|nogmaals|langer|longer)`},
	{"{PAYV}", `(?:afgeschreven|afschrijven|af te schrijven|afhalen|af te halen|geincasseerd|incasseren|charge|charged|charges|charging|bill|billed|billing|debit|debited|betalen|betaling\w*|pay|paying|payments?|verlengd|verlengen|renew\w*|abgebucht|afschrijving\w*|incasso\w*)`},
	// A number that went down after it arrived ("only 1400 left").
	{"{DROPPED}", `(?:nog maar|only|maar|slechts|nog) {NUM} (?:\S+ )?(?:over|left|remaining)|{NUM} (?:\S+ )?(?:left|remaining)|{NUM} (?:\S+ )?over(?: , \S+|$)|(?:blijven er|er blijven|zijn er nog|there are only|there's only|only remain|remain only|remains only) {G2}{NUM}|(?:nog maar|only|slechts) {NUM} (?:\S+ )?(?:remain|remains|over)`},
	// Languages and nationalities.
	{"{LANG}", `(?:{DUTCH}|{FOREIGN})`},
	{"{DUTCH}", `(?:nederlands\w*|dutch|hollands\w*|vlaams\w*|flemish|belgisch\w*|belgian)`},
	{"{FOREIGN}", `(?:engels\w*|english|brits\w*|british|amerikaans\w*|american|duits\w*|german|frans\w*|french|spaans\w*|spanish|portuge\w*|portuguese|braziliaans\w*|brazilian|italiaans\w*|italian|pools\w*|polish|turks\w*|turkish|russisch\w*|russian|arabisch\w*|arabic|hindi|indiaas\w*|indisch\w*|indian|chinees|chinese|indonesisch\w*|indonesian)`},
	// What counts what the customer ordered.
	{"{COUNTER}", `(?:\w*(?:teller|counter|aantal|count|number|stand|stats?|statistieken|cijfers|numbers|getal)\w*)`},
	// What a customer hopes an order brings.
	{"{EFFECT}", `(?:bereik|reach|engagement|interactie|interaction|klanten|klant|customers?|clients?|sales|verkoop|omzet|dm'?s|berichten|messages|orders|bestellingen|boekingen|bookings|traffic|verkeer|bezoekers|visitors|groei|growth|zichtbaarheid|visibility|exposure)`},
	// Who or what arrived, in a statement that an order arrived.
	{"{ARRSUBJ}", `(?:{PROD}|{ORDER}|ze|zij|they|it|het|die|these|those|alles|everything|all|allemaal|de rest|the rest|de volgers|the followers)`},
	// Details of a customer other than the social media account.
	{"{DETAILS}", `(?:rekeningnummer\w*|iban|bankgegevens|bank ?details|bankrekening\w*|bank ?account\w*|betaalgegevens|payment (?:details|info\w*)|kaartgegevens|card details|factuuradres\w*|factuurgegevens|facturatiegegevens|billing (?:address|details|info\w*)|invoice (?:address|details)|bedrijfsnaam|bedrijfsgegevens|company (?:name|details)|contactgegevens|contact (?:details|info\w*)|adresgegevens|klantgegevens|accountgegevens|account details|telefoonnummer|phone number|postadres|vestigingsadres)`},
	// Money back.
	{"{MONEY}", `(?:refund\w*|terugbetal\w*|terug te betalen|terugstort\w*|teruggestort|terug te storten|restitutie|reimburs\w*|geld ?terug\w*|money back|geld zuruck|erstatt\w*|rembours\w*)`},
	{"{MONEYW}", `(?:refund\w*|terugbetal\w*|terugstort\w*|teruggestort|restitutie|reimburs\w*|geld|money|bedrag|erstatt\w*|rembours\w*)`},
	// Things a customer may miss that are not the product.
	{"{NONPROD}", `(?:\w*mail\w*|bevestiging\w*|\w+bevestiging|confirmation\w*|bon|bonnetje|receipt\w*|factu\w*|invoice\w*|wachtwoord\w*|password\w*|link|code|codes|nieuwsbrie\w*|newsletter\w*|antwoord|reply|response|answer|bericht|berichten|message|messages|sms|verificatie\w*|verification|inlog\w*|login|refund\w*|terugbetal\w*|geld|money|bedrag|afspraken|klanten|customers|sales|omzet|value|waarde|meerwaarde|nut|zin|point|sense|verschil|difference|effect|resultaat|results?|improvement|verbetering|growth|groei|statement|afschrift|bankafschrift|rekening|bankrekening|saldo|balance|card|kaart|creditcard|paypal|bank|iban)`},
}

// expand replaces the macros in a rule's pattern and compiles it with word
// boundaries around it.
func expand(p string) *pattern {
	for strings.Contains(p, "{") { // macros may use macros
		q := p
		for _, m := range macros {
			q = strings.ReplaceAll(q, m.name, m.re)
		}
		if q == p {
			break // a brace of the pattern's own, such as x{2}
		}
		p = q
	}
	return newPattern(`(?:^|\b)(?:` + p + `)(?:\b|$)`)
}

// kind says what a rule's match means.
type kind int

const (
	claim     kind = iota // a claim of the rule's category
	moneyBack             // asks for money back: dissatisfied when no ground is given
	topic                 // a question or request that makes no claim (other)
)

// qmode says how a question around the match changes it.
type qmode int

const (
	qClaim qmode = iota // still a claim when asked ("where is my order?")
	qModal              // no claim in a question about what will or may happen ("will they drop?")
	qOwn                // no claim in a question unless it is about the customer's own order or plan
)

// need is the context a rule needs to count.
type need int

const (
	needNone      need = iota
	needProdUnit       // a product or order word in the same sentence
	needProdMail       // a product or order word somewhere in the mail
	needOrderMail      // words of an order placed somewhere in the mail
	needSubMail        // a subscription word somewhere in the mail
	needRecvUnit       // a verb of receiving in the same sentence
	needArrived        // a statement that the order arrived somewhere in the mail
)

// rule is one phrase family.
type rule struct {
	cat  Category
	kind kind
	what string // what the words show, for reasons
	p    string // the pattern, with macros
	weak bool   // evidence, not proof: cannot make a confident claim alone
	neg  bool   // a negation before or inside the match turns it off
	q    qmode  // how a question changes it
	need need
	// object: the words in and around the match must not be about
	// something other than the product (a mail, an invoice, money).
	object bool
	// unless: the rule does not count in a sentence that matches this.
	unless string
	// part: a claim that part of an order is missing, which a statement
	// that the order arrived does not contradict.
	part bool

	// veto: claims of these categories in the same sentence do not count
	// (when this rule's own match counts).
	veto []Category

	// Topic rules only.
	mailVeto bool // the veto applies to money back in the whole mail
	// subjectVeto: the veto applies to the subject too ("Uitschrijven" over
	// a mail about the newsletter).
	subjectVeto bool
	// request: a request of its own when asked for, needed or introduced
	// as a further matter (adds other to the requests).
	request bool
	// stated: a request of its own even when only stated ("my bank
	// details have changed" asks to update them).
	stated bool
	// questionOnly: a request of its own only in a question, not after
	// "ik wil" ("ik wil de volle prijs terug" asks for money, not a price).
	questionOnly bool
	asked        bool // counts only in a question or a sentence that asks for something
	// doubt: claims of these categories anywhere in the mail are not
	// confident when this topic is there ("stopzetten" next to a pause).
	doubt []Category

	// alts are the alternatives of p, compiled apart: each one is a small
	// program that runs only when its own literals occur (see prefilter.go).
	alts     []*pattern
	unlessRe *pattern // unless compiled
}

// ruleSet is a list of compiled rules with the prefilter of all their
// alternatives (see prefilter.go).
type ruleSet struct {
	list   []rule
	filter *prefilter
	base   []int // base[k] is the index in filter of list[k]'s first alternative
}

// newRuleSet compiles the patterns of rs and indexes their literals.
func newRuleSet(rs []rule) *ruleSet {
	set := &ruleSet{list: rs, base: make([]int, len(rs))}
	var patterns []string
	for i := range rs {
		set.base[i] = len(patterns)
		for _, alt := range alternatives(rs[i].p) {
			p := expand(alt)
			rs[i].alts = append(rs[i].alts, p)
			patterns = append(patterns, p.String())
		}
		if rs[i].unless != "" {
			rs[i].unlessRe = expand(rs[i].unless)
		}
	}
	set.filter = newPrefilter(patterns)
	return set
}

// each calls fn for every match in s of every rule of set whose unless
// does not match s, rule by rule.
func (set *ruleSet) each(s string, fn func(r *rule, from, to int)) {
	may := set.filter.candidates(s)
	for k := range set.list {
		r := &set.list[k]
		locs := r.find(s, may, set.base[k])
		if len(locs) == 0 || r.unlessRe != nil && r.unlessRe.MatchString(s) {
			continue
		}
		for _, loc := range locs {
			fn(r, loc[0], loc[1])
		}
	}
}

// alternatives splits a pattern at the "|" outside parentheses and
// character classes.
func alternatives(p string) []string {
	var out []string
	depth, class, start := 0, false, 0
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\':
			i++
		case class:
			class = c != ']'
		case c == '[':
			class = true
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			out = append(out, p[start:i])
			start = i + 1
		}
	}
	return append(out, p[start:])
}

// find returns the matches of r in s, leftmost first and not overlapping,
// as one pattern of all alternatives would: at the same start the
// alternative written first wins. may says which alternatives may match
// (ruleSet.filter; r's alternatives start at index base).
func (r *rule) find(s string, may []bool, base int) [][]int {
	var locs [][]int
	n := 0
	for j, alt := range r.alts {
		if !may[base+j] {
			continue
		}
		for _, loc := range alt.re.FindAllStringIndex(s, -1) {
			locs = append(locs, []int{loc[0], loc[1], j})
		}
		n++
	}
	if n > 1 {
		slices.SortStableFunc(locs, func(x, y []int) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[2], y[2])) })
		out, end := locs[:0], -1
		for _, loc := range locs {
			if loc[0] >= end {
				out = append(out, loc)
				end = max(loc[1], loc[0]+1)
			}
		}
		locs = out
	}
	return locs
}

// rules are the claims and topics, in no particular order.
var rules = newRuleSet([]rule{
	// non_delivery: nothing or part arrived, or the customer still waits.
	{cat: NonDelivery, what: "not received", q: qClaim, need: needProdUnit, object: true,
		p: `{NEG} {G3}{RECV}`,
		unless: `(?:accounts?|profielen|profiles?|channels?|kanalen|users) {G3}(?:met|with|zonder|without|die|that|who|hebben|have|has|heeft) {G3}(?:geen|no|zero|0|without|zonder|nul)` +
			`|{NEG} {G1}(?:geleidelijk\w*|gradual\w*|gespreid|natuurlijk\w*|op tijd|on time|zoals|as described|correct\w*|properly|tegelijk\w*)` +
			`|(?:in|on|op) {G2}(?:analytics|insights|statistieken|stats|studio|dashboard|statistics)`},
	{cat: NonDelivery, what: "not received", q: qClaim, need: needProdUnit, object: true,
		p: `(?:{PROD}|\w*(?:teller|counter|aantal|count|number))\w* {G3}{NEG} {G2}(?:go up|gone up|went up|goes up|increas\w*|grow\w*|grew|rise|risen|rose|omhoog|gestegen|stijgen|stijgt|toegenomen|toenemen|gegroeid|groeien|groeit)` +
			`|{PROD} (?:[^ ,:]+ ){0,8}(?:aren't|are not|isn't|is not|not|niet|nergens) {G1}(?:there|er|te zien|to be seen|visible|zichtbaar|showing)`,
		unless: `(?:bedrijf|business|zaak|klanten|customers|sales|omzet|afspraken|engagement|bereik|reach|interactie|succes\w*|success\w*|hoped|gehoopt|hoopte|expect\w*|verwacht\w*)`},
	{cat: NonDelivery, what: "not received", q: qClaim, need: needOrderMail, object: true,
		p:      `{NOTHING} (?:extra |nieuwe |new |additional |more |meer |enkele |single |one |een |1 )?{PROD}`,
		unless: `\w*accounts?|\w*profiel\w*|profiles?|bots?|nep\w*|fake\w*|\w*spook\w*|berichten|posts|foto's|photos|uploads|videos|(?:hebben|heeft|have|has|with|met|zelf|themselves|own) {G2}{NOTHING} {G1}{PROD}`},
	{cat: NonDelivery, what: "not received", q: qClaim, need: needOrderMail, object: true,
		p: `{NOTHING} {G3}{RECV}|(?:got|received|gekregen|ontvangen|kreeg|krijg|zie|see|saw|zag|gehad) {G2}{NOTHING}` +
			`|(?:nog|still|yet) (?:steeds |altijd )?(?:niks|nothing|nada|geen enkele?|geen een|geen 1|niet een|niet 1|not a single|not one)` +
			`|(?:geen|no|zero) (?:enkel |enig |a )?(?:spoor|sign|trace|teken)|nergens te (?:bekennen|zien|vinden)|nowhere to be (?:found|seen)` +
			`|(?:nog|still|yet) (?:steeds |altijd )?(?:niet|not|geen|no) {G3}{RECV}|(?:nog steeds|nog altijd|still|nog|not yet) (?:niet|not)?(?: , \S+|$)` +
			`|{NOTHING} {G3}(?:yet|so far|tot nu toe|till now|until now|as of now|tot op heden)|(?:and|en|but|maar|still|nog steeds|nog altijd) (?:nothing|niks|nada|zero|nul|none)(?: , \S+|$)|(?:have|has|am|are|still) yet to (?:see|receive|get)`,
		unless: `(?:accounts?|profielen|profiles?) {G3}(?:met|with|zonder|without|die|that|hebben|have|has) {G3}(?:geen|no|zero|0|without|zonder)` +
			`|(?:bedrijf|business|zaak|klanten|customers|sales|omzet|afspraken|engagement|bereik|reach|interactie|succes\w*|success\w*)`},
	{cat: NonDelivery, what: "still nothing", q: qClaim, need: needRecvUnit, object: true,
		p: `(?:maar|but|and|en) (?:nog |still |yet )?(?:geen|no|zero|0|nul) (?:enkele |single |new |nieuwe |extra )?{PROD}(?: , \S+| yet| so far| tot nu toe| nog| at all| whatsoever|$)`},
	{cat: NonDelivery, what: "still nothing", q: qClaim, object: true,
		p: `(?:nog steeds|nog altijd|still) (?:geen|no|zero|0|nul|niks|nothing) {G1}{PROD}|{PROD} {G4}(?:staan|staat|zijn|is|are) (?:er )?(?:nog steeds |nog altijd |still )(?:niet|not)`},
	{cat: NonDelivery, what: "counter has not moved", q: qClaim, need: needProdMail,
		p: `(?:nog steeds|nog altijd|still) {G2}(?:hetzelfde|the same|precies hetzelfde|exactly the same|dezelfde|evenveel|net zoveel)` +
			`|(?:zelfde|hetzelfde|same|dezelfde|evenveel|net zoveel|as many) (?:\S+ ){0,4}(?:als eerst|as before|like before|zoals eerst|als voor|als daarvoor|as it was|where it was)`,
		unless: `(?:bedrijf|business|zaak|klanten|customers|sales|omzet|afspraken|engagement|bereik|reach|interactie|dm|dms|weinig|few|nauwelijks|hardly)`},
	{cat: NonDelivery, what: "counter has not moved", q: qClaim, need: needOrderMail,
		p: `\w*(?:teller|counter|aantal|count|number|stand|stats?|statistieken)\w* {G4}(?:staat stil|stil|beweegt niet|moved|bewogen|changed|veranderd|hetzelfde|the same|gelijk|stuck|vast|budged|frozen|bevroren|static|stagnant|flat|unchanged|onveranderd|stationary|stalled)` +
			`|(?:nog steeds|nog altijd|still|blijft|stuck|staat nog|staan nog|zit nog|zit ik nog|zitten nog|sits|sitting) {G1}(?:op|at|on|rond|around) (?:exactly |precies )?{NUM}` +
			`|(?:nog steeds|nog altijd|still|stuck|staat nog|zit nog|zit ik nog) (?:exactly |precies )?{NUM} {G1}{PROD}` +
			`|(?:nog steeds|nog altijd|still|blijft|staat nog|zit nog) (?:op |at )?(?:hetzelfde|the same|precies hetzelfde|exactly the same)` +
			`|(?:zelfde|hetzelfde|same|dezelfde) (?:aantal|number|count|amount|stand)|(?:evenveel|net zoveel|even veel|just as many|as many|the same number of|the same amount of) {G2}{PROD}` +
			`|\w*(?:teller|counter|aantal|count|number|stand)\w* {G6}(?:where it was|where they were|waar (?:hij|het|ie|ze) (?:was|stond|zat|waren|stonden|zaten)|als eerst|as before|like before|zoals eerst|as it was|zoals het was|(?:al|already) {G2}(?:dagen|days))`,
		unless: `(?:bedrijf|business|zaak|klanten|customers|sales|omzet|afspraken|engagement|bereik|reach|interactie|dm|dms|weinig|few|nauwelijks|hardly)`},
	{cat: NonDelivery, what: "counter has not moved", q: qModal, need: needProdMail,
		p: `(?:{COUNTER}|{PROD}) {G4}(?:staat|staan|stond|stonden|zit|zitten|zat|is|are|zijn|was|were|remains?|stays?|blijft|blijven|seems?|seem|lijkt|lijken|been|sits|sitting|appears?|looks?) {G3}(?:stil|vast|stuck|frozen|bevroren|static|stagnant|flat|unchanged|onveranderd|stationary|stalled|at a standstill|standing still|stilstaand|op slot|vastgelopen)` +
			`|(?:{COUNTER}|{PROD}) {G4}(?:{NEG}|nog niet|niet eens|not even) {G2}(?:budge\w*|move|moved|moving|shift\w*|verschoven|bewogen|bewegen|beweegt|vooruit|verder|omhoog|changed|veranderd|veranderen|verandert)` +
			`|(?:{COUNTER}|{PROD}) {G4}(?:remains?|remained|stays?|stayed|sits|sat|sitting|hovers?|hovering|hangt|hangen|blijft|blijven|bleef|bleven|staat|staan|zit|zitten) {G2}(?:at|on|op|rond|around) (?:exactly |precies )?{NUM}` +
			`|(?:{COUNTER}|{PROD}) {G4}(?:verroert|verroeren|verroerde|verroerden) zich (?:niet|geen|nauwelijks)|(?:{COUNTER}|{PROD}) {G4}(?:blijft|blijven|bleef|bleven) {G2}(?:steken|hangen|haperen)` +
			`|{COUNTER} {G6}(?:where it was|where they were|waar (?:hij|het|ie|ze) (?:was|stond|zat|waren|stonden|zaten))`,
		unless: `(?:bedrijf|business|zaak|klanten|customers|sales|omzet|afspraken|engagement|bereik|reach|interactie|dm|dms|weinig|few|nauwelijks|hardly|maanden|months|jaren|years|for ages|al lang)`},
	{cat: NonDelivery, what: "counter has not moved", q: qModal, need: needOrderMail,
		p: `(?:verroert|verroeren|verroerde|verroerden) zich (?:niet|geen|nauwelijks)|(?:blijft|blijven|bleef|bleven) {G2}(?:steken|hangen|haperen)` +
			`|(?:komt|komen|kwam|kwamen) {G2}(?:niet|geen) {G1}(?:vooruit|van (?:zijn|z'n|de|hun) plek|omhoog|verder)` +
			`|(?:geen|no|zero|nul|0) (?:enkele |single )?(?:beweging|movement|verandering|change|progress|vooruitgang)|(?:niks|nothing|niets) (?:is |has |aan het )?(?:moving|beweegt|bewegen|verandert|changing)|not moving|hasn't moved|haven't moved`,
		unless: `(?:bedrijf|business|zaak|klanten|customers|sales|omzet|afspraken|engagement|bereik|reach|interactie|dm|dms|weinig|few|nauwelijks|hardly|maanden|months|jaren|years|for ages|al lang)`},
	{cat: NonDelivery, what: "nothing happened", q: qClaim, need: needOrderMail,
		p:      `(?:niks|nothing|nada|geen|no) (?:has |is |er )?(?:\S+ )?(?:gebeurd|happened|veranderd|changed|change|moved|bewogen|beweging|movement|verandering)`,
		unless: `(?:bedrijf|business|zaak|klanten|customers|sales|omzet|afspraken|engagement|bereik|reach|interactie|dm|dms|succes\w*|success\w*|result\w*|effect|verwacht\w*|expect\w*|hoped|gehoopt|thinking|dacht|thought|hoopte)`},
	{cat: NonDelivery, what: "still waiting", q: qClaim, need: needOrderMail, object: true,
		p: `(?:waar|where) (?:is|zijn|zit|zitten|are|r|the hell is|tf is|tf are|'s) {MINE} {G2}(?:{PROD}|{ORDER})|(?:waar|where) (?:zijn|zitten|are|r) (?:de|die|the|those) {G1}{PROD}|where's {MINE} {G2}(?:{PROD}|{ORDER})` +
			`|(?:still|nog steeds|nog altijd|steeds|already|al|nu al) {G2}(?:waiting|wachten|wacht|gewacht|waited)` +
			`|(?:ik |i )?(?:wacht|wachten|waiting|waited|gewacht) (?:nu |now )?(?:al|already|since|sinds|nog steeds|still)|(?:wacht|wachten) (?:ik|we) (?:al |nu |nog )*(?:op|sinds)|sinds {G2}(?:wacht|wachten)` +
			`|(?:been|ben|zijn) (?:\S+ )?(?:waiting|wachten|aan het wachten) (?:for|since|sinds|al)` +
			`|(?:hoe lang|how long) (?:\S+ )?(?:nog|moet ik nog|duurt het nog|still|more|longer|do i have to wait|must i wait)|how much longer|hoelang nog` +
			`|(?:update|nieuws|news|status) (?:on|over|about|van|of|regarding|omtrent|for) {MINE} {G2}(?:{ORDER}|{PROD})|(?:any|een|an|geen|no) (?:update|nieuws|news)$|^(?:stand van zaken )?status\b` +
			`|(?:wanneer|when) {G4}{MINE} {G2}(?:{PROD}|{ORDER})|{MINE} {G2}(?:{PROD}|{ORDER}) {G4}(?:is |are |zijn |staat |still |nog |op |on |at )?(?:pending|processing|in behandeling|in afwachting|in progress|in de wacht|delayed|vertraagd|te laat|too late|overdue|late)` +
			`|(?:vertraging|delay) {G3}{MINE} {G1}(?:{ORDER}|{PROD})`,
		unless: `(?:wacht\w*|waiting|waited) {G3}(?:op|for|on) {G2}(?:refund\w*|terugbetal\w*|geld|money|restitutie|terugstort\w*|antwoord|reactie|reply|response|answer|factuur|invoice)|verleng\w*|renew\w*|afschrijving\w*|afgeschreven|billed|charged|abonnement\w*|subscription\w*`},
	{cat: NonDelivery, what: "still waiting", q: qClaim, object: true,
		p: `waar (?:blijft|blijven|blijf)|(?:waar is|where is|where's|wanneer komt|when (?:will|does|do) {G1}(?:come|arrive)) (?:de|the) rest|where (?:is|are) (?:it|they)`},
	{cat: NonDelivery, what: "not received", q: qClaim, object: true,
		p: `{NOTHING} {G2}(?:ontvangen|gekregen|received|binnen|binnengekomen|gehad|arrived|aangekomen|toegekomen|geleverd|delivered|came|kwam|showed up|turned up)|(?:got|received|gekregen|ontvangen|gehad) {G2}{NOTHING}` +
			`|{NEG} {G3}(?:geleverd|delivered|aangekomen|arrived|bezorgd|toegekomen|binnengekomen)`,
		unless: `{NEG} {G1}(?:geleidelijk\w*|gradual\w*|gespreid|natuurlijk\w*|zoals|as described|correct\w*|properly|tegelijk\w*)`},
	{cat: NonDelivery, what: "slow order", q: qOwn, need: needProdMail,
		p: `(?:duurt|takes|taking|is taking|lasts|dauert) {G3}(?:lang|long|forever|eeuwig|eeuwen|ages|lange)|(?:so|zo|erg|very|heel|super) (?:slow|traag|langzaam)` +
			`|(?:{ORDER}|{PROD}) {G3}(?:stuck|vast|hangt|blijft hangen|staat stil|frozen|bevroren)`,
		unless: `(?:refund\w*|terugbetal\w*|geld|money|antwoord|reactie|reply|response|answer|factuur|invoice|engagement|bereik|reach|interactie|interaction|groei|growth|sales|omzet|verkoop|klanten|customers|maanden|months|jaren|years)`},
	{cat: NonDelivery, what: "only part arrived", part: true, q: qClaim, need: needRecvUnit,
		p: `{NUM} (?:van|of|uit|out of|/|van de|of the|from the|from) (?:de |the |{MINE} )?(?:beloofde |promised |bestelde |ordered |gekochte )?{NUM}` +
			`|(?:van|of|out of|uit) (?:de |the |{MINE} |those |die )?(?:beloofde |promised |bestelde |ordered |gekochte )?{NUM} (?:\S+ ){0,6}(?:maar |only |pas |slechts |just |about |ongeveer |maybe |misschien |zo'n |around )*{NUM}`,
		unless: `{DROPPED}`},
	{cat: NonDelivery, what: "waiting for days", weak: true, q: qClaim, need: needOrderMail,
		p: `(?:al|already|nu al|inmiddels|sinds|since) (?:meer dan |ruim |bijna |over |more than |almost )?(?:{NUMW}|een paar|a few|a couple of|paar|several|meerdere) (?:hele )?(?:dagen|dag|days|day|weken|week|weeks|maanden|months)|(?:it's been|it has been|het is nu|het is al) {G2}(?:{NUMW}|een paar|a few|a couple of) (?:dagen|days|weken|weeks|week)`},
	{cat: NonDelivery, what: "only part arrived", part: true, q: qClaim, need: needRecvUnit,
		p:      `(?:alleen|maar|slechts|pas|only|just|barely|merely|hardly|amper|nauwelijks|net) (?:maar |een |about |around |like |ongeveer |rond |zo'n |circa |ca |de |the |a |an ){0,2}(?:{NUM}|helft|half|een paar|een stuk of|a few|a couple|a handful|een handvol|enkele|some|een fractie|a fraction|weinig|few|een deel|part|third|quarter|derde|kwart|fraction|portion|percent)\b`,
		unless: `{DROPPED}`},
	{cat: NonDelivery, what: "only part arrived", part: true, q: qClaim, need: needProdUnit,
		p: `(?:de |the )?(?:helft|half) {G4}(?:niet|not|nog niet|missing|ontbreekt|never|nooit|mist)` +
			`|rest (?:is|zijn|are) {G1}(?:nowhere|nergens|missing|weg|zoek|gone)` +
			`|(?:de rest|the rest|the remaining|resterende|overige|rest van|remainder|remaining)(?: [^ ,:]+){0,5} (?:nowhere|nergens|zoek|niet|not|nog|never|nooit|missing|ontbreekt|still|waiting|wacht)` +
			`|(?:resterende|remaining|overige|ontbrekende|missing|rest of the|rest van de|de rest van) {G1}{PROD}` +
			`|(?:ontbreekt|ontbreken|ontbrekende|missing|mist|mis|missen|misten) {G1}{PROD}|{PROD} {G2}(?:ontbreekt|ontbreken|missing)` +
			`|(?:te weinig|incomplete|onvolledig|incompleet|partially|gedeeltelijk|half geleverd|half delivered|not complete|niet compleet|niet volledig)` +
			`|(?:niet|not) (?:alles|allemaal|alle|volledig|compleet|helemaal|all|everything|the full|fully|completely) {G2}{RECV}` +
			`|(?:minder|less|fewer) {G2}(?:dan|than) {G2}(?:besteld|ordered|beloofd|promised|betaald|paid|gekocht|bought|purchased)`,
		unless: `{DROPPED}|(?:partial\w*|gedeeltelijk\w*|deel) {G1}{MONEYW}`},

	// not_as_described: the product differs from what the site describes.
	{cat: NonDelivery, what: "part missing", part: true, weak: true, q: qClaim, need: needProdMail,
		p:      `ontbreekt|ontbreken|ontbrekende|missing|tekort|partial\w*`,
		unless: `{DROPPED}|(?:partial\w*|gedeeltelijk\w*|deel) {G1}{MONEYW}`},
	{cat: NotAsDescribed, what: "fake or empty accounts", neg: true, q: qModal,
		p: `bots?|botje?s?|\w*botaccount\w*|bot ?accounts?|nep|neppe|\w*nepaccount\w*|\w*nepvolger\w*|nep\w*likes?|nepprofiel\w*|nep ?accounts?|fake\w*|namaak\w*|spam ?accounts?|spambots?|spookaccount\w*|ghost ?(?:accounts?|followers)|dode accounts?|dead accounts?|inactie\w* (?:accounts?|volgers|profielen)|inactive|lege {G1}(?:accounts?|profielen|profiles?)|empty {G1}(?:accounts?|profiles?|channels?)|kunstmatig\w*|artificial|click ?farm\w*|bought accounts|gekochte accounts|gefalscht\w*|faux comptes`},
	{cat: NotAsDescribed, what: "accounts that are not real", q: qModal,
		p: `(?:{PROD}|\w*accounts?|profielen|profiles?) {G3}(?:hebben|heeft|have|has|with|met) (?:zelf |themselves |only |maar |just |nauwelijks |hardly any |zo'n |about )?(?:\d+|geen|no|zero|nul) {G1}(?:volgers|followers|posts?|foto's|photos|uploads?)` +
			`|(?:volgen|follow|following) {G2}(?:duizenden|thousands|honderden|hundreds|\d{4,})|(?:follow|like|click|bot|troll|engagement) ?farm\w*`},
	{cat: NotAsDescribed, what: "not real accounts", q: qModal,
		p: `(?:geen|no|none|nauwelijks|hardly any|hardly|weinig|few|not|niet|never|nooit) {G4}(?:echte|real|genuine|actieve|active|legit|authentic|authentieke|menselijke|human) {G1}(?:volgers|followers|accounts|mensen|people|users|gebruikers|profielen|profiles|likes|views|kijkers|viewers|abonnees|subscribers|nederlanders|engagement|interactie|comments|reacties)` +
			`|(?:zijn|are|were|waren|lijken|look|seem|is|zien er) {G2}(?:niet|not) (?:echt|real|genuine|legit|actief|active|authentic)(?: , [^ ]+| en| and| maar| but| want|$)`},
	{cat: NotAsDescribed, what: "accounts without profile pictures or posts", q: qModal,
		p: `(?:geen|zonder|no|without|zero|0|lege|empty|missing|ontbrekende) {G6}(?:profiel ?foto\w*|profielfoto\w*|profile ?pic\w*|profile ?photo\w*|pfp|avatar\w*)` +
			`|(?:geen|zonder|no|without|zero|0|nul) {G2}(?:foto|foto's|fotos|photos?|pics?|posts?|bericht|berichten|uploads?|videos?|video's|bio|content)` +
			`|(?:\w*accounts?|profielen|profiles?) {G4}(?:zonder|without) {G1}(?:volgers|followers|posts?|foto\w*|photos?|pictures?|profielfoto\w*|bio|uploads?|videos?)` +
			`|(?:{NUMW}|een paar|a few) (?:dag|dagen|day|days|week|weken|weeks) oud|days? old|nieuw aangemaakte|net aangemaakte|freshly created|newly created|brand new accounts|(?:default|standaard) (?:avatar|profielfoto|profile pic\w*)|(?:made|created|aangemaakt|gemaakt) (?:\S+ )?(?:yesterday|gisteren|today|vandaag|last week|vorige week|recently|kort geleden)` +
			`|(?:none|niemand|nobody|not one|geen van|geen enkele) {G3}(?:ever |ooit )?(?:posted|posts|post|plaatst|geplaatst|gepost|uploaded|upload)` +
			`|(?:geen enkel\w*|not a single|not one|none of the) {G1}(?:account|profiel|volger|follower|profile|user)\w* {G3}(?:heeft|has|had|met|with|have) {G4}(?:posts?|foto\w*|profielfoto\w*|photo\w*|picture\w*|bio|volgers|followers|uploads?|videos?)` +
			`|(?:accounts?|profielen|profiles?|channels?|kanalen|users|gebruikers) {G3}(?:met|with|zonder|without|die|that|who|hebben|have|has|heeft) {G3}(?:geen|no|zero|0|nul|without|zonder) {G1}(?:volgers|followers|posts?|foto's|photos|pics|uploads?|videos|video's|profielfoto\w*|profile\w*|berichten|content|bio)`},
	{cat: NotAsDescribed, what: "names of numbers or random letters", q: qModal,
		p: `(?:cijfers|nummers|getallen|numbers|digits|random (?:letters|characters|tekens)|willekeurige (?:letters|tekens)|rare|vreemde|gekke|weird|strange|random|buitenlandse|foreign|arabische|arabic) {G3}(?:in |als |for |as )?(?:hun |de |their |the )?(?:namen|naam|names?|usernames?|gebruikersnamen|gebruikersnaam|handles?)` +
			`|(?:namen|names|usernames|gebruikersnamen|handles) {G4}(?:cijfers|numbers|digits|random|willekeurig\w*)|(?:like|zoals|als) [a-z]+\d{3,}[a-z0-9]*`},
	{cat: NotAsDescribed, what: "wrong country", q: qModal,
		p: `(?:volgers|followers|accounts?|likes|views|comments|reacties|profielen|profiles|kijkers|viewers|abonnees|subscribers|ze|zij|they|them|these|those|deze|die|allemaal|all|most|meeste|mensen|people|\d+ ?%)(?: [^ ,:]+){0,5} (?:uit|from|in|van) (?:het |the )?(?:india|indie|brazil\w*|brazilie|pakistan|bangladesh|indonesi\w*|rusland|russia|turkije|turkey|arabi\w*|saudi\w*|egypt\w*|nigeria|vietnam|china|thailand|philippines|filipijnen|iran|irak|iraq|marokko|morocco|mexico|colombia|venezuela|amerika|america|usa|buitenland|abroad|overseas|azie|asia|afrika|africa|all over the world|de hele wereld|overal|everywhere|random countries|allerlei landen|andere landen|other countries|verschillende landen|different countries)` +
			`|(?:buitenlands\w*|foreign|arabisch\w*|arabic|arab|indiase|indisch\w*|indian|braziliaans\w*|brazilian|russisch\w*|russian|aziatisch\w*|asian|turkse|turkish|pakistani|bengali|indonesian|afrikaans\w*|african|exotische|internationale|international) (?:\S+ )?(?:accounts?|volgers|followers|namen|names|profielen|profiles|likes|comments|reacties|mensen|people|kijkers|viewers|abonnees|nepaccounts)` +
			`|(?:geen|niet|not|no|none|nauwelijks|hardly|weinig|zero|0|niemand|nobody|never|nooit) {G3}(?:uit |from |van )?(?:nederland\w*|dutch|belgi\w*|vlaams\w*|vlaming\w*|flemish|uk|british|brits\w*|engels\w*|english|duits\w*|german\w*|nl|be)\b` +
			`|(?:wrong|verkeerde?|andere?) {G1}(?:land|country|landen|countries|regio|region|doelgroep|target ?group|audience|taal|language)|(?:all|allemaal|alle) {G3}(?:from|uit) (?:the same|hetzelfde|een|one|1) (?:country|land)`,
		unless: `(?:i|ik|me|my|mijn|excuse|sorry|sorry for) {G3}(?:speak|spreek|spreken|write|schrijf|understand|begrijp|verstaan|talk|praat|native)`},
	{cat: NotAsDescribed, what: "comments not as described", q: qModal,
		p: `(?:comments?|reacties|reactie|opmerkingen)(?: [^ ,:]+){0,6} (?:in het |in )?(?:{FOREIGN}|andere taal|other language|another language|foreign language|vreemde taal|emoji\w*|random|generic|generiek\w*|nonsense|onzin|irrelevant|nietszeggend\w*|copy ?paste\w*|identiek\w*|identical|niks met|nothing to do|slaan nergens op|make no sense|raar|rare|weird)` +
			`|(?:engelse|english|arabische|spaanse|portugese|random|generic|generieke|rare|weird|nonsense|onzinnige|nietszeggende|standaard|identieke|identical|dezelfde|the same|copy ?paste|emoji) (?:\S+ )?(?:comments|reacties|opmerkingen)`},
	{cat: NotAsDescribed, what: "another language than ordered", q: qModal, need: needProdMail,
		p: `{LANG} (?:\S+ ){0,8}(?:maar|but|terwijl|whereas|while|instead of|in plaats van|ipv|rather than|besteld|bestelde|ordered|gekocht|bought|betaald|paid|gevraagd|asked|requested|gekozen|koos|chose|selected|wilde|wanted|beloofd|promised|kreeg|kregen|got|received|ontvangen|niet|not|geen|no|none) (?:\S+ ){0,6}{LANG}` +
			`|(?:{PROD}|accounts?|profielen|profiles?|mensen|people|users|gebruikers) {G3}(?:spreken|spreekt|praten|praat|schrijven|schrijft|typen|typt|speak|speaks|talk|talks|write|writes|reageren|reageert|posten|posts) {G3}(?:{LANG}|in (?:het )?{LANG}|another language|een andere taal|a foreign language|een vreemde taal)` +
			`|(?:comments?|reacties|reactie|opmerkingen) (?:\S+ ){0,4}(?:zijn|is|are|were|waren|came|kwamen|komen|come|written|geschreven|staan|allemaal|all|mostly|vooral|only|alleen) (?:\S+ ){0,2}(?:in het |in )?{DUTCH}`,
		unless: `(?:i|ik|me|my|mijn|excuse|sorry|sorry for) {G3}(?:speak|spreek|spreken|write|schrijf|understand|begrijp|verstaan|talk|praat|native)|bedankt|dank ?je\w*|dankjewel|thanks|thank you|thx|merci|great|geweldig|perfect|top|super`},
	{cat: NotAsDescribed, what: "followers that drop", neg: true, q: qModal,
		p: `(?:volgers|followers|likes|views|weergaven|abonnees|subscribers|accounts|ze|they|them|those|die|deze|these|aantal|number|count|teller|counter|\d+ ?%|helft|half|veel|many|most|meeste|alle|all|a lot|een hoop|een deel|loads|tientallen|honderden|hundreds|dozens|\d+)(?: [^ ,:]+){0,8} (?:dropp\w*|drop|drops|melt\w*|smelt\w*|wegsmelt\w*|slink\w*|shrink\w*|krimp\w*|dwindl\w*|dalen|daalt|gedaald|zakken|zakt|gezakt|verdwijn\w*|verdwenen|disappear\w*|vanished|weg|gone|lost|verloren|kwijt|afgenomen|neemt af|nemen af|decreas\w*|going down|went down|go down|goes down|gaat omlaag|gaan omlaag|teruggezakt|teruggevallen|vallen af|afgevallen|eraf|unfollow\w*|ontvolg\w*|weggegaan|weggevallen|wegvallen|valt weg|vallen weg|minder geworden|going away|go away|goes away|gaan weg|gaat weg|weggaan)` +
			`|(?:lost|verloren|kwijt|kwijtgeraakt|lose|losing|verlies|verliezen|drop of|daling van|loss of|afname van|decline in|decrease in|drop in|daling in) (?:[^ ,:]+ ){0,5}(?:volgers|followers|likes|views|abonnees|subscribers)|{DROPPED}` +
			`|(?:removed|verwijderd|deleted|gewist|weggehaald|took down|taken down|filtered out|gefilterd) {G3}(?:them|ze|volgers|followers|likes|views|weergaven|abonnees|subscribers|most|many|half|de helft|\d+)` +
			`|(?:{NUM} )?(?:fewer|less|minder) {G1}{PROD} (?:than|dan) (?:on|op|last|vorige|gisteren|yesterday|before|eerst|voor|a week|een week|a few days|een paar dagen|\w+dag|monday|tuesday|wednesday|thursday|friday|saturday|sunday|toen|then)`},
	{cat: NotAsDescribed, what: "drop despite a guarantee", weak: true, neg: true, q: qModal,
		p: `garantie\w*|guarantee\w*|refill\w*|drop ?protect\w*|levenslang|lifetime`},
	{cat: NotAsDescribed, what: "drop despite a guarantee", weak: true, q: qModal,
		p: `non ?drop\w*|(?:no|zero|geen) ?drop(?: ?guarantee| ?garantie| ?belofte| ?promise| ?policy)?`},
	{cat: NotAsDescribed, what: "views not counted", q: qModal, need: needProdUnit,
		p: `{NEG} {G4}(?:verschijnen|verschenen|verschijnt|appear\w*|show\w*|te zien|zichtbaar|visible) (?:in|op|on) {G2}(?:analytics|insights|statistieken|stats|studio|dashboard|statistics)|(?:{NEG}|nauwelijks|hardly) {G4}(?:mee ?geteld|meegeteld|meegerekend|gerekend|geteld|counted|counting|registered|geregistreerd|registreert|recorded|bijgehouden|reflected|show up in|showing up in|shows up in|zichtbaar in|visible in|appear in|appearing in|appear on)|(?:tellen|telt|registreren|registreert) {G2}(?:niet|geen|nooit) ?(?:mee)?|(?:don't|doesn't|didn't|do not|does not|did not|not being|aren't being|niet) count`},
	{cat: NotAsDescribed, what: "low retention", q: qModal,
		p: `retention|retentie|kijktijd|watch ?time|kijkduur|view duration|average view|gemiddelde (?:kijk\w*|weergave\w*)|weggeklikt|klikken {G2}weg|(?:na|after|binnen|within) (?:\d+|een paar|a few|paar|couple of|enkele|2|3) (?:seconden|seconds|secs?)`},
	{cat: NotAsDescribed, what: "delivered all at once", neg: true, q: qModal, need: needRecvUnit,
		unless: `bedankt|dank ?je\w*|dankjewel|dank u|thanks|thank you|thx|merci|wow|awesome|amazing|geweldig|fantastisch|fantastic|perfect|top`,
		p:      `in (?:een|1|one|a single) (?:keer|klap|ruk|go|hour|uur|minuut|minute|nacht|night|kwartier|moment)|binnen (?:{NUMW}|enkele|een paar) (?:minuten|minuut|minutes|min|kwartier)|binnen (?:een|1) uur|within (?:{NUMW}|a few) (?:minutes?|mins?|hour)|all at once|at once|tegelijk\w*|at the same time|in one go|overnight|van de ene op de andere dag|instantly|all immediately|allemaal (?:direct|meteen|tegelijk)`},
	{cat: NotAsDescribed, what: "not delivered gradually", q: qModal,
		p: `(?:niet|not|geen|instead of|in plaats van|ipv|rather than|never|nooit|allesbehalve|anything but) {G2}(?:geleidelijk\w*|gradual\w*|gespreid|spread|natuurlijk\w*|natural\w*|drip\w*|verspreid|organisch\w*|organic\w*|langzaam|slowly)`},
	{cat: NotAsDescribed, what: "not as described", q: qClaim,
		p: `(?:niet|not|geen|nothing|nowhere|nergens) {G2}(?:wat|what|zoals|as|like|dan|than|met|with|overeen|match\w*|volgens|according to|in lijn met|in line with)(?: [^ ,:]+){0,3} (?:website|webshop|site|productpagina|product page|page|pagina|beschrijving|description|omschrijving|productomschrijving|advertentie|ad|advert|aanbieding|offer)` +
			`|(?:niet|not|geen|nothing|nowhere|nergens) {G4}(?:beschreven|described|beloofd|promised|advertised|geadverteerd|aangeboden|vermeld|stated|aangegeven|listed|aangeprezen|afgesproken|agreed|omschreven)` +
			`|(?:klopt|klopten|kloppen) {G1}niet met|(?:komt|komen) {G2}niet overeen|(?:doesn't|don't|does not|do not|didn't) (?:\S+ )?match|(?:different|anders) {G1}(?:from|than|to|dan) {G3}(?:described|beschreven|beloofd|promised|advertised|website|site|description|beschrijving)` +
			`|misleid\w*|misleading|false advertising|valse (?:reclame|beloftes?)|not what i (?:paid|ordered|bought)|niet waar ik {G2}(?:voor )?(?:heb )?(?:betaald|voor betaald)|niet wat ik (?:heb )?(?:besteld|gekocht|betaald)`},
	{cat: NotAsDescribed, what: "the site describes something else", weak: true, q: qModal,
		p: `(?:op (?:de |jullie |uw |your |the )?(?:website|site|webshop|productpagina|pagina)|(?:website|site|webshop|product ?pagina|product ?page|beschrijving|description|omschrijving|advertentie|advert) {G2}(?:zegt|zei|says|said|belooft|beloofde|beloven|promise|promises|promised|stated|states|staat|stond|vermeldt|claimt|claims|spreekt van|mentions|advertises|adverteert|noemt|beweert))(?: [^ ,:]+)* (?:maar|but|terwijl|while|whereas|however|echter)` +
			`|volgens (?:jullie|de|uw) (?:site|website|webshop|beschrijving|productpagina|omschrijving)|according to (?:your|the) (?:site|website|description|product page|page)`},
	{cat: NotAsDescribed, what: "an audit shows fake followers", q: qModal,
		p: `audit\w*|hypeauditor|fake ?follower ?(?:check\w*|test|analy\w*)|modash|socialblade|social blade|\d+ ?% (?:fake|nep|bots?|onecht|inactive|inactief)|(?:fake|nep|bot) ?(?:percentage|score)`},

	// cancel_recurring: end a subscription or its payments.
	{cat: CancelRecurring, what: "cancel", neg: true, q: qOwn,
		p:      `opzeg\w*|opgezegd|op ?zeggen|op te zeggen|beeindig\w*|stopzet\w*|stop ?zetten|stop te zetten|stopgezet|zeg(?:t|gen)? {G4}op|zet(?:ten)? {G4}stop|unsubscrib\w*|kundig\w*|resilier\w*`,
		unless: `nieuwsbrie\w*|newsletter\w*|mailinglijst\w*|mailing ?list\w*|marketing|reclame|promo ?mail\w*|(?:e ?mails|mails) (?:van|from) (?:jullie|you)|cancellation policy|annuleringsbeleid|annuleringsvoorwaarden`},
	{cat: CancelRecurring, what: "cancel", neg: true, q: qOwn, need: needSubMail,
		p:      `{CANCEL}|schrijf {G4}uit|meld {G4}af`,
		unless: `nieuwsbrie\w*|newsletter\w*|mailinglijst\w*|mailing ?list\w*|marketing|reclame|promo ?mail\w*|(?:e ?mails|mails) (?:van|from) (?:jullie|you)|cancellation policy|annuleringsbeleid|annuleringsvoorwaarden`},
	{cat: CancelRecurring, what: "stop the subscription", neg: true, q: qOwn,
		p: `{STOP} {G3}{SUB}|{SUBD} {G3}(?:{STOP}|{CANCEL})|{SUBD} (?:\S+ )?(?:eraf|er af|opheffen|opgeheven)|van {G2}{SUB} {G1}af\b|(?:out of|get rid of|rid of|weg uit|uit|(?:get|getting|come|coming|take me|haal me) off) {G2}{SUB}` +
			`|{SUBD} {G2}(?:mag|kan|moet|mogen|kunnen|moeten) {G1}(?:weg|eraf|er af|stoppen|stop|ophouden)`,
		unless: `nieuwsbrie\w*|newsletter\w*`},
	{cat: CancelRecurring, what: "stop the payments", q: qOwn,
		p: `(?:stop|stoppen|stopt|halt) {G3}(?:met )?(?:\S+ )?(?:afschrijv\w*|afschrijft|afhal\w*|incasso\w*|incasser\w*|charg\w*|bill\w*|debit\w*|taking|afboek\w*)` +
			`|(?:afschrijv\w*|incasso\w*|betaling\w*|payments?|charges?|billing|afboeking\w*) {G2}(?:stop\w*|stopzet\w*|beeindig\w*|cancel\w*|opzeg\w*|intrekken|ingetrokken|revoke\w*|withdraw\w*)` +
			`|(?:haal|halen|haalt|schrijf|schrijven|schrijft|boek|boeken) {G3}(?:geen|niks|niet) {G6}af\b` +
			`|{NEGC} {G3}{CESS} {G3}{PAYV}|{NEGC} {G3}{PAYV} {G3}{CESS}|{NEGC} {G3}{PAYV} {G3}(?:elke maand|every month|maandelijks|monthly|automatisch|automatically|each month)|{NEGC} {G3}(?:elke maand|every month|maandelijks|monthly|automatisch|automatically|recurring|terugkerende) {G3}{PAYV}`,
		unless: `(?:dubbel|twee ?keer|2 ?(?:keer|x)|twice|double|two times)`},
	{cat: CancelRecurring, what: "turn off automatic renewal", neg: true, q: qOwn,
		p: `(?:auto ?renew\w*|automatic renewal|auto ?verleng\w*|automatische verlenging|automatisch verleng\w*|verlenging|automatic payments?|automatische (?:incasso|afschrijving|betaling)\w*|incasso|machtiging|recurring (?:payment|billing|charge)s?|terugkerende (?:betaling|afschrijving)\w*|direct debit|mandate|autopay|auto ?pay) {G3}(?:uit|off|uitzetten|uitschakel\w*|disable\w*|stop\w*|intrekken|ingetrokken|revoke\w*|cancel\w*|opzeg\w*|beeindig\w*)` +
			`|(?:turn|switch|zet|schakel) {G2}(?:off|uit) {G2}(?:auto ?renew\w*|renewal|verlenging|incasso|automatische \S+|recurring \S+)|(?:disable|uitzetten|uitschakelen|stop|stoppen|cancel|intrekken|revoke) {G2}(?:auto ?renew\w*|renewal|verlenging|automatische (?:verlenging|incasso|afschrijving)|incasso|machtiging|recurring (?:payment|billing)s?|direct debit|mandate)`},
	{cat: CancelRecurring, what: "no renewal", q: qOwn, need: needSubMail,
		p: `(?:don't|do not|niet|not|never|nooit) {G3}(?:renew\w*|verleng\w*)|(?:no|geen) (?:more |further |verdere )?(?:renewal|verlenging)`},
	{cat: CancelRecurring, what: "no longer wants the subscription", q: qOwn, need: needSubMail,
		p: `(?:wil|wilt|want|need|nodig|gebruik|use|using)\w* {G4}(?:niet|geen|not|no|don't|n't) {G3}(?:meer|anymore|any more|longer)|(?:hoeft|hoef|hoeven) {G2}(?:niet|geen) (?:meer|langer)|no longer (?:want|need|use|wish)|niet meer (?:nodig|gebruiken|willen|hebben)|(?:don't|do not) (?:want|need) {G3}(?:anymore|any more|any longer)|ben er klaar mee|i'm done with|heb er geen zin meer in|geen zin meer`},

	// dissatisfied: unhappy, with no specific ground.
	{cat: Dissatisfied, what: "unhappy", q: qClaim,
		p: `ontevreden|ontevredenheid|ongenoegen|onvrede|displeasure|dissatisfaction|unzufrieden|insatisfait|niet over te spreken|niet te spreken over|not pleased|not amused|geldverspilling|\w*verspilling|waste of money|wasted {G2}(?:money|geld|cash)|(?:geld|money) {G2}(?:wasted|verspild|weggegooid)|verspild|{NEG} {G2}(?:value|waarde|meerwaarde|nut|point|worth it)|niet {G1}(?:tevreden|blij|happy|gelukkig)|not {G1}(?:happy|satisfied|pleased|impressed)|unhappy|dissatisfied|unsatisfied|unimpressed|niet {G1}onder de indruk|not worth|niet {G2}waard|geen {G2}waard|niet goed|not good|no good|meh|bleh|pas satisfait|nicht zufrieden`},
	{cat: Dissatisfied, what: "regrets the purchase", q: qClaim,
		p: `(?:had|hadden|heb|hebben) {G3}(?:niet|nooit) {G2}(?:moeten|mogen) {G1}(?:kopen|bestellen|doen|betalen|afsluiten|nemen)|(?:shouldn't|should not|should never) have {G1}(?:bought|ordered|paid|purchased|done|signed up|subscribed)` +
			`|wish (?:i|we) (?:hadn't|had not|had never|never|didn't|did not) {G2}(?:bought|ordered|paid|purchased|done|signed|buy|order|pay)|had (?:ik|we) (?:het |dit |dat )?(?:maar |toch )?(?:niet|nooit) {G3}(?:gekocht|besteld|gedaan|betaald|afgesloten|genomen)` +
			`|(?:money|geld|centen) {G4}(?:down the drain|in het water|over de balk|door de wc|through the window|weggegooid|weggesmeten|thrown away|wasted)|(?:threw|thrown|throwing|gooi|gooide|gegooid) {G3}(?:money|geld|centen) {G2}(?:away|weg|over de balk|in het water|out the window)`},
	{cat: Dissatisfied, what: "unhappy", neg: true, q: qClaim,
		p: `teleurgesteld|teleurstell\w*|disappoint\w*|enttauscht|decu\w*|valt {G2}tegen|vallen {G2}tegen|viel {G2}tegen|vielen {G2}tegen|tegengevallen|tegenvall\w*|spijt (?:van|heb|had|dat ik)|heb {G3}spijt|had {G3}spijt|regret\w*|zonde (?:van|vh)|waste of (?:money|time|my money)|weggegooid\w*|weggesmeten|rip ?off|afzetterij|waardeloos|nutteloos|useless|worthless|pointless|rubbish|garbage|crap|shit|troep|bagger|kut\w*|klote|terrible|awful|horrible|verschrikkelijk|vreselijk|belabberd|lousy|sucks|sucked|scheisse`},
	{cat: Dissatisfied, what: "not what was expected", q: qClaim,
		p: `(?:niet|not|geen|nothing like|anders dan|minder dan|less than|below|onder) {G3}(?:wat |what |zoals |as |dan |than )?(?:ik |i |we )?(?:\S+ )?(?:verwacht\w*|expect\w*|gehoopt|hoped|hoopte|voor ogen|in mind|had gedacht|imagined)` +
			`|anders voorgesteld|anders had voorgesteld|voorgesteld had|not what i was (?:looking|hoping) for|niet wat ik zocht|letdown|let down|tegenvaller|underwhelm\w*` +
			`|(?:had|expected|verwacht|hoped|gehoopt|hoopte) (?:er |het |ik |i |we |van |ervan )*(?:veel |wel |much |a lot |way |zoveel |so much )?(?:meer|more|beter|better)|below (?:my |our )?expectations|onder {G1}verwachting\w*|beneden {G1}verwachting\w*`},
	{cat: Dissatisfied, what: "changed their mind", q: qClaim, veto: []Category{NonDelivery},
		p: `bedenk me|heb me bedacht|me bedacht|changed my mind|change of heart|never ?mind|laat {G1}maar (?:zitten|gaan)|doe {G1}maar niet|(?:per ongeluk|by accident|accidentally|by mistake|per abuis) {G3}(?:besteld|ordered|gekocht|bought|betaald|paid|purchased|geklikt|clicked)|(?:besteld|ordered|gekocht|bought|purchased) {G3}(?:per ongeluk|by accident|accidentally|by mistake|per abuis)`},
	{cat: Dissatisfied, what: "changed their mind", weak: true, q: qClaim,
		p: `toch (?:maar )?niet|toch geen|wil {G2}(?:toch )?niet meer|(?:don't|do not|no longer) {G2}(?:want|need) (?:it|this|them|these)|(?:niet|geen) meer nodig|not needed|no longer needed|verkeerd {G1}besteld|ordered {G1}wrong|impuls\w*|impulse`},
	{cat: Dissatisfied, what: "no effect", weak: true, q: qClaim,
		p: `(?:geen|no|zero|niks|nothing|niet) {G2}(?:resultaat|resultaten|results?|effect|verschil|difference|impact|sales|klanten|customers|omzet|afspraken|engagement|interactie|bereik|reach|groei|growth)|(?:helpt|helped|hielp|geholpen) {G2}(?:niet|not|niks|nothing)|{NEG} {G1}(?:helped|geholpen|help|helpt)|(?:niks|nothing|weinig|little) {G2}(?:opgeleverd|opgebracht|gebracht|brought)|(?:doesn't|didn't|did not|does not) {G1}help|made no difference|slechte kwaliteit|lage kwaliteit|poor quality|low quality|bad quality|slecht\w*|poor|bad`},
	{cat: Dissatisfied, what: "no effect after the order arrived", q: qClaim, need: needArrived,
		p: `(?:niks|nothing|nada|geen|no|weinig|little|not much|niet veel|nauwelijks iets|hardly anything) (?:else |anders |verder |meer |more |extra |echt |real |really )?(?:has |is |er |heeft |have )?(?:\S+ )?(?:changed|veranderd|veranderde|verandert|happened|gebeurd|gebeurt|improved|verbeterd|moved|bewogen|beweging|movement|verandering|change|verschil|difference|effect|impact|resultaat|results?|opgeleverd|gemerkt|noticed)` +
			`|(?:{NEG}|nauwelijks|hardly) {G2}(?:meer|more|extra|additional|nieuwe|new|echte|real) {G1}(?:{PROD}|{EFFECT})` +
			`|{NEG} {G3}(?:meer|more|extra|additional) {G2}(?:{PROD}|{EFFECT}) (?:dan|than|as)` +
			`|(?:merk|merken|merkte|notice|noticed|see|saw|zie|zag|zien) {G2}(?:niks|nothing|weinig|little|geen verschil|no difference|nauwelijks iets|niet veel|not much|no change|geen verandering)` +
			`|(?:don't|doesn't|didn't|do not|did not|niet|geen) {G2}(?:notice\w*|merk\w*|gemerkt|see any difference|see a difference|zie verschil)` +
			`|(?:zelfde|hetzelfde|same|evenveel|net zoveel|as many|as few|as little) {G2}(?:{PROD}|{EFFECT}) {G2}(?:as|als|like) (?:before|voorheen|eerst|daarvoor|ervoor|vroeger)` +
			`|(?:{EFFECT}|likes|views|reacties|comments) {G3}(?:hetzelfde|the same|gelijk gebleven|unchanged|onveranderd|flat|stil|stuck|vast)`},
	{cat: Dissatisfied, kind: moneyBack, what: "money back", q: qClaim,
		p:      `{MONEY}|(?:{MINE} |het |the |ons |our |de |this month's |deze )?(?:geld|money|bedrag|aankoopbedrag|centen|poen|cash|betaling\w*|payment\w*|charge|afschrijving|\d+(?:,\d\d)? ?eur|eur ?\d+(?:,\d\d)?|euro\w*) {G3}(?:terug\w*|back|retour)|terug {G1}(?:betalen|storten|krijgen|geven|boeken)|geld retour|remboursement`,
		unless: `(?:was|is|has been|have been|werd|al|already|zijn|wordt) {G2}(?:refunded|terugbetaald|teruggestort|terug ?gestort|vergoed|processed|verwerkt)`},

	// other: questions and requests that make no claim.
	{cat: Other, kind: topic, what: "question about a refund already granted", doubt: []Category{NonDelivery, Dissatisfied}, veto: []Category{Dissatisfied, NonDelivery}, mailVeto: true,
		p: `(?:hoe lang|how long|how many days|hoeveel (?:werk)?dagen|how soon|hoe snel|binnen hoeveel) {G6}{MONEYW}|{MONEYW} {G4}(?:duurt|takes?|taking)` +
			`|{MONEYW} {G4}(?:toegezegd|goedgekeurd|approved|granted|confirmed|bevestig\w*|beloofd|promised|issued|initiated|in gang|verwerkt|processed)` +
			`|{MONEYW} {G4}(?:staat|staan|komt|komen|arrive\w*|show\w*|verschijnt|te zien|zichtbaar|bijgeschreven|binnen) {G2}(?:op|on|in) {G2}(?:rekening|bankrekening|kaart|card|account|statement|afschrift|balance|saldo)` +
			`|(?:wanneer|when) {G4}{MONEYW} {G4}(?:op|on|in) {G2}(?:rekening|bankrekening|kaart|card|account|statement)` +
			`|(?:said|zei|zeiden|told|beloofd|promised|schreven|wrote|mailde|mailed|confirmed|bevestigde|approved|granted|toegezegd) {G6}{MONEYW}` +
			`|(?:was|is|has been|have been|werd|al|already) {G2}(?:refunded|terugbetaald|teruggestort|terug ?gestort|vergoed)|(?:you|jullie|u|they) {G2}(?:refunded|terugbetaald|teruggestort|vergoed|credited)`},
	{cat: Other, kind: topic, what: "thanks for a refund", doubt: []Category{NonDelivery, NotAsDescribed, Dissatisfied}, veto: []Category{Dissatisfied, NonDelivery}, mailVeto: true,
		p:      `(?:bedankt|dank|thanks|thank you|merci) {G4}{MONEYW}|{MONEYW} {G3}(?:ontvangen|received|binnen|gekregen|teruggekregen|got|arrived|staat erop|is binnen)|(?:got|received|ontvangen|gekregen|teruggekregen|kreeg) {G2}{MONEYW}`,
		unless: `{NEG} {G3}(?:ontvangen|received|binnen|gekregen|teruggekregen|got|arrived)`},
	{cat: Other, kind: topic, what: "invoice or VAT", request: true,
		p: `factu\w*|invoice\w*|btw\w*|vat|receipt\w*|bonnetje|kwitantie|betaalbewijs|proof of payment|tax|boekhouding|accounting|bookkeeping|kvk|chamber of commerce`},
	{cat: Other, kind: topic, what: "change the account, link or username", request: true, neg: true, doubt: []Category{NonDelivery, NotAsDescribed}, veto: []Category{Dissatisfied, NonDelivery},
		p: `(?:nieuwe|new|ander|andere|another|different) (?:gebruikersnaam|username|handle|link|url|profiel|profile|naam|name|e ?mail ?adres|emailadres|mailadres|email address|e ?mail|adres|address|kanaal|channel)|(?:wijzig\w*|verander\w*|aanpass\w*|pas|change|changing|update|updating|edit|correct\w*|fix|vervang\w*|replace|swap|omzetten|overzetten|transfer|move|verplaats\w*|add|adding|toevoegen|voeg) {G4}(?:gebruikersnaam|username|handle|link|url|account|profiel|profile|naam|name|e ?mail ?adres|emailadres|mailadres|email address|e ?mail|adres|address|kanaal|channel|video|post|reel)|(?:verkeerde|wrong|foute|incorrect|oude|old) {G1}(?:gebruikersnaam|username|handle|link|url|account|profiel|profile|naam|name|e ?mail ?adres|emailadres|video|post|reel|kanaal|channel)|typo|tikfout|typfout|spelfout` +
			`|(?:use|gebruik|pak|neem|take) {G3}(?:video|link|account|post|reel|url|profiel|profile|username|gebruikersnaam) {G3}(?:instead|in plaats|ipv)` +
			`|(?:gebruikersnaam|username|handle|link|url|account|profiel|profile|naam|name|e ?mail ?adres|emailadres|mailadres|video|post|reel|kanaal|channel) {G3}(?:wijzigen|gewijzigd|veranderen|veranderd|aanpassen|aangepast|omzetten|vervangen|changed|updated|corrected|aanpassen)`},
	{cat: Other, kind: topic, what: "changed payment or contact details", request: true, stated: true,
		p: `{DETAILS} {G3}(?:gewijzigd|veranderd|changed|aangepast|updated|anders|wijzigen|veranderen|aanpassen|updaten|change|update|bijwerken)` +
			`|(?:nieuwe?|new|ander|andere|different|other|wijzig\w*|verander\w*|aanpass\w*|change|changing|update|updating|bijwerken) {G3}{DETAILS}`},
	{cat: Other, kind: topic, what: "change an order before it starts", doubt: []Category{NonDelivery, NotAsDescribed}, request: true, asked: true, neg: true, veto: []Category{NotAsDescribed, Dissatisfied, NonDelivery, CancelRecurring},
		p: `(?:wijzig\w*|verander\w*|aanpass\w*|change|modify|edit|splitsen|split|spread|spreiden|spreid|verdelen|verdeel|uitstellen|postpone|delay|pauzeren) {G4}(?:bestelling|order|levering|delivery|start)|(?:voordat|before|voor) (?:het|hij|ie|it|de levering|delivery) {G1}(?:start|begint|starts|begins)|(?:spread|spreiden|spreid|verdelen|verdeel|geleidelijk|gradually|slowly|langzaam|druppel\w*|drip) {G6}(?:over|across|per|in|geleverd|delivered|leveren|deliver)`},
	{cat: Other, kind: topic, what: "pause the subscription", doubt: []Category{CancelRecurring}, request: true, neg: true, veto: []Category{CancelRecurring},
		p: `pauze\w*|pauzeer\w*|pause\w*|on hold|(?:even|tijdelijk|temporarily|for a while|een tijdje|een maandje|for a month) {G2}(?:stop\w*|stopzetten|uitzetten|stilzetten|stil|niet|uit|hold|off)|(?:daarna|dan|later|after that|afterwards) (?:\S+ )?(?:weer|again) (?:verder|door|starten|beginnen|continue|resume|start)|hervatten|resume|temporar\w*|bevriez\w*|freeze|overslaan|sla {G2}over|skip (?:a|one|the next|next) (?:month|maand|payment|betaling)|even {G1}stil ?zetten`},
	{cat: Other, kind: topic, what: "upgrade or switch a package", request: true, neg: true,
		p: `upgrad\w*|downgrad\w*|overstap\w*|overstappen|switch\w* (?:to|naar|from|van|over|package|plan|pakket)|wissel\w*|ander (?:pakket|abonnement|plan)|groter\w* (?:pakket|abonnement|plan)|bigger (?:package|plan)|larger (?:package|plan)|higher tier|hoger pakket|uitbreid\w*|bijbestel\w*|add (?:more|extra)|erbij bestellen|toevoegen aan|add\w* to`},
	{cat: Other, kind: topic, what: "payment date, price or discount", request: true, questionOnly: true,
		p: `(?:volgende|next|eerstvolgende|upcoming|komende) {G1}(?:betaling|afschrijving|incasso|factuur|payment|charge|billing|invoice|renewal|verlenging)|(?:wanneer|when|welke datum|what date) {G4}(?:afgeschreven|geincasseerd|charged|billed|debited|renews?|verlengd)|volgend jaar|next year|prijs\w*|price\w*|pricing|tarie\w*|wat kost|how much (?:is|does|do|for)|korting\w*|discount\w*|kortingscode\w*|coupon\w*|promo ?code\w*|actiecode\w*|bulk|staffel\w*|cadeau\w*|gift\w*|kado\w*|voucher\w*|offerte|quote`},
	{cat: Other, kind: topic, what: "payment method",
		p: `ideal|bancontact|paypal|creditcard|credit card|debit card|visa|mastercard|maestro|apple pay|google pay|klarna|sofort|betaalmethode\w*|betaalmogelijkhe\w*|betaalwijze\w*|payment (?:method|option)s?|dollars?|usd|valuta|currency|foutmelding|error\w*|mislukt|failed|afrekenen|checkout`},
	{cat: Other, kind: topic, what: "charged twice", doubt: []Category{CancelRecurring, Dissatisfied}, request: true, veto: []Category{Dissatisfied, CancelRecurring}, mailVeto: true,
		p: `(?:dubbel\w*|twee ?keer|2 ?(?:keer|x)|twice|double\w*|two times|duplicate\w*|meerdere keren|multiple times) {G4}(?:afgeschreven|betaald|charged|gefactureerd|billed|paid|afgeboekt|geincasseerd|debited)|(?:afgeschreven|betaald|charged|billed|paid|debited|geincasseerd) {G4}(?:dubbel|twee ?keer|2 ?(?:keer|x)|twice|double|two times)|dubbele (?:betaling|afschrijving|incasso|charge)|double (?:payment|charge|billing)`},
	{cat: Other, kind: topic, what: "personal data (GDPR)", request: true, veto: []Category{CancelRecurring},
		p: `gdpr|avg|privacy\w*|persoonsgegevens|(?:gegevens|data|information|informatie|account) {G3}(?:verwijder\w*|wissen|delete\w*|remove\w*|erase\w*)|(?:verwijder\w*|delete|remove|erase|wis) {G3}(?:gegevens|data|information|informatie|account|persoonsgegevens)|right to (?:be forgotten|erasure)|recht op (?:vergetelheid|verwijdering)`},
	{cat: Other, kind: topic, what: "the newsletter", doubt: []Category{CancelRecurring}, veto: []Category{CancelRecurring, NonDelivery}, subjectVeto: true,
		p: `nieuwsbrie\w*|newsletter\w*|mailinglijst\w*|mailing ?list\w*|marketing ?(?:mail|e ?mail)s?|reclame ?mail\w*|promo ?mail\w*`},
	{cat: Other, kind: topic, what: "login or password", request: true, veto: []Category{NonDelivery},
		p: `wachtwoord\w*|password\w*|inlog\w*|log ?in\w*|login\w*|account aanmaken|create (?:an )?account|verificatie\w*|verification|2fa|activatie\w*|activation`},
	{cat: Other, kind: topic, what: "a confirmation mail", veto: []Category{NonDelivery},
		p: `bevestigingsmail\w*|confirmation (?:e ?mail|mail|link)|orderbevestiging\w*|order confirmation|ontvangstbevestiging\w*`},
	{cat: Other, kind: topic, what: "partnership or press", request: true,
		p: `samenwerk\w*|partner\w*|collab\w*|influencer\w*|sponsor\w*|affiliate\w*|reseller\w*|wederverkop\w*|white ?label|api|pers|press|journalist\w*|interview\w*|media ?kit|business proposal|agency|bureau`},
	{cat: Other, kind: topic, what: "job application", request: true,
		p: `sollicit\w*|vacature\w*|jobs?|baan|stage\w*|internship\w*|cv|resume|curriculum|werken bij|work (?:for|with) you|open position|motivatiebrief|cover letter|bijbaan`},
	{cat: Other, kind: topic, what: "account safety",
		p: `veilig\w*|safe\w*|risico\w*|risk\w*|banned|geband|geblokkeerd|blocked|shadow ?ban\w*|verbannen|suspend\w*|geschorst`},
	{cat: Other, kind: topic, what: "question before buying",
		p: `(?:bieden|leveren|verkopen|hebben|geven|doen) jullie|do you (?:offer|sell|have|deliver|provide|give|guarantee|do)|is (?:er|there) {G2}(?:garantie|guarantee|refill)|(?:your|jullie|uw) {G1}(?:garantie|guarantee|policy|beleid|voorwaarden|terms)|refund ?policy|terugbetalingsbeleid|retourbeleid|annuleringsbeleid|cancellation policy|algemene voorwaarden|terms (?:and|&) conditions`},
	{cat: Other, kind: topic, what: "question about delivery times",
		p: `(?:hoe (?:snel|lang|vlot)|how (?:fast|quick\w*|long|soon)) {G4}(?:lever\w*|geleverd|deliver\w*|binnen|komen|arrive|receive|krijg|get|zie|see|start)|levertijd\w*|leveringstijd\w*|delivery (?:time|speed)|doorlooptijd`},
	{cat: Other, kind: topic, what: "thanks",
		p: `bedankt|dank ?je\w*|dankjewel|dank u|thanks|thank you|merci|top geregeld|super (?:service|snel)|great (?:service|job)|goed geregeld|alles (?:is )?(?:binnen|ontvangen|goed aangekomen)|everything (?:arrived|came|is there)`},
})

// arrivals are statements that an order arrived. They contradict a claim
// that the same order did not arrive, and make a complaint about what it
// did not bring disappointment (needArrived; see analysis.applyArrivals).
var arrivals = newRuleSet([]rule{
	{cat: Other, kind: topic, what: "says the order arrived", neg: true, object: true,
		p: `{ARRSUBJ} {G2}(?:zijn|is|waren|was|are|were|have|has|had|kwamen|kwam|staan|staat|stonden) (?:er |nu |inmiddels |wel |allemaal |netjes |keurig |gewoon |all |now |already |al |also |ook |mooi |snel |fast |quickly |indeed |indeed |really )*` +
			`(?:binnengekomen|binnen gekomen|binnengekregen|binnen(?: , \S+| en| maar| hoor| nu| and| but|$)|aangekomen|aan gekomen|toegekomen|gearriveerd|geleverd|afgeleverd|bezorgd|bijgekomen|erbij gekomen|bij gekomen|bijgeschreven|verschenen|(?:er|erop|er op)(?: wel| allemaal| netjes| gewoon| echt| nu| inmiddels| hoor)*(?: , \S+| en| maar| and| but|$)|arrived|come in|come through|delivered|been delivered|shown up|turned up|been added|added|credited|there(?: , \S+| and| but|$)|all there|in(?: , \S+| and| but|$)|landed|aan|door)` +
			`|{ARRSUBJ} (?:all |allemaal |netjes |keurig |gewoon |really |indeed |did |also |ook |wel |snel |fast )*(?:arrived|came|came in|came through|showed up|turned up|landed|got delivered|got added|kicked in|kwamen binnen|kwam binnen|kwamen aan|kwam aan|kwamen door|kwam door|zijn binnen|is binnen)` +
			`|(?:i|ik|we|wij) (?:heb |hebben |have |has |'ve |did |do )?(?:wel |ook |also |all |allemaal |netjes )?(?:received|got|gotten|kreeg|kregen|ontving|ontvingen) (?:\S+ )?(?:{PROD}|{ORDER}|them|it|everything|alles|ze)` +
			`|(?:heb|hebben|have|'ve) (?:\S+ )?(?:{PROD}|{ORDER}|ze|alles|everything|it|them|they) (?:\S+ )?(?:wel |allemaal |netjes |keurig |all |gewoon )?(?:ontvangen|gekregen|binnen|binnengekregen|received|got|gotten)` +
			`|(?:teller|counter|aantal|count|number|{PROD}) {G3}(?:ging|gingen|went|is|zijn|has|have|did) {G2}(?:omhoog|up|gestegen|increased|gone up|go up|grew|gegroeid)` +
			`|(?:het aantal|the number|the count|the amount|aantal|number|count) {G2}(?:klopt|kloppen|is correct|is right|was correct|was right|matches)`},
	{cat: Other, kind: topic, what: "says the delivery was fine", neg: true, object: true,
		p: `(?:levering|delivery|bezorging|de bestelling|the order|my order|mijn bestelling|{PROD}) {G2}(?:was|is|ging|went|verliep|came|arrived|kwam|kwamen|zijn|were|are|got delivered|delivered|geleverd) {G2}(?:prima|goed|fine|ok|okay|oke|good|great|perfect|snel|quick|fast|quickly|op tijd|on time|netjes|keurig|top|smooth\w*|vlot|correct|as promised|zoals beloofd)`},
	{cat: Other, kind: topic, what: "says the delivery was fine", object: true,
		p: `(?:levering|delivery|bezorging|de bestelling|the order|my order|mijn bestelling|{PROD}) {G2}(?:was|is|ging|went|verliep|came|arrived|kwam|kwamen|zijn|were|are|got delivered|delivered|geleverd) {G2}(?:zonder problemen|without (?:problems|issues|a problem))` +
			`|no complaints? (?:about|regarding|on|with) {G3}(?:delivery|that|part|order|{PROD})|geen klachten? (?:over|wat betreft|met) {G3}(?:levering|dat|deel|gedeelte|bestelling|{PROD})|nothing wrong with the delivery|niks mis met de levering` +
			`|aan de levering (?:lag|ligt) het niet|(?:the )?delivery (?:isn't|is not|wasn't|was not) the (?:problem|issue)|de levering is (?:niet|geen) het probleem|(?:delivery|levering) (?:part )?(?:was|is|went) (?:fine|ok|okay|prima|goed)`},
})

// frames neutralise the claims around them.
var (
	// conditional starts a clause whose claims are hypothetical from here on.
	conditional = expand(`als (?:ik|je|jij|u|we|wij|ze|zij|hij|het|er|de|dit|dat|jullie|mijn|m'n|die|men|deze)|if|indien|mocht|mochten|in case|in het geval|stel dat|stel je voor|what if|wat als|suppose|supposing|unless|tenzij|zodra`)
	// perception: "als ik kijk" is "when I look", not a condition.
	perception = expand(`(?:als|if|when|wanneer) (?:ik|i) {G2}(?:kijk\w*|bekijk\w*|check\w*|look\w*|open\w*|naar|inlog\w*|log|refresh\w*|ververs\w*|scroll\w*|klik\w*|click\w*|tel|count)`)
	// presale marks a sentence asked before buying.
	presale = expand(`(?:welk|welke|which|what) (?:pakket|package|plan|abonnement|optie|option|bundel|bundle) {G4}(?:recommend\w*|raad|raden|aanraden|adviseer\w*|advise|suggest|best|beste|past|suits?|would help)|(?:raad|raden) (?:jullie|je|u) {G3}aan|(?:do|would|could|can) you (?:recommend|advise|suggest)|wat (?:raden|adviseren) jullie|(?:voordat|voor|before|prior to) (?:ik|i|we) {G2}(?:bestel|bestellen|koop|kopen|order|buy|purchase|pay|betaal|betalen|neem|nemen|sign up|subscribe|commit|beslis|decide|place)|before (?:ordering|buying|purchasing|signing up|subscribing)` +
		`|(?:overweeg\w*|considering|thinking (?:of|about)|denk(?:en)? (?:erover|eraan|na over)|van plan|plan(?:ning)? to|interesse in|interested in|geinteresseerd in) {G3}(?:bestel\w*|kopen|koop|order\w*|buy\w*|purchas\w*|afnemen|afsluiten|subscrib\w*|nemen|pakket|package|volgers|followers|likes|views|abonnement|subscription|jullie|your|you)` +
		`|(?:nog (?:niet|nooit|geen|niks)|not yet|never) {G2}(?:besteld|gekocht|ordered|bought|purchased)|(?:haven't|have not|hasn't) {G1}(?:ordered|bought|purchased) (?:\S+ )?yet|stel dat|what if|wat als|hypothetisch\w*|hypothetical\w*|in theory|in theorie` +
		`|(?:als|if|wanneer|when|zodra|once) (?:ik|i|we) {G2}(?:bestel|bestellen|koop|order|buy|purchase|afsluit|neem|take|subscribe|sign up)\b` +
		`|before (?:i|we) (?:give|geef) {G2}(?:a )?(?:try|chance|go|kans)|(?:geef|give) (?:jullie|you) {G1}(?:een )?(?:kans|try|chance)|uitproberen|refund ?policy|return policy|terugbetalingsbeleid|retourbeleid|annuleringsbeleid|cancellation policy|geld ?terug ?garantie|money ?back ?guarantee`)
	// hearsay marks a sentence about what others say or what usually happens.
	hearsay = expand(`(?:vriend\w*|friends?|iemand|someone|people|mensen|ze|they|collega\w*|colleagues?|kennis\w*) {G1}(?:zegt|zeggen|zei|says|say|said|told|vertelde|vertellen)|(?:ik|i) (?:heb |have )?(?:gehoord|gelezen|heard|read)|i've (?:heard|read)`)
	// usually marks what happens in general, unless the customer speaks of
	// their own ("mijn volgers dalen vaak" is a report).
	usually = expand(`vaak|often|usually|meestal|normaal gesproken|in general|in het algemeen|doorgaans|sometimes|soms`)
	// wish marks a wish to buy; under a negation ("nooit willen afsluiten")
	// it is none.
	wish = expand(`(?:wil|willen|zou|zouden|would like to|want to|wanna|i'd like to) (?:graag )?(?:willen )?{G3}(?:bestellen|kopen|order|buy|purchase|afnemen|proberen|try|nemen|afsluiten|subscribe)`)
	// fine marks words that say a delay is no problem ("it hasn't started
	// yet but that's fine").
	fine = expand(`that's fine|that is fine|no problem|geen probleem|no rush|geen haast|geen zorgen|no worries|maakt niet uit|doesn't matter|not a problem|is prima|geen punt`)
	// justOrdered marks an order placed moments ago: too early to claim it
	// did not arrive.
	justOrdered = expand(`(?:just|net|zojuist|zonet|an hour ago|een uur geleden|a few minutes ago|paar minuten geleden) {G2}(?:placed|ordered|besteld|bestelde|gekocht|bought|betaald|paid)`)
	// otherShop marks a sentence about another shop.
	otherShop = expand(`(?:another|other|andere?|een andere|previous|vorige|eerdere) (?:site|website|shop|webshop|company|bedrijf|provider|aanbieder|partij|service|dienst|seller|verkoper)|elders|somewhere else|ergens anders|concurrent\w*|competitor\w*|bad experience|slechte ervaring\w*`)
	// earlier and next mark a mail that tells about an earlier order to ask about the next.
	earlier = expand(`(?:vorige|previous|last|eerdere|earlier|former) (?:bestelling|order|keer|time|aankoop|purchase)|de vorige keer|last time`)
	next    = expand(`(?:volgende|next|nieuwe|new|toekomstige|future|komende|upcoming|een tweede|another) (?:bestelling|order|aankoop|purchase|levering|delivery)|(?:next|volgende) (?:time|keer)`)
	// modal marks a question about what will, may or usually happens.
	modal = expand(`will|would|gonna|going to|zal|zullen|zou|zouden|gaan|gaat|blijven|blijft|kan|kun|kunnen|can|could|may|might|mag|do|does|ooit|ever|possible|mogelijk|kans|chance|risico|risk|normally|normaal gesproken|usually|meestal|jullie|your`)
	// why marks a question that presupposes the problem.
	why = expand(`waarom|why|hoe komt|how come|hoe kan het|hoe kan dat|how is it|wat is er (?:aan de hand|mis)|what's going on|whats going on|what is going on|wtf`)
	// mine marks the customer's own things.
	mine = expand(`{MINE}`)
	// own marks a sentence about the customer's own order or plan.
	own = expand(`{MINE}|ik|i|i'm|i've|we|me`)
	// generic marks a question about terms rather than the customer's plan.
	generic = expand(`anytime|any time|at any time|op elk moment|elk moment|altijd|maandelijks opzegbaar|opzegbaar|opzegtermijn|notice period|policy|beleid|voorwaarden|terms|minimum|minimaal|looptijd`)
	// request marks a sentence that asks for something.
	request = expand(`mag (?:het|dat|die|deze|mijn|m'n)|kan (?:het|dat|die|deze) (?:\S+ )?(?:worden|eraf|weg|uit|stop)|can (?:it|this|that) be|please|kindly|graag|kunnen jullie|kun je|kunt u|kan je|kan jij|zou je|zouden jullie|zou u|can you|could you|would you|can i|could i|may i|kan ik|mag ik|i'd like|i would like|ik wil|ik zou|wil ik|stuur|send|verzoek|request|help|hoe kan ik|how (?:can|do) i`)
	// partial marks an arrival of part of an order ("only 300 came", "the
	// first half arrived"); whole marks all of it ("all 1000 arrived").
	partial = expand(`only|alleen|slechts|pas|some|sommige|enkele|een paar|a few|a couple|part|deel|gedeelte|een deel|helft|half|third|derde|kwart|quarter|eerste|first|{NUM} (?:van|of|uit|out of|/)|maar {G1}(?:{NUM}|een paar|enkele|de helft|half)`)
	whole   = expand(`all|alle|allemaal|alles|everything|the full|volledige|volledig|complete|compleet|fully|in full`)
	number  = expand(`{NUM}`)
	// reported marks what the shop or its status says, not the customer:
	// "volgens jullie is het geleverd", "the status says delivered".
	reported = expand(`volgens|according to|(?:mail|e ?mail|bericht|message|notification|melding|sms|text) {G2}(?:that|dat|saying|zegt|says)|jullie (?:zeggen|zeggen dat|zegt|beweren|claimen|schrijven|mailden)|you (?:say|said|claim|claimed|wrote|told me)|(?:status|systeem|system|dashboard|app|account|site|website|mail|e ?mail|bevestiging|confirmation) {G3}(?:zegt|says|said|shows|toont|geeft aan|staat|stond|meldt)|staat (?:als|op) {G1}(?:geleverd|afgerond|voltooid|delivered|completed)|marked as|gemarkeerd als|supposedly|zogenaamd|zou {G3}(?:zijn|moeten)|should (?:have|be)|moet(?:en)? {G3}(?:zijn|worden)|hoort {G2}(?:zijn|te)`)
	// anotherOrder marks a sentence about an order other than the one
	// said to have arrived.
	anotherOrder = expand(`(?:tweede|second|andere|other|nieuwe|new|latest|laatste|recente|recent|volgende|next|another|een tweede|2e|2nd|losse|separate) (?:bestelling|order|aankoop|purchase|pakket|package|boost)`)
	// earlierOrder marks an arrival of an earlier order.
	earlierOrder = expand(`(?:eerste|first|vorige|previous|last|eerdere|earlier|former|oude|old) (?:bestelling|order|aankoop|purchase|pakket|package|keer|time)|last time|de vorige keer`)
	// moreOf marks a product the customer hoped to get more of through the
	// order, not the product ordered ("no more likes on my posts").
	moreOf = expand(`meer|more|extra|additional|nieuwe|new|echte|real|any more|geen extra`)
	// productKinds tell the shop's products apart, to see whether a claim
	// is about another product than the one said to have arrived.
	productKinds = []struct {
		kind string
		re   *pattern
	}{
		{"followers", expand(`\w*volgers?|\w*followers?|follows`)},
		{"subscribers", expand(`\w*abonnees|subscribers?|subs|members|leden|abonnes|abonnenten`)},
		{"likes", expand(`\w*likes|hartjes|j'aime`)},
		{"views", expand(`\w*views?|weergave\w*|kijkers|viewers|plays|streams|luisteraars|listeners|impressies|impressions|aufrufe|vues`)},
		{"comments", expand(`comments?|reacties|reactie|opmerkingen|commentaires|kommentare`)},
	}

	// needs marks a sentence that says something is needed ("our
	// accountant needs the invoices").
	needs = expand(`nodig|need|needs|needed|require|requires|required|vereist|would appreciate|i'd appreciate|zou fijn zijn|ontvang ik graag|wil ik graag|vraag ik`)
	// furthermore marks the opening of a further matter: what follows is
	// a request apart from the one before ("Separately, …", "Los daarvan …").
	furthermore = expand(`^(?:en |and |oh )?(?:ook|also|verder|voorts|daarnaast|daarbij|bovendien|tevens|trouwens|overigens|additionally|furthermore|moreover|besides|lastly|finally|tot slot|ten tweede|secondly)` +
		`|separately|los daarvan|los hiervan|los van (?:dat|dit|die)|apart from (?:that|this)|besides (?:that|this)|aside from (?:that|this)|in addition|on another note|on a separate note|by the way|another thing|one more thing|one other thing|nog iets|nog een (?:vraag|vraagje|ding|dingetje|puntje)|andere vraag|another question|tweede vraag|second question|(?:and|en) also|en ook|i also|ik (?:heb|wil|zou) ook|we also|also need`)
	// reply strips the prefixes of a reply or forward from a subject.
	reply = regexp.MustCompile(`(?i)^\s*(?:(?:re|aw|antw|antwoord|sv|vs|wg|fw|fwd|doorst|tr|rv)\s*(?:\[\d+\])?\s*:\s*)+`)
)

// product, order and subscription words, to check the context a rule needs.
// The context a rule may need (see need), and the words of negation.
var (
	prodWord = expand(`{PROD}|{ORDER}`)
	subWord  = expand(`{SUB}`)
	recvWord = expand(`{RECV}`)
	// ordered says an order was placed: its words, or time gone by since.
	ordered = expand(`bestellung\w*|bestellt|gekauft|bezahlt|commande\w*|achete\w*|paye|bestelling\w*|\w+bestelling|order\w*|aankoop\w*|purchase\w*|besteld|bestelde|ordered|bought|gekocht|kocht|betaald|paid|betaalde|gekochte|bestelnummer\w*` +
		`|(?:{NUMW}|een paar|a few|several|meerdere|paar) (?:dagen|days|weken|weeks)|(?:al|for|since|sinds) (?:\S+ )?(?:dagen|days|weken|weeks|een week|a week)|geleden|ago|(?:sinds|since|last|vorige|afgelopen) (?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week)`)
	// nonprod and prodOnly tell whether what was not received is the
	// product or something else (rule.object).
	nonprod  = expand(`{NONPROD}`)
	prodOnly = expand(`{PROD}|bestelling\w*|order|orders|pakket`)
	// negator words deny what follows; a cessation word after one ends
	// something instead ("niet meer", "no longer").
	negator   = map[string]bool{"niks": true, "nothing": true, "niet": true, "geen": true, "not": true, "no": true, "never": true, "nooit": true, "hoef": true, "hoeft": true, "hoeven": true, "cannot": true, "instead": true, "ipv": true, "zonder": true, "nicht": true, "kein": true}
	cessation = map[string]bool{"meer": true, "anymore": true, "longer": true, "langer": true, "again": true, "more": true}
)

// escalation is every way of mentioning a chargeback, lawyer, police,
// fraud, a consumer organisation or a bank or PayPal dispute.
var escalation = expand(`chargeback\w*|charge ?backs?|terugboek\w*|teruggeboekt|terug ?boeken|terug te boeken|storn\w*|gestorneerd|boek {G3}terug` +
	`|advoca\w*|lawyer\w*|attorney\w*|solicitor\w*|legal (?:action|steps|proceedings|advice|case|route)|juridisch\w*|rechtszaak|rechter|rechtbank|court|sue you|suing|dagvaard\w*|deurwaarder|incassobureau` +
	`|politie|police|aangifte|fraud\w*|fraude\w*|frauduleu\w*|oplicht\w*|opgelicht|scam\w*|bedrog|bedrieger\w*|zwendel|swindl\w*` +
	`|consumentenbond|acm|autoriteit consument\w*|geschillencommissie|test ?aankoop|testaankoop|trading standards|consumer (?:authority|protection|rights|association|organi[sz]ation|ombudsman|agency)|ombudsman|disputes? committee|citizens advice|consumentenorganisatie|consumentenautoriteit` +
	`|better business bureau|bbb|ftc|buyer protection|kopersbescherming|sue (?:you|your|the|this|them)|i will sue|i'll sue|going to sue|small claims` +
	`|anwalt|polizei|betrug|ruckbuchung|verbraucherzentrale|avocat|arnaque|escroquer\w*|litige` +
	`|(?:dispute\w*|disputing|geschil\w*|betwist\w*) {G4}(?:{PAYER}|card|kaart|issuer)` +
	`|(?:open\w*|file|files|filed|filing|start\w*|ingediend|indienen|gestart|aangemaakt|raise\w*|submit\w*|doe|doen) (?:a |an |een )?(?:case|claim|zaak|melding|complaint|klacht) {G4}(?:{PAYER}|card|kaart|issuer)` +
	`|(?:{PAYER}|card|kaart) {G4}(?:dispute\w*|geschil\w*|betwist\w*|claim\w*|case|zaak|terug ?halen|terughalen|terugvorder\w*|terugdraai\w*|reverse\w*|reversal|ingeschakeld|inschakelen|involve\w*)` +
	`|(?:contacted|contact|bel|bellen|gebeld|call|called|inform|ingelicht|melden|gemeld|report\w*|stap naar|stap ik naar|ga naar|ga ik naar|go to|going to|inschakelen|ingeschakeld|involve|involving) {G3}(?:{PAYER}|card company|card issuer)`)

// notEscalation are the words next to an escalation word that make it an
// ordinary one ("btw-aangifte" is a tax return).
var notEscalation = expand(`(?:btw|belasting|tax|vat|inkomstenbelasting) aangifte|belastingaangifte|aangifte (?:btw|omzetbelasting|inkomstenbelasting|belasting)`)

// lexicon is every word the rules are written with that is worth mending
// a misspelling into.
var lexiconList = func() []string {
	words := strings.Fields(`
	ontvangen ontvang gekregen krijgen geleverd leveren levering binnengekomen aangekomen toegekomen
	bijgekomen verschenen gearriveerd bestelling bestellingen besteld bestelde volgers volger abonnees
	weergaven abonnement abonnementen maandabonnement opzeggen opgezegd opzegging beeindigen
	stopzetten uitschrijven annuleren geannuleerd afschrijving afschrijvingen afgeschreven incasso
	automatische verlenging terugbetaling terugbetalen terugstorten teruggestort restitutie
	teleurgesteld teleurstellend ontevreden tevreden verwacht verwachtte verwachting spijt
	nepaccounts buitenlandse nederlandse belgische profielfoto geleidelijk garantie
	chargeback terugboeking terugboeken advocaat politie fraude oplichting oplichters
	consumentenbond geschillencommissie storneren nieuwsbrief factuur wachtwoord
	followers follower subscribers subscription subscriptions received receive delivered
	arrived refund refunded cancel cancelled canceled cancellation unsubscribe disappointed
	satisfied expected description described promised advertised guarantee retention
	gradually comments reacties lawyer attorney police fraud fraudulent scam dispute
	newsletter invoice password payment payments monthly recurring renewal
	niks niet nooit geen nothing still waiting wachten gewacht please graag steeds helemaal
	nog een keer meer verder echt echte`)
	slices.Sort(words)
	return slices.Compact(words)
}()

var lexicon = func() map[string]bool {
	m := make(map[string]bool, len(lexiconList))
	for _, w := range lexiconList {
		m[w] = true
	}
	return m
}()

// skeletons maps the skeleton of each lexicon word of five letters or more
// to the word; skeletons two words share are left out.
var skeletons = func() map[string]string {
	m := map[string]string{}
	dup := map[string]bool{}
	for _, w := range lexiconList {
		if len(w) < 5 {
			continue
		}
		s := skeleton(w)
		if _, ok := m[s]; ok {
			dup[s] = true
		}
		m[s] = w
	}
	for s := range dup {
		delete(m, s)
	}
	return m
}()

// keep are real words one slip away from a lexicon word: never mended.
var keep = map[string]bool{
	"volgens": true, "geleerd": true, "besteed": true, "verloren": true, "gereserveerd": true,
	"ontvanger": true, "bestellen": true, "leverde": true, "reactie": true, "received": true,
	"receiver": true, "delivery": true, "deliver": true, "arrives": true, "waiter": true,
}

// orderWord is an order that is not a subscription.
var orderWord = expand(`bestelling\w*|\w+bestelling|order|orders|aankoop|purchase|ordernummer\w*|bestelnummer\w*`)
