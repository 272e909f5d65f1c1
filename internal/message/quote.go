package message

import (
	"regexp"
	"strings"
)

// SplitQuoted separates the text a sender newly wrote (own) from what was
// cut (quoted): '>' quoted lines (RFC 3676 section 4.5) with the attribution
// line above them ("On … wrote:", "Op … schreef …:", "Am … schrieb …:",
// "Le … a écrit :", also folded over several lines), and everything from
// the first of these to the end: an Outlook header block
// (From/Van/Von/De, Sent/Verzonden/Gesendet/Envoyé, To/Aan/An/À,
// Subject/Onderwerp/Betreff/Objet), an "-----Original Message-----"
// separator, a forwarded message, an attribution with no '>' lines under
// it, a signature ("-- " delimiter of RFC 3676 section 4.3, or a mobile
// "Sent from my iPhone" line) and a legal disclaimer. A closing
// ("Met vriendelijke groet,") with only signature-like lines under it
// (name, title, address, phone) is cut with them. Text below a '>' block
// that is not history (an inline reply) stays own. Both results are
// trimmed of surrounding blank lines.
func SplitQuoted(text string) (own, quoted string) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")
	quote := make([]bool, len(lines))

	// Everything from the first history marker on is history.
	cut := len(lines)
	for i := 0; i < len(lines); i++ {
		if isQuoteLine(lines[i]) {
			continue
		}
		if n := historyStart(lines, i); n >= 0 {
			cut = n
			break
		}
	}
	if j := signOffStart(lines, cut); j >= 0 {
		cut = j
	}
	for i := cut; i < len(lines); i++ {
		quote[i] = true
	}

	// Above it, '>' blocks and the attributions that introduce them.
	for i := 0; i < cut; i++ {
		if isQuoteLine(lines[i]) {
			quote[i] = true
			continue
		}
		if i > 0 && i+1 < cut && quote[i-1] && isQuoteLine(lines[i+1]) && strings.TrimSpace(lines[i]) != "" {
			// A quoted line that lost its '>' to line wrapping.
			quote[i] = true
			continue
		}
		if n := attributionLines(lines, i); n > 0 {
			// An attribution introduces the '>' block right below it.
			j := i + n
			for j < cut && strings.TrimSpace(lines[j]) == "" {
				j++
			}
			if j < cut && isQuoteLine(lines[j]) {
				for k := i; k < j; k++ {
					quote[k] = true
				}
				i = j - 1
			}
		}
	}

	return trimBlank(lines, quote, false), trimBlank(lines, quote, true)
}

