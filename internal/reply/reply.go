// Package reply turns a decided mail into the customer's answer: it fills
// the Dutch or English text for the (category, outcome) from templates
// (embedded, overridable from a directory) and builds the complete RFC 5322
// message with github.com/wneessen/go-mail, threaded into the customer's
// conversation for every kind of client (In-Reply-To/References, a
// reference token in the subject, Outlook's Thread-Topic/Thread-Index) and
// marked as an automatic reply (RFC 3834). It sends nothing: internal/send
// does, with the bytes built here.
//
// Nothing a customer wrote can add a header or a recipient: every
// customer-controlled string that reaches a header is stripped of line
// breaks and control characters, and a reply has exactly one recipient.
package reply

import (
	"bytes"
	"errors"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	gomail "github.com/wneessen/go-mail"
)

// Errors of this package.
var (
	// ErrTemplates wraps every problem Load found in the templates.
	ErrTemplates = errors.New("reply templates are not usable")
	// ErrNoTemplate: the decision sends no mail, or no such template exists.
	ErrNoTemplate = errors.New("no reply template")
	// ErrInput: Build was given something it cannot build a reply from (no
	// usable recipient, a malformed Message-ID or token, no shop name).
	ErrInput = errors.New("cannot build the reply")
)

// TokenPrefix starts every thread reference token ("HD-7K3Q9X").
const TokenPrefix = "HD-"

// maxReferences caps the References field of a reply; the first id (the
// conversation's root) and the most recent ones are kept.
const maxReferences = 20

// maxSubject caps the customer's part of the subject, in characters.
const maxSubject = 150

// Input is everything Build needs for one reply.
type Input struct {
	// Template is the name of the text (Name, Acknowledgement); "" means
	// Name(Data.Category, Data.Outcome).
	Template string
	Data     Data

	// The mail we answer, as read by internal/message.
	From        *mail.Address   // first address of From:
	ReplyTo     []*mail.Address // Reply-To:, if any
	Subject     string          // decoded
	MessageID   string          // with or without angle brackets
	References  []string        // its References:, ids with or without angle brackets
	InReplyTo   []string        // its In-Reply-To:
	ThreadIndex string          // its Thread-Index: (Outlook), if any

	// Own is our address and display name: the reply's From. An empty
	// Name takes Data.ShopName.
	Own mail.Address
	// Ref is the thread's reference token, "HD-" and letters or digits; it
	// goes into the subject so that a client that drops In-Reply-To and
	// References still threads the customer's answer.
	Ref string
	// NewID is the reply's Message-ID (id-left@id-right, brackets
	// optional); the caller records it before sending.
	NewID string
	// Date is the reply's Date:; zero means now.
	Date time.Time
}

// Outgoing is a built reply, ready for internal/send.
type Outgoing struct {
	Template  string        // e.g. "nl/non_delivery.eligible"
	From      string        // envelope sender: our own address
	To        *mail.Address // the one recipient
	Subject   string
	MessageID string // with angle brackets
	Raw       []byte // the message as it is sent and recorded (CRLF line ends)
}

