// Package message turns the raw RFC 5322 bytes of one mail into a Message:
// decoded headers, the customer's own text separated from quoted history and
// signatures, attachments, links, order numbers, the arrival time and the
// signals that say a machine wrote it. It knows nothing of orders, policy or
// IMAP.
package message

import (
	"net/mail"
	"net/textproto"
	"time"
)

// Message is one mail as the rest of helpdesk sees it.
type Message struct {
	// MessageID, InReplyTo and References hold message ids without angle
	// brackets (RFC 5322 section 3.6.4).
	MessageID  string
	InReplyTo  []string
	References []string

	From    *mail.Address   // first address of From:, nil if none could be read
	ReplyTo []*mail.Address // where a reply goes, if set
	To      []*mail.Address
	Cc      []*mail.Address
	Subject string // decoded (RFC 2047)

	Date     time.Time // Date: header; zero when missing or unreadable
	Received time.Time // date of the topmost Received: header; zero if none
	// Arrival is the arrival time of PRODUCT.md: Options.Arrival (IMAP
	// INTERNALDATE) when given, else Received, else Date.
	Arrival       time.Time
	ArrivalSource string // "internaldate", "received", "date" or "" (unknown)

	// Text is the readable body: the text/plain part, or the text/html part
	// turned into text when there is no plain part.
	Text string
	// OwnText is what the customer newly wrote: Text without quoted history,
	// forwarded messages, signatures and disclaimers. The subject is not in it.
	OwnText string
	// Quoted is what was cut from Text (for people and for tests).
	Quoted string

	Attachments []Attachment
	// Links are the http/https URLs in the own text (evidence).
	Links []string
	// OrderRefs are the order numbers written in the subject or the own text,
	// in order of appearance, without duplicates (see FindOrderNumbers).
	OrderRefs []string

	// Auto lists the signals that a machine wrote this mail (RFC 3834
	// headers, DSNs, list headers, out-of-office subjects, noreply senders),
	// each as a human-readable reason. Empty means written by a person as far
	// as the headers tell.
	Auto []string

	// Header gives access to any raw header field, decoded, by name.
	Header Header

	// Problems lists what could not be read exactly (unknown charset, broken
	// part, limit reached). The message is still usable as a best effort.
	Problems []string
	// OverLimit is set when one of Options.Limits was reached: the mail goes
	// to a person.
	OverLimit bool
	// Damaged is set when the text could not be read whole: its transfer
	// encoding broke off (bad base64) or the input failed. Text holds what
	// came before the damage; what came after it is unknown, so no
	// decision should rest on it alone.
	Damaged bool

	// Size is the size of the raw message in bytes.
	Size int64
}

// Attachment is one non-body part: an attachment, an inline image, or a
// forwarded message.
type Attachment struct {
	Filename    string
	ContentType string // lower case media type, e.g. "image/png"
	Size        int64  // decoded size in bytes
	Inline      bool   // Content-Disposition inline or a multipart/related part
	ContentID   string
	Forwarded   bool // a message/rfc822 part: never evidence
	Signature   bool // a small inline image in a signature (logo): never evidence
}

// Header is a decoded view of the header fields.
type Header map[string][]string

// Get returns the first value of the named field (case-insensitive), or "".
func (h Header) Get(name string) string {
	if v := h[canonical(name)]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Values returns all values of the named field, topmost first.
func (h Header) Values(name string) []string { return h[canonical(name)] }

// Options tunes Read. The zero value is valid.
type Options struct {
	// Arrival is the IMAP INTERNALDATE; when not zero it wins over the
	// Received: and Date: headers.
	Arrival time.Time
	// Limits bound the work done on hostile mail; zero fields take the
	// defaults of DefaultLimits.
	Limits Limits
}

// Limits bound what Read will do with one mail. A mail over a limit is still
// returned as far as it was read, with the limit named in Problems and
// OverLimit set.
type Limits struct {
	MaxSize       int64 // raw bytes read at most
	MaxParts      int   // MIME parts walked at most
	MaxDepth      int   // multipart nesting at most; above 100 counts as 100
	MaxHeaderSize int   // bytes in the header of the message or a part
	// MaxTextSize bounds the text read from the text parts, in bytes
	// after transfer and charset decoding; text in no known charset,
	// guessed as windows-1252, can take up to three times that in UTF-8.
	MaxTextSize int
}

// DefaultLimits are safe for a support mailbox: real customer mail is far
// below them.
var DefaultLimits = Limits{
	MaxSize:       64 << 20,
	MaxParts:      500,
	MaxDepth:      20,
	MaxHeaderSize: 256 << 10,
	MaxTextSize:   1 << 20,
}

// canonical is the map key of a header field name.
func canonical(name string) string { return textproto.CanonicalMIMEHeaderKey(name) }