// trimBlank joins the lines whose quote is q, dropping trailing white space
// of each line and blank lines around the text, and collapsing runs of
// blank lines.
func trimBlank(lines []string, quote []bool, q bool) string {
	var b strings.Builder
	size := 0
	for i, l := range lines {
		if quote[i] == q {
			size += len(l) + 1
		}
	}
	b.Grow(size)
	blank := false
	for i, l := range lines {
		if quote[i] != q {
			continue
		}
		l = strings.TrimRight(l, " \t")
		if l == "" {
			blank = b.Len() > 0
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(l)
	}
	return b.String()
}

// isQuoteLine reports whether a line is quoted with '>'.
func isQuoteLine(l string) bool {
	return strings.HasPrefix(strings.TrimLeft(l, " \t"), ">")
}

// attributionVerbs are the verbs of reply attributions in the languages
// seen in the wild.
const attributionVerbs = `wrote|schreef|geschreven|schrieb|a\s+[ée]crit|escribi[óo]|ha\s+scritto|escreveu|skrev|kirjoitti|napisał\S*|написал\S*|написав|пише`

// attributionVerbRE finds such a verb.
var attributionVerbRE = regexp.MustCompile(`(?i)\s(` + attributionVerbs + `)\b`)

var (
	// attributionRE matches a reply attribution, folded lines joined.
	attributionRE = regexp.MustCompile(`(?i)^\s*-*\s*(` +
		`on\s.{1,250}\s(wrote|writes)|` +
		`op\s.{1,250}\s(schreef|geschreven)|` +
		`am\s.{1,250}\s(schrieb|geschrieben)|` +
		`le\s.{1,250}\sa\s+[ée]crit|` +
		`el\s.{1,250}\sescribi[óo]|` +
		`il\s.{1,250}\sha\s+scritto|` +
		`em\s.{1,250}\sescreveu|` +
		`den\s.{1,250}\sskrev|` +
		`\S.{0,250}\s(` + attributionVerbs + `)` +
		`)(.{0,120}:|\s*-*)\s*$`)

	// addrAttributionRE matches an attribution that is only a date and an
	// address: "30.09.2017, 18.30, "John" <john@example.com>:".
	addrAttributionRE = regexp.MustCompile(`\d.{0,200}<[^<>\s]+@[^<>\s]+>\s*:$`)

	// originalRE matches the separator line above an Outlook or Thunderbird
	// quoted or forwarded message.
	originalRE = regexp.MustCompile(`(?i)^\s*\*?-{2,}\s*(original message|oorspronkelijk bericht|origineel bericht|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|mensagem original|alkuperäinen viesti|oprindelig besked|opprinnelig melding|ursprungligt meddelande|forwarded message|doorgestuurd bericht|weitergeleitete nachricht|message transféré|mensaje reenviado|messaggio inoltrato)\s*-*\*?\s*$`)

	// forwardRE matches Apple Mail's line above a forwarded message.
	forwardRE = regexp.MustCompile(`(?i)^\s*(begin forwarded message|begin doorgestuurd bericht|anfang der weitergeleiteten nachricht|début du message réexpédié|inicio del mensaje reenviado)\s*:\s*$`)

	// headerFromRE and headerOtherRE match the lines of an Outlook header
	// block, in English, Dutch, German, French and a few more, optionally
	// bold ("*From:*").
	headerFromRE  = regexp.MustCompile(`(?i)^\s*\*?(from|van|von|de|da|fra|från|od|от|message du)\s*:\*?\s*\S`)
	headerOtherRE = regexp.MustCompile(`(?i)^\s*\*?(sent|date|verzonden|datum|dato|gesendet|envoyé|envoyé le|date d'envoi|enviado|inviato|to|aan|an|à|a|para|til|till|subject|onderwerp|betreff|objet|sujet|asunto|oggetto|assunto|emne|ämne|cc|bcc|copie à)\s*:`)

	// mobileRE matches the one-line signature of a mobile or webmail
	// client: "Sent from my iPhone", "Verzonden vanaf mijn Galaxy",
	// "Gesendet von Outlook für Android<https://aka.ms/…>".
	mobileRE = regexp.MustCompile(`(?i)^\s*(` +
		`(sent|verzonden|verstuurd|gestuurd|envoyé|enviado|inviato|gesendet|sendt|skickat)\s+(from|vanaf|vanuit|van|via|met|with|using|on|de|depuis|à partir de|desde|da|von|mit|fra|från)\s+([^,;:?!<>]{1,50})|` +
		`von meinem [^,;:?!<>]{1,40} gesendet|` +
		`envoyé de mon [^,;:?!<>]{1,40}|` +
		`(get|download|holen sie sich|obtenir|descargar) outlook (for|voor|für|pour|para) (ios|android)|` +
		`outlook voor (ios|android)( downloaden)?` +
		`)\.?\s*(<https?://[^>]*>)?\s*$`)

	// disclaimerRE matches the first line of a legal notice under a mail.
	disclaimerRE = regexp.MustCompile(`(?i)(confidential|vertrouwelijk|vertraulich|confidentiel|privileged|intended (solely |only )?for|uitsluitend bestemd|bestemd voor de geadresseerde|disclaimer|this e-?mail (message )?and any (files|attachments)|dit e-?mail(bericht)? (is|kan)|de informatie (verzonden )?in dit|le informazioni contenute)`)

	// signOffRE matches a closing line ("Met vriendelijke groet,",
	// "Kind regards", "Bedankt, Sem"): the lines under it are a signature
	// when they look like one (see signatureLike).
	signOffRE = regexp.MustCompile(`(?i)^\s*(` +
		`(met )?(vriendelijke|hartelijke|beste|warme|zonnige|sportieve|lieve)?\s*groet(en|jes)?|mvg|m\.v\.g\.?|gr\.?|groetjes|liefs|` +
		`(kind|best|warm|warmest|many|with)?\s*regards|best wishes|best|cheers|sincerely|yours (sincerely|truly|faithfully)|` +
		`mit freundlichen grüßen|mfg|viele grüße|liebe grüße|beste grüße|gruß|` +
		`cordialement|bien cordialement|bien à vous|salutations|amicalement` +
		`)[,.!]*(\s+\S+){0,3}\s*$`)
)

// maxMobileWords bounds the words of a mobile signature: "Sent from my
// desk, is much easier" is a sentence.
const maxMobileWords = 8

// historyStart reports whether line i starts history that runs to the end
// of the text, and if so from which line on (a "____" rule or blank lines
// right above an Outlook header block belong to it). It returns -1 if not.
func historyStart(lines []string, i int) int {
	l := strings.TrimSpace(lines[i])
	switch {
	case l == "--" || lines[i] == "-- ":
		return i
	case len(l) >= 2 && strings.Trim(l, "_") == "" && nextNonBlank(lines, i+1) >= 0:
		// Outlook's rule above a quoted message, or a list footer.
		return i
	case originalRE.MatchString(l), forwardRE.MatchString(l):
		return i
	case isMobileSignature(l):
		return i
	}
	if headerFromRE.MatchString(l) && outlookBlock(lines, i) {
		j := i
		for j > 0 {
			p := strings.TrimSpace(lines[j-1])
			if p == "" || strings.Trim(p, "_-=*—") == "" {
				j--
				continue
			}
			break
		}
		return j
	}
	if n := attributionLines(lines, i); n > 0 {
		// An attribution with no '>' lines below it: the quoted text
		// follows unmarked (iOS, Gmail's forwards). Mail clients name the
		// sender's address there; "Op 12 november schreef ik:" from a
		// customer does not, and what follows it stays own.
		j := nextNonBlank(lines, i+n)
		if (j < 0 || !isQuoteLine(lines[j])) && strings.Contains(strings.Join(lines[i:i+n], " "), "@") {
			return i
		}
	}
	if i > 0 && strings.TrimSpace(lines[i-1]) == "" && disclaimerRE.MatchString(l) && ownBefore(lines, i) {
		return i
	}
	return -1
}

// nextNonBlank returns the index of the first non-blank line from i on, or
// -1.
func nextNonBlank(lines []string, i int) int {
	for ; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "" {
			return i
		}
	}
	return -1
}