// Build fills the template for in and builds the reply. The recipient is
// the first Reply-To address that is not our own (compared in any letter
// case), else From: RFC 3834 section 4 lets a service answer Reply-To, and
// PRODUCT.md says Reply-To only says where a reply goes.
//
// The reply is marked Auto-Submitted: auto-replied (RFC 3834 section 5)
// and X-Auto-Response-Suppress: All (Exchange's equivalent), and carries
// no Precedence field (RFC 3834 advises against it). The envelope sender
// is our own address rather than the null path RFC 3834 suggests for
// automatic responses: submission servers often refuse a null sender from
// an authenticated user, and a bounce of a refund promise should come back
// to the mailbox (where it is machine mail, never answered).
func Build(set *Templates, in Input) (*Outgoing, error) {
	if set == nil {
		return nil, fmt.Errorf("%w: no templates loaded", ErrNoTemplate)
	}
	name := in.Template
	if name == "" {
		name = Name(in.Data.Category, in.Data.Outcome)
		if name == "" {
			return nil, fmt.Errorf("%w: %s/%s sends no mail", ErrNoTemplate, in.Data.Category, in.Data.Outcome)
		}
	}
	d := clean(in.Data)
	key := d.lang() + "/" + name

	var problems []string
	if d.ShopName == "" {
		problems = append(problems, "no shop name")
	}
	own := strings.TrimSpace(in.Own.Address)
	if !validAddress(own) {
		problems = append(problems, fmt.Sprintf("our own address %q is not an address", own))
	}
	newID, ok := messageID(in.NewID)
	if !ok || !strings.Contains(newID, "@") {
		problems = append(problems, fmt.Sprintf("new Message-ID %q is not id-left@id-right", in.NewID))
	}
	if !validToken(in.Ref) {
		problems = append(problems, fmt.Sprintf("reference token %q is not %s and letters or digits", in.Ref, TokenPrefix))
	}
	to := recipient(in.From, in.ReplyTo, own)
	if to == nil {
		problems = append(problems, "no usable recipient in Reply-To or From")
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%w: %s", ErrInput, strings.Join(problems, "; "))
	}

	body, err := set.render(key, d)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrInput, set.Origin(d.lang(), name), err)
	}
	topic := BaseSubject(in.Subject)
	if topic == "" {
		if topic, err = set.defaultSubject(key, d); err != nil {
			return nil, fmt.Errorf("%w: subject: %w", ErrInput, err)
		}
	}
	subject := "Re: " + topic + " [" + in.Ref + "]"

	date := in.Date
	if date.IsZero() {
		date = time.Now()
	}
	date = date.In(d.location())

	fromName := displayName(in.Own.Name)
	if fromName == "" {
		fromName = d.ShopName
	}
	m := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP), gomail.WithNoDefaultUserAgent())
	m.FromMailAddress(&mail.Address{Name: fromName, Address: own})
	m.ToMailAddress(to)
	m.Subject(subject)
	m.SetDateWithValue(date)
	m.SetMessageIDWithValue(newID)
	// RFC 5322 section 3.6.4: In-Reply-To is the parent's id; References
	// the parent's References (or its single In-Reply-To) and its id.
	parent, _ := messageID(in.MessageID)
	if parent != "" {
		m.SetGenHeader(gomail.HeaderInReplyTo, "<"+parent+">")
	}
	if refs := references(in.References, in.InReplyTo, parent); len(refs) > 0 {
		m.SetGenHeader(gomail.HeaderReferences, "<"+strings.Join(refs, "> <")+">")
	}
	m.SetGenHeader("Auto-Submitted", "auto-replied")
	m.SetGenHeader(gomail.HeaderXAutoResponseSuppress, "All")
	m.SetGenHeader("Thread-Topic", topic)
	m.SetGenHeader("Thread-Index", ThreadIndex(in.ThreadIndex, date, newID))
	m.SetGenHeader(gomail.HeaderContentLang, d.lang())
	m.SetBodyString(gomail.TypeTextPlain, body)

	var raw bytes.Buffer
	if _, err := m.WriteTo(&raw); err != nil {
		return nil, fmt.Errorf("writing the reply: %w", err)
	}
	return &Outgoing{
		Template:  key,
		From:      own,
		To:        to,
		Subject:   subject,
		MessageID: "<" + newID + ">",
		Raw:       raw.Bytes(),
	}, nil
}

// clean returns d with every customer-controlled string made safe to show
// on one line.
func clean(d Data) Data {
	d.CustomerName = customerName(d.CustomerName)
	d.ShopName = headerText(d.ShopName)
	if d.Order != nil {
		o := *d.Order
		o.ID, o.Product, o.Currency = headerText(o.ID), headerText(o.Product), headerText(o.Currency)
		d.Order = &o
	}
	return d
}

// customerName is a display name fit for a greeting and a To: field, or
// "" when there is none worth using (an address, a very long or letterless
// string). Quotes and backslashes go: they only make the name harder to
// quote, and some readers stumble over them inside encoded words.
func customerName(s string) string {
	s = strings.Trim(displayName(s), "' ")
	if s == "" || strings.Contains(s, "@") || utf8.RuneCountInString(s) > 64 || !strings.ContainsFunc(s, unicode.IsLetter) {
		return ""
	}
	return s
}

