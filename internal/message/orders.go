package message

import (
	"regexp"
	"strings"
	"unicode"
)

// FindOrderNumbers returns the order numbers written in text, however
// customers write them: "#100234", "order nr. 100234", "ordernummer:100234",
// "bestelnummer: S-7781", "bestelling 729060", "AB-1212", "ab1212" (also
// returned as "AB-1212", the form shops use), "order # 100 234" (digit
// groups after an order word are joined: "100234"). It is generous: the
// caller keeps only numbers that exist in the order data. It leaves out
// what is plainly something else: quantities followed by a unit ("1000
// volgers", "2500 followers"), money ("€ 14,95", "29.99", "1000,-"), dates
// and times, phone numbers, a year written alone (2026), postcodes
// ("1012 AB"), e-mail addresses and numbers inside URLs (except the
// segment after /order/ or /bestelling/). The numbers are upper-cased, in
// order of appearance, without duplicates.
func FindOrderNumbers(text string) []string {
	text = blankOut(text, emailRE)
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		s = strings.ToUpper(s)
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}

	// Ids in order URLs, in order of position; the URLs are blanked out.
	type urlID struct {
		pos int
		id  string
	}
	var urlIDs []urlID
	for _, loc := range urlRE.FindAllStringIndex(text, -1) {
		if m := urlOrderRE.FindStringSubmatch(text[loc[0]:loc[1]]); m != nil {
			urlIDs = append(urlIDs, urlID{loc[0], m[1]})
		}
	}
	text = blankOut(text, urlRE)

	toks := tokenize(text)
	ctx := 0 // tokens left that an order word before them still governs
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		for len(urlIDs) > 0 && urlIDs[0].pos < t.start {
			add(urlIDs[0].id)
			urlIDs = urlIDs[1:]
		}
		lower := strings.ToLower(t.s)
		// "nr.100234", "ordernummer:100234": an order word glued to the id.
		if k := strings.IndexAny(lower, ".:"); k > 0 && orderWords[lower[:k]] {
			lower, t.s, t.start = lower[k+1:], t.s[k+1:], t.start+k+1
			toks[i] = t
			ctx = 2
		}
		if orderWords[lower] {
			ctx = 2
			continue
		}
		hash := t.start > 0 && text[t.start-1] == '#' ||
			t.start > 1 && text[t.start-1] == ' ' && text[t.start-2] == '#'
		kw := ctx > 0 || hash
		ctx = max(ctx-1, 0)
		if !hasDigit(lower) {
			continue
		}
		switch {
		case allDigits(lower) && (lower[0] == '0' || phoneGroup(text, toks, i)):
			// Order numbers do not start with 0; phone numbers and their
			// groups do ("0318 - 123 400", "06 12345678").
		case allDigits(lower):
			// "order # 100 234": groups of three digits after an order word.
			if kw && len(lower) == 3 {
				j := i
				joined := lower
				for j+1 < len(toks) && len(toks[j+1].s) == 3 && allDigits(toks[j+1].s) &&
					text[toks[j].end:toks[j+1].start] == " " {
					joined += toks[j+1].s
					j++
				}
				if j > i {
					add(joined)
					i = j
					continue
				}
			}
			if numberIsOrder(text, toks, i, kw) {
				add(lower)
			}
		case prefixIDRE.MatchString(lower):
			m := prefixIDRE.FindStringSubmatch(lower)
			if notPrefixes[m[1]] || unitFollows(toks, i) {
				continue
			}
			add(t.s)
			if m[2] == "" {
				add(m[1] + "-" + m[3])
			}
		default:
			// "100234,100235" or "100234/100235": a list of long numbers.
			parts := strings.FieldsFunc(lower, func(r rune) bool { return r == ',' || r == '/' })
			ok := len(parts) > 1
			for _, p := range parts {
				ok = ok && len(p) >= 5 && len(p) <= 12 && allDigits(p)
			}
			if ok {
				for _, p := range parts {
					add(p)
				}
			}
		}
	}
	for _, u := range urlIDs {
		add(u.id)
	}
	return out
}