// isMobileSignature reports whether l is the one-line signature of a mobile
// or webmail client.
func isMobileSignature(l string) bool {
	if len(l) > 120 || !mobileRE.MatchString(l) {
		return false
	}
	if i := strings.IndexByte(l, '<'); i >= 0 {
		l = l[:i]
	}
	return len(strings.Fields(l)) <= maxMobileWords
}

// signOffStart returns the line of a closing ("Met vriendelijke groet,")
// before end under which only signature-like lines follow, or -1. Some own
// text must precede it.
func signOffStart(lines []string, end int) int {
	for j := end - 1; j > 0 && j >= end-12; j-- {
		l := strings.TrimSpace(lines[j])
		if l == "" || isQuoteLine(lines[j]) {
			continue
		}
		if signOffRE.MatchString(l) {
			if ownBefore(lines, j) {
				return j
			}
			return -1
		}
		if !signatureLike(l) {
			return -1
		}
	}
	return -1
}

// signatureLike reports whether a line can belong to a signature block: a
// name, a title, an address, a phone number; not a sentence. A line with a
// URL or an order number is kept as own text: cutting the customer's
// evidence or order number costs more than keeping a company's website.
func signatureLike(l string) bool {
	lower := strings.ToLower(l)
	if strings.Contains(lower, "http") || len(FindOrderNumbers(l)) > 0 {
		return false
	}
	if !strings.ContainsAny(l, " \t") {
		return len(l) <= 200
	}
	if strings.HasPrefix(lower, "ps") || strings.HasPrefix(lower, "p.s") || strings.HasSuffix(l, "?") {
		return false
	}
	words := len(strings.Fields(l))
	sentence := words >= 5 && strings.ContainsAny(l[len(l)-1:], ".!")
	return len(l) <= 60 && words <= 8 && !sentence
}

// ownBefore reports whether some non-blank, unquoted text precedes line i.
func ownBefore(lines []string, i int) bool {
	for _, l := range lines[:i] {
		if strings.TrimSpace(l) != "" && !isQuoteLine(l) {
			return true
		}
	}
	return false
}

// outlookBlock reports whether the From: line at i is followed by at least
// two more header lines of an Outlook header block.
func outlookBlock(lines []string, i int) bool {
	n := 0
	for j := i + 1; j < len(lines) && j <= i+8; j++ {
		l := strings.TrimSpace(lines[j])
		if l == "" {
			if n > 0 {
				break
			}
			continue
		}
		if headerOtherRE.MatchString(l) {
			n++
			if n >= 2 {
				return true
			}
		}
	}
	return false
}

// attributionLines returns how many lines (1 to 3) starting at i form a
// reply attribution, or 0.
func attributionLines(lines []string, i int) int {
	l := strings.TrimSpace(lines[i])
	if l == "" || len(l) > 300 || isQuoteLine(l) {
		return 0
	}
	joined, last := l, l
	for n := 1; n <= 3 && i+n <= len(lines); n++ {
		if n > 1 {
			if strings.ContainsAny(last[len(last)-1:], ".?!") && !attributionVerbRE.MatchString(joined) {
				// A sentence, not the start of a folded attribution
				// ("… schrieb am Fr., 28." goes on with "Apr. 2017 …").
				return 0
			}
			next := strings.TrimSpace(lines[i+n-1])
			last = next
			switch {
			case next == "":
				return 0
			case strings.HasPrefix(next, ">:") || strings.HasSuffix(joined, "<"):
				// Folded inside "<address>:".
				joined += next
			case isQuoteLine(next):
				return 0
			default:
				joined += " " + next
			}
		}
		if isAttribution(joined) {
			return n
		}
	}
	return 0
}

// isAttribution reports whether s (folded lines joined) is a reply
// attribution. A real one names a date or an address; without a closing
// colon it must name an address.
func isAttribution(s string) bool {
	if strings.HasSuffix(s, ":") {
		return strings.ContainsAny(s, "0123456789@") && (attributionRE.MatchString(s) || addrAttributionRE.MatchString(s))
	}
	return strings.Contains(s, "@") && attributionRE.MatchString(s)
}
