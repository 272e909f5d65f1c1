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
		if k := strings.IndexAny(lower, ".:"); k > 0 && isOrderWord(lower[:k]) {
			lower, t.s, t.start = lower[k+1:], t.s[k+1:], t.start+k+1
			toks[i] = t
			ctx = 2
		}
		if isOrderWord(lower) {
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
			if isNotPrefix(m[1]) || unitFollows(toks, i) {
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

// isOrderWord reports whether w (lower case) introduces an order number.
func isOrderWord(w string) bool {
	switch w {
	case "order", "orders", "ordernummer", "ordernr", "orderid", "order-id", "order-nr",
		"bestelling", "bestellingen", "bestelnummer", "bestelnr", "bestel-nr", "bestelnr.", "nr",
		"no", "abonnement", "abonnementsnummer", "subscription", "abo", "factuur",
		"factuurnummer", "invoice", "ref", "referentie", "reference", "kenmerk", "bestellnummer",
		"commande":
		return true
	}
	return false
}

// isNotPrefix reports whether letters before digits make no order id:
// "nr1234" is "nr 1234", "tel0612345678" a phone number.
func isNotPrefix(w string) bool {
	switch w {
	case "nr", "no", "id", "tel", "fax", "kvk", "btw", "nl", "be", "de", "mp", "px", "kb",
		"mb", "gb", "km", "kg", "am", "pm", "x", "h", "ref", "iso", "rfc", "utc", "gmt", "cet",
		"v":
		return true
	}
	return false
}

// isUnit reports whether a word after a number makes it a quantity, not
// an id.
func isUnit(w string) bool {
	switch w {
	case "volgers", "volger", "followers", "follower", "volgelingen", "likes", "like",
		"views", "view", "weergaven", "weergave", "comments", "comment", "reacties", "reactie",
		"subscribers", "abonnees", "stuks", "stuk", "euro", "eur", "dollar", "dollars", "usd",
		"x", "keer", "times", "dagen", "days", "dag", "day", "uur", "hours", "hour", "min",
		"minuten", "minutes", "sec", "seconden", "seconds", "procent", "percent", "accounts",
		"posts", "members", "leden", "plays", "streams", "shares", "saves", "impressions",
		"kijkers", "viewers", "watchers", "fans", "hearts", "retweets", "reposts", "kb", "mb",
		"gb", "km", "kg", "k", "bezoekers", "visitors", "clicks", "kliks", "vind-ik-leuks",
		"stories", "reels", "berichten", "messages", "mails", "credits", "punten", "points",
		"pieces", "items", "jaar", "years", "maanden", "months", "weken", "weeks", "cent",
		"pond", "gbp", "listeners", "luisteraars", "subs", "retention":
		return true
	}
	return false
}

// isFiller reports whether w may stand between a quantity and its unit:
// "1000 Instagram volgers".
func isFiller(w string) bool {
	switch w {
	case "instagram", "insta", "ig", "tiktok", "youtube", "yt", "facebook", "fb", "twitter",
		"spotify", "twitch", "linkedin", "snapchat", "threads", "echte", "real", "nederlandse",
		"dutch", "belgische", "extra", "nieuwe", "new", "actieve", "active", "organische",
		"organic", "premium", "hq", "gratis", "free", "meer", "more", "of", "van", "de", "the",
		"nl", "auto", "live", "video", "post", "reel", "story":
		return true
	}
	return false
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
		if isUnit(w) {
			return true
		}
		if strings.Contains(w, "-") {
			// "instagram-volgers"
			for p := range strings.SplitSeq(w, "-") {
				if isUnit(p) {
					return true
				}
			}
		}
		if !isFiller(w) {
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

// tokenize splits text into tokens. It counts them first, so that a long
// text is not copied over and over as the slice grows.
func tokenize(text string) []token {
	n := 0
	scanTokens(text, func(int, int) { n++ })
	toks := make([]token, 0, n)
	scanTokens(text, func(start, end int) { toks = append(toks, token{s: text[start:end], start: start, end: end}) })
	return toks
}

// scanTokens calls f with the offsets of each token of text.
func scanTokens(text string, f func(start, end int)) {
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
				f(start, i)
				start = -1
			}
		}
	}
	if start >= 0 {
		f(start, len(text))
	}
}

// blankOut replaces each match of re in s by spaces of the same length, so
// that offsets stay valid.
func blankOut(s string, re *regexp.Regexp) string {
	locs := re.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return s
	}
	b := []byte(s)
	for _, loc := range locs {
		for i := loc[0]; i < loc[1]; i++ {
			b[i] = ' '
		}
	}
	return string(b)
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