var (
	// emailRE matches an e-mail address (its digits are no order number).
	emailRE = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+`)
	// urlOrderRE finds the id after an order path segment of a URL.
	urlOrderRE = regexp.MustCompile(`(?i)/(?:orders?|bestellingen|bestelling|order-status|subscriptions?|abonnementen|abonnement)/([A-Za-z]{0,3}-?\d{3,12})\b`)
	// prefixIDRE matches a letter-prefixed id: "s-7781", "ab1212".
	prefixIDRE = regexp.MustCompile(`^([a-z]{1,3})(-?)(\d{3,10})$`)
)

// orderWords introduce an order number.
var orderWords = map[string]bool{
	"order": true, "orders": true, "ordernummer": true, "ordernr": true, "orderid": true,
	"order-id": true, "order-nr": true, "bestelling": true, "bestellingen": true,
	"bestelnummer": true, "bestelnr": true, "bestel-nr": true, "bestelnr.": true,
	"nr": true, "no": true,
	"abonnement": true, "abonnementsnummer": true, "subscription": true, "abo": true,
	"factuur": true, "factuurnummer": true, "invoice": true, "ref": true,
	"referentie": true, "reference": true, "kenmerk": true, "bestellnummer": true,
	"commande": true,
}

// notPrefixes are letters before digits that make no order id: "nr1234"
// is "nr 1234", "tel0612345678" a phone number.
var notPrefixes = map[string]bool{
	"nr": true, "no": true, "id": true, "tel": true, "fax": true, "kvk": true, "btw": true,
	"nl": true, "be": true, "de": true, "mp": true, "px": true, "kb": true, "mb": true,
	"gb": true, "km": true, "kg": true, "am": true, "pm": true, "x": true, "h": true,
	"ref": true, "iso": true, "rfc": true, "utc": true, "gmt": true, "cet": true, "v": true,
}

// units are words after a number that make it a quantity, not an id.
var units = map[string]bool{
	"volgers": true, "volger": true, "followers": true, "follower": true, "volgelingen": true,
	"likes": true, "like": true, "views": true, "view": true, "weergaven": true, "weergave": true,
	"comments": true, "comment": true, "reacties": true, "reactie": true, "subscribers": true,
	"abonnees": true, "stuks": true, "stuk": true, "euro": true, "eur": true, "dollar": true,
	"dollars": true, "usd": true, "x": true, "keer": true, "times": true, "dagen": true,
	"days": true, "dag": true, "day": true, "uur": true, "hours": true, "hour": true,
	"min": true, "minuten": true, "minutes": true, "sec": true, "seconden": true,
	"seconds": true, "procent": true, "percent": true, "accounts": true, "posts": true,
	"members": true, "leden": true, "plays": true, "streams": true, "shares": true,
	"saves": true, "impressions": true, "kijkers": true, "viewers": true, "watchers": true,
	"fans": true, "hearts": true, "retweets": true, "reposts": true, "kb": true, "mb": true,
	"gb": true, "km": true, "kg": true, "k": true, "bezoekers": true, "visitors": true,
	"clicks": true, "kliks": true, "vind-ik-leuks": true, "stories": true, "reels": true,
	"berichten": true, "messages": true, "mails": true, "credits": true, "punten": true,
	"points": true, "pieces": true, "items": true, "jaar": true, "years": true, "maanden": true,
	"months": true, "weken": true, "weeks": true, "cent": true, "pond": true, "gbp": true,
	"listeners": true, "luisteraars": true, "subs": true, "retention": true,
}

// fillers may stand between a quantity and its unit: "1000 Instagram volgers".
var fillers = map[string]bool{
	"instagram": true, "insta": true, "ig": true, "tiktok": true, "youtube": true, "yt": true,
	"facebook": true, "fb": true, "twitter": true, "spotify": true, "twitch": true,
	"linkedin": true, "snapchat": true, "threads": true, "echte": true, "real": true,
	"nederlandse": true, "dutch": true, "belgische": true, "extra": true, "nieuwe": true,
	"new": true, "actieve": true, "active": true, "organische": true, "organic": true,
	"premium": true, "hq": true, "gratis": true, "free": true, "meer": true, "more": true,
	"of": true, "van": true, "de": true, "the": true, "nl": true, "auto": true, "live": true,
	"video": true, "post": true, "reel": true, "story": true,
}

// numberIsOrder decides whether the all-digit token i can be an order number.
func numberIsOrder(text string, toks []token, i int, kw bool) bool {
	t := toks[i]
	n := len(t.s)
	// Bare round quantities ("300 of 1000") are common, order numbers of
	// four digits rare: those need an order word or '#'.
	if n < 3 || n > 12 || (n < 5 && !kw) {
		return false
	}
	if unitFollows(toks, i) {
		return false
	}
	before := strings.TrimRight(text[:t.start], " \t")
	after := text[t.end:]
	// Money: "€ 1000", "EUR 1000", "1000,-", "$1000".
	if strings.HasSuffix(before, "€") || strings.HasSuffix(before, "$") || strings.HasSuffix(before, "£") ||
		strings.HasPrefix(after, ",-") || strings.HasPrefix(after, ".-") {
		return false
	}
	if i > 0 {
		prev := strings.ToLower(toks[i-1].s)
		switch prev {
		case "eur", "euro", "usd", "gbp", "tel", "telefoon", "phone", "mobiel", "mobile",
			"whatsapp", "gsm", "fax", "kvk", "btw", "iban", "postcode", "zip":
			return false
		}
	}
	// "+31612345678".
	if strings.HasSuffix(before, "+") {
		return false
	}
	if kw {
		return true
	}
	// Years and Dutch postcodes ("1012 AB") have four digits: no bare
	// four-digit number gets here.
	return true
}

// phoneGroup reports whether token i follows a group of a phone number
// written in parts: "06 12345678", "0318 - 123 400", "+31 6 1234 5678".
// It looks back four groups at most.
func phoneGroup(text string, toks []token, i int) bool {
	for k := 0; k < 4 && i > 0; k++ {
		prev := toks[i-1]
		sep := text[prev.end:toks[i].start]
		if sep == "" || strings.Trim(sep, " -") != "" || !allDigits(prev.s) {
			return false
		}
		if prev.s[0] == '0' || strings.HasSuffix(strings.TrimRight(text[:prev.start], " "), "+") {
			return true
		}
		i--
	}
	return false
}

// unitFollows reports whether a unit follows token i, perhaps after up to
// two filler words.
func unitFollows(toks []token, i int) bool {
	for j := i + 1; j < len(toks) && j <= i+3; j++ {
		w := strings.ToLower(toks[j].s)
		if units[w] {
			return true
		}
		if strings.Contains(w, "-") {
			// "instagram-volgers"
			for p := range strings.SplitSeq(w, "-") {
				if units[p] {
					return true
				}
			}
		}
		if !fillers[w] {
			return false
		}
	}
	return false
}

// token is a word of letters and digits, with inner '-', '.', ',', '/' or
// ':' between them ("S-7781", "14,95", "15-11-2026", "14:05").
type token struct {
	s          string
	start, end int
}

// tokenize splits text into tokens.
func tokenize(text string) []token {
	var toks []token
	start := -1
	isAlnum := func(r rune) bool { return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
	for i, r := range text {
		switch {
		case isAlnum(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && strings.ContainsRune("-.,/:", r) && i+1 < len(text) && isAlnum(rune(text[i+1])):
			// Inner separator: the token goes on.
		default:
			if start >= 0 {
				toks = append(toks, token{s: text[start:i], start: start, end: i})
				start = -1
			}
		}
	}
	if start >= 0 {
		toks = append(toks, token{s: text[start:], start: start, end: len(text)})
	}
	return toks
}

// blankOut replaces each match of re in s by spaces of the same length, so
// that offsets stay valid.
func blankOut(s string, re *regexp.Regexp) string {
	return re.ReplaceAllStringFunc(s, func(m string) string { return strings.Repeat(" ", len(m)) })
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }
