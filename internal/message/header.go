package message

import (
	"bytes"
	"io"
	"mime"
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-message/charset"
	"github.com/emersion/go-message/textproto"
	"golang.org/x/text/encoding/charmap"
)

// wordDecoder decodes RFC 2047 encoded words in any charset golang.org/x/text
// knows. An unknown charset never fails: its bytes are taken as UTF-8 when
// they are valid UTF-8 and as windows-1252 otherwise, the best guess for
// European mail.
func wordDecoder() *mime.WordDecoder {
	return &mime.WordDecoder{CharsetReader: charsetReader}
}

// charsetReader converts from the named charset to UTF-8, with the fallback of
// wordDecoder for unknown charsets.
func charsetReader(name string, r io.Reader) (io.Reader, error) {
	if cr, err := charset.Reader(name, r); err == nil {
		return cr, nil
	}
	b, err := io.ReadAll(io.LimitReader(r, maxWordSize))
	if err != nil {
		return nil, err
	}
	return strings.NewReader(guessText(b)), nil
}

// maxWordSize bounds the text of one encoded word read in an unknown
// charset; a header is bounded by Limits.MaxHeaderSize already.
const maxWordSize = 1 << 20

// guessText returns b as UTF-8: as is when valid, else decoded as
// windows-1252 (a superset of ISO 8859-1 for printable text).
func guessText(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(s)
}

// decodeHeaderValue decodes the RFC 2047 words of one header value. Raw 8-bit
// bytes (RFC 6532 allows UTF-8; older mailers send Latin-1) become UTF-8.
func decodeHeaderValue(wd *mime.WordDecoder, v string) string {
	if !utf8.ValidString(v) {
		v = guessText([]byte(v))
	}
	if !strings.Contains(v, "=?") {
		return cleanControls(v)
	}
	d, err := wd.DecodeHeader(v)
	if err != nil {
		return cleanControls(v)
	}
	// A word that claims UTF-8 may hold anything.
	return cleanControls(strings.ToValidUTF8(d, "\uFFFD"))
}

// cleanControls replaces the control characters in a header value with
// spaces: an encoded word (RFC 2047) can hold a CR, LF or NUL, and a
// decoded subject or name must not carry them into a reply's header.
func cleanControls(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return ' '
		}
		return r
	}, s)
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// decodeHeader turns a parsed header into a Header, topmost field first.
func decodeHeader(wd *mime.WordDecoder, h *textproto.Header) Header {
	out := make(Header, h.Len())
	fields := h.Fields()
	for fields.Next() {
		k := canonical(fields.Key())
		out[k] = append(out[k], decodeHeaderValue(wd, fields.Value()))
	}
	return out
}

// rawValues returns the undecoded values of a field, topmost first.
func rawValues(h *textproto.Header, key string) []string {
	var vs []string
	fields := h.FieldsByKey(key)
	for fields.Next() {
		vs = append(vs, fields.Value())
	}
	return vs
}

// addrSpecRE finds something that looks like an addr-spec (RFC 5322 section
// 3.4.1) in a header that net/mail cannot parse.
var addrSpecRE = regexp.MustCompile(`[A-Za-z0-9.!#$%&'*+/=?^_{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*`)

// parseAddresses reads an address list (RFC 5322 section 3.4). Broken lists
// (unquoted specials in display names, missing brackets, stray semicolons)
// degrade to the addr-specs found in the text; ok is false then.
func parseAddresses(wd *mime.WordDecoder, raw string) (list []*mail.Address, ok bool) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, true
	}
	p := mail.AddressParser{WordDecoder: wd}
	if l, err := p.ParseList(raw); err == nil {
		return cleanAddresses(l), true
	}
	dec := decodeHeaderValue(wd, raw)
	if l, err := p.ParseList(dec); err == nil {
		return cleanAddresses(l), true
	}
	// Fall back to addr-specs, each with the text before it as its name when
	// that is all the group holds ("Jan de Vries jan@example.nl").
	prev := 0
	for _, loc := range addrSpecRE.FindAllStringIndex(dec, -1) {
		name := dec[prev:loc[0]]
		if i := strings.LastIndexAny(name, ",;"); i >= 0 {
			name = name[i+1:]
		}
		name = strings.Trim(name, " \t\"'<(")
		list = append(list, &mail.Address{Name: name, Address: dec[loc[0]:loc[1]]})
		prev = loc[1]
		if rest := dec[prev:]; rest != "" && strings.ContainsAny(rest[:1], ">)\"'") {
			prev++
		}
	}
	return cleanAddresses(list), false
}

// cleanAddresses trims the addresses and removes control characters from
// the decoded names (see cleanControls).
func cleanAddresses(l []*mail.Address) []*mail.Address {
	for _, a := range l {
		a.Name = strings.TrimSpace(cleanControls(a.Name))
		a.Address = strings.TrimSpace(a.Address)
	}
	return l
}

// msgIDRE finds one msg-id (RFC 5322 section 3.6.4) between angle brackets.
var msgIDRE = regexp.MustCompile(`<([^<>\s]+)>`)

// parseIDs returns the message ids of a Message-ID, In-Reply-To or
// References field without their angle brackets. Ids written without
// brackets (seen in the wild) are taken as whitespace-separated words.
func parseIDs(v string) []string {
	var ids []string
	for _, m := range msgIDRE.FindAllStringSubmatch(v, -1) {
		ids = append(ids, m[1])
	}
	if len(ids) > 0 {
		return ids
	}
	for w := range strings.FieldsSeq(v) {
		w = strings.Trim(w, "<>,;")
		if strings.Contains(w, "@") {
			ids = append(ids, w)
		}
	}
	return ids
}

