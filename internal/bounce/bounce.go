// Package bounce reads delivery failure reports: which of our messages
// came back, for which recipients, and whether the failure is permanent.
// It understands RFC 3464 delivery status notifications (multipart/report
// with message/delivery-status) and, for the many MTAs that send plain-text
// bounces, the returned original's Message-ID wherever it is quoted.
package bounce

import (
	"bufio"
	"bytes"
	"io"
	"mime"
	"regexp"
	"strings"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // bounces in any charset
	"github.com/emersion/go-message/textproto"
)

// Report is what a bounce says about one of our messages.
type Report struct {
	// MessageIDs are the Message-IDs (without brackets) of the returned
	// original, or quoted in the report, that belong to one of ours
	// domains; the caller matches them against what it sent.
	MessageIDs []string
	// Recipients that failed (RFC 3464 Final-Recipient / Original-Recipient),
	// lower case.
	Recipients []string
	// Permanent is set when a recipient failed for good (Action: failed,
	// Status 5.x.x), as opposed to a delay warning.
	Permanent bool
	// Delayed is set for "delayed" reports (Action: delayed, Status 4.x.x).
	Delayed bool
}

// maxRead bounds how much of a bounce is looked at.
const maxRead = 1 << 20

var idPattern = regexp.MustCompile(`(?i)message-id:\s*<([^<>\s]+@[^<>\s]+)>`)

// Read reads a bounce and returns the Message-IDs it quotes that end in
// @domain (our own domain), and what it says about delivery. ok is false
// when the mail quotes none of our messages.
func Read(raw []byte, domain string) (r Report, ok bool) {
	if len(raw) > maxRead {
		raw = raw[:maxRead]
	}
	domain = strings.ToLower(domain)
	seen := map[string]bool{}
	addID := func(id string) {
		id = strings.Trim(strings.TrimSpace(id), "<>")
		at := strings.LastIndexByte(id, '@')
		if at < 0 || !strings.EqualFold(id[at+1:], domain) || seen[strings.ToLower(id)] {
			return
		}
		seen[strings.ToLower(id)] = true
		r.MessageIDs = append(r.MessageIDs, id)
	}

	e, err := message.Read(bytes.NewReader(raw))
	if e == nil {
		// Not even a header: scan the bytes.
		for _, m := range idPattern.FindAllSubmatch(raw, -1) {
			addID(string(m[1]))
		}
		return r, len(r.MessageIDs) > 0
	}
	_ = err // an unknown charset still gives an entity; read what we can
	// Some MTAs thread the bounce to the original.
	for _, h := range []string{"In-Reply-To", "References"} {
		for _, f := range strings.Fields(e.Header.Get(h)) {
			addID(f)
		}
	}
	walk(e, 0, func(mediaType string, body []byte) {
		switch mediaType {
		case "message/delivery-status", "message/global-delivery-status":
			readStatus(body, &r)
		case "message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers":
			h, err := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(body)))
			if err == nil {
				addID(h.Get("Message-Id"))
			}
		}
		for _, m := range idPattern.FindAllSubmatch(body, -1) {
			addID(string(m[1]))
		}
	})
	return r, len(r.MessageIDs) > 0
}

// walk calls f with the media type and decoded body of every leaf part,
// and of message/* parts as a whole.
func walk(e *message.Entity, depth int, f func(mediaType string, body []byte)) {
	if depth > 10 {
		return
	}
	mt, _, _ := mime.ParseMediaType(e.Header.Get("Content-Type"))
	if mr := e.MultipartReader(); mr != nil {
		for {
			p, err := mr.NextPart()
			if err != nil {
				return
			}
			walk(p, depth+1, f)
		}
	}
	body, _ := io.ReadAll(io.LimitReader(e.Body, maxRead))
	f(strings.ToLower(mt), body)
}

// readStatus reads the per-recipient fields of a message/delivery-status
// body (RFC 3464 section 2.3).
func readStatus(body []byte, r *Report) {
	for _, block := range bytes.Split(bytes.ReplaceAll(body, []byte("\r\n"), []byte("\n")), []byte("\n\n")) {
		h, err := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(append(block, '\n', '\n'))))
		if err != nil {
			continue
		}
		action := strings.ToLower(strings.TrimSpace(h.Get("Action")))
		status := strings.TrimSpace(h.Get("Status"))
		rcpt := h.Get("Final-Recipient")
		if rcpt == "" {
			rcpt = h.Get("Original-Recipient")
		}
		if rcpt == "" {
			continue
		}
		if _, addr, ok := strings.Cut(rcpt, ";"); ok {
			rcpt = addr
		}
		r.Recipients = append(r.Recipients, strings.ToLower(strings.Trim(strings.TrimSpace(rcpt), "<>")))
		switch {
		case action == "failed" || strings.HasPrefix(status, "5"):
			r.Permanent = true
		case action == "delayed" || strings.HasPrefix(status, "4"):
			r.Delayed = true
		}
	}
}