// displayName is s fit for the phrase of an address field.
func displayName(s string) string {
	return headerText(strings.NewReplacer(`"`, "", `\`, "").Replace(s))
}

// recipient picks the one address the reply goes to.
func recipient(from *mail.Address, replyTo []*mail.Address, own string) *mail.Address {
	ok := func(a *mail.Address) bool {
		return a != nil && validAddress(a.Address) && !strings.EqualFold(strings.TrimSpace(a.Address), own)
	}
	pick := func(a *mail.Address) *mail.Address {
		return &mail.Address{Name: customerName(a.Name), Address: strings.TrimSpace(a.Address)}
	}
	for _, a := range replyTo {
		if ok(a) {
			return pick(a)
		}
	}
	if ok(from) {
		return pick(from)
	}
	return nil
}

// validAddress reports whether a is a plain addr-spec that net/mail reads
// back unchanged: no display name, no comment, no line break, no list.
func validAddress(a string) bool {
	if a == "" || len(a) > 254 || strings.ContainsFunc(a, func(r rune) bool { return unicode.IsControl(r) || unicode.IsSpace(r) }) {
		return false
	}
	p, err := mail.ParseAddress(a)
	return err == nil && p.Name == "" && p.Address == a
}

// messageID returns a msg-id without its angle brackets and whether it is
// usable in a header: printable US-ASCII, no brackets or white space
// inside (RFC 5322 section 3.6.4).
func messageID(s string) (string, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">")
	if s == "" || len(s) > 250 {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '<' || c == '>' {
			return "", false
		}
	}
	return s, true
}

// references is the References list of a reply (RFC 5322 section 3.6.4):
// the parent's References, or else its In-Reply-To when that holds a
// single id, followed by the parent's own id. Unusable ids are dropped,
// duplicates kept once, and a long list is cut to its first id and the
// most recent ones.
func references(refs, inReplyTo []string, parent string) []string {
	ids := msgIDs(refs)
	if len(ids) == 0 {
		if irt := msgIDs(inReplyTo); len(irt) == 1 {
			ids = irt
		}
	}
	if parent != "" {
		ids = append(ids, parent)
	}
	var out []string
	seen := map[string]bool{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	if len(out) > maxReferences {
		out = append(out[:1], out[len(out)-(maxReferences-1):]...)
	}
	return out
}

// msgIDs reads ids from header values that may hold one id each or a whole
// field ("<a@x> <b@y>").
func msgIDs(values []string) []string {
	var ids []string
	for _, v := range values {
		for _, f := range strings.FieldsFunc(v, func(r rune) bool {
			return r == '<' || r == '>' || r == ',' || unicode.IsSpace(r)
		}) {
			if id, ok := messageID(f); ok {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

func validToken(s string) bool {
	rest, ok := strings.CutPrefix(s, TokenPrefix)
	if !ok || rest == "" || len(rest) > 32 {
		return false
	}
	for _, r := range rest {
		if !('A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}

var (
	// replyPrefix is one reply or forward marker at the start of a
	// subject, as mail clients in the customers' languages write them.
	replyPrefix = regexp.MustCompile(`(?i)^(re|aw|antw|antwoord|fwd?|doorst|wg|sv|tr)\s*(\[\d+\]|\(\d+\))?\s*[:：]`)
	// tokenRE is a thread reference token in a subject.
	tokenRE = regexp.MustCompile(`(?i)\[\s*` + TokenPrefix + `[a-z0-9]+\s*\]`)
)

// BaseSubject is a customer's subject without line breaks or control
// characters, without any number of reply and forward prefixes (Re:, RE:,
// Aw:, Antw:, Fwd:, FW:, Doorst:, …) and without our "[HD-…]" tokens,
// cut to a sensible length. It is the topic of the conversation.
func BaseSubject(s string) string {
	s = headerText(tokenRE.ReplaceAllString(headerText(s), " "))
	for {
		loc := replyPrefix.FindStringIndex(s)
		if loc == nil {
			break
		}
		s = strings.TrimSpace(s[loc[1]:])
	}
	s = headerText(s)
	if utf8.RuneCountInString(s) > maxSubject {
		r := []rune(s)[:maxSubject]
		cut := string(r)
		if i := strings.LastIndexByte(cut, ' '); i > maxSubject/2 {
			cut = cut[:i]
		}
		s = strings.TrimSpace(cut) + "…"
	}
	return s
}

// headerText makes s safe for one header line: valid UTF-8, every run of
// white space, line breaks and control characters one space, directional
// formatting characters (which can disguise text) removed, and no space
// at either end.
func headerText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || unicode.IsControl(r):
			space = b.Len() > 0
			continue
		case unicode.Is(unicode.Bidi_Control, r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