// receivedDate returns the date-time of a Received: field: what follows its
// last ';' (RFC 5321 section 4.4).
func receivedDate(v string) (time.Time, bool) {
	i := strings.LastIndexByte(v, ';')
	if i < 0 {
		return time.Time{}, false
	}
	return parseDate(v[i+1:])
}

// zoneOffset returns the numeric offset of a time zone name: the obsolete
// zones of RFC 5322 section 4.3 and the common European and Asian ones.
func zoneOffset(name string) (string, bool) {
	switch name {
	case "UT", "UTC", "GMT", "Z", "WET":
		return "+0000", true
	case "CET", "MET", "BST", "WEST":
		return "+0100", true
	case "CEST", "MEST", "EET":
		return "+0200", true
	case "EEST", "MSK":
		return "+0300", true
	case "HKT", "SGT", "AWST":
		return "+0800", true
	case "JST", "KST":
		return "+0900", true
	case "AEST":
		return "+1000", true
	case "AEDT":
		return "+1100", true
	case "NZST":
		return "+1200", true
	case "NZDT":
		return "+1300", true
	case "EDT":
		return "-0400", true
	case "EST", "CDT":
		return "-0500", true
	case "CST", "MDT":
		return "-0600", true
	case "MST", "PDT":
		return "-0700", true
	case "PST":
		return "-0800", true
	}
	return "", false
}

// commentRE matches a comment in a date: "(CET)", "(UTC)".
var commentRE = regexp.MustCompile(`\([^()]*\)`)

// weekdayRE matches a leading day name, with or without comma.
var weekdayRE = regexp.MustCompile(`(?i)^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*`)

// parseDate reads an RFC 5322 date-time robustly: comments, a missing or
// misspelled weekday, zone names such as UTC or GMT, "+01:00" offsets,
// missing seconds, two-digit years and ISO 8601 are accepted.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(commentRE.ReplaceAllString(s, " "))
	if s == "" {
		return time.Time{}, false
	}
	// net/mail takes every zone name for +0000; RFC 5322 section 4.3 gives
	// EST and friends their offsets, and European mailers write CET.
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		if off, ok := zoneOffset(strings.ToUpper(s[i+1:])); ok {
			s = s[:i+1] + off
		}
	}
	if t, err := mail.ParseDate(s); err == nil {
		return t, true
	}
	s = weekdayRE.ReplaceAllString(strings.TrimSpace(s), "")
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, ",", " ")), " ")
	if s == "" {
		return time.Time{}, false
	}
	if t, err := mail.ParseDate(s); err == nil {
		return t, true
	}
	// The date-time forms seen in Date: and Received: fields beyond what
	// net/mail.ParseDate reads (RFC 5322 section 3.3 plus the obsolete and
	// plainly wrong forms real mailers write).
	layouts := [...]string{
		"2 Jan 2006 15:04:05 -0700",
		"2 Jan 2006 15:04 -0700",
		"2 Jan 2006 15:04:05 MST",
		"2 Jan 2006 15:04 MST",
		"2 Jan 2006 15:04:05",
		"2 Jan 06 15:04:05 -0700",
		"2 Jan 06 15:04:05 MST",
		"2 January 2006 15:04:05 -0700",
		"2 January 2006 15:04:05 MST",
		"Jan 2 15:04:05 2006 -0700",
		"Jan 2 15:04:05 2006 MST",
		"Jan 2 15:04:05 MST 2006",
		"Jan 2 2006 15:04:05 -0700",
		"2 Jan 2006 15:04:05 -07:00",
		"2006-01-02T15:04:05Z07:00",
		"2006-01-02 15:04:05 -0700",
		"2006-01-02 15:04:05 Z07:00",
		"2006-01-02 15:04:05",
	}
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// sanitizeHeader prepares the raw header block of a message for
// textproto.ReadHeader, which stops at the first malformed line: an mbox
// "From " line is dropped, and so is any line that is neither a field nor a
// continuation. It returns the cleaned block and whether lines were dropped.
func sanitizeHeader(b []byte) ([]byte, bool) {
	var out bytes.Buffer
	out.Grow(len(b) + 2)
	dropped := false
	first := true
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i+1], b[i+1:]
		} else {
			b = nil
		}
		content := bytes.TrimRight(line, "\r\n")
		switch {
		case len(content) == 0:
			// The blank line ending the header; nothing follows here.
		case content[0] == ' ' || content[0] == '\t':
			if first {
				dropped = true
				continue
			}
			out.Write(content)
			out.WriteString("\r\n")
		case first && bytes.HasPrefix(content, []byte("From ")):
			// The mbox separator line (RFC 4155) is no header field.
		case validFieldLine(content):
			out.Write(content)
			out.WriteString("\r\n")
			first = false
		default:
			dropped = true
		}
	}
	out.WriteString("\r\n")
	return out.Bytes(), dropped
}

// validFieldLine reports whether line starts a header field: a field name of
// printable characters other than ':' and space, then ':' (RFC 5322 section
// 2.2). Spaces before the colon are tolerated, as go-message does.
func validFieldLine(line []byte) bool {
	i := bytes.IndexByte(line, ':')
	if i <= 0 {
		return false
	}
	name := bytes.TrimRight(line[:i], " \t")
	if len(name) == 0 {
		return false
	}
	for _, c := range name {
		if c < 33 || c > 126 {
			return false
		}
	}
	return true
}
