// Package authres reads Authentication-Results header fields (RFC 8601)
// to tell whether the sender's domain failed DMARC, DKIM or SPF. Only the
// field written by our own receiving server counts: it is recognised by its
// authserv-id, and every other one may be forged by the sender.
package authres

import (
	"fmt"
	"strings"
)

// Result is one method's result in an Authentication-Results field, e.g.
// dkim=fail header.d=example.nl.
type Result struct {
	Method string            // "dkim", "spf", "dmarc", ...
	Value  string            // "pass", "fail", "softfail", "none", ...
	Props  map[string]string // "header.d" -> "example.nl", "smtp.mailfrom" -> ...
}

// Field is one parsed Authentication-Results field.
type Field struct {
	AuthservID string
	Results    []Result
}

// Parse reads the value of one Authentication-Results field (RFC 8601
// section 2.2). Comments are dropped; what cannot be read is skipped.
func Parse(value string) Field {
	parts := strings.Split(stripComments(value), ";")
	var f Field
	id := strings.Fields(parts[0])
	if len(id) > 0 {
		f.AuthservID = strings.ToLower(id[0])
	}
	for _, p := range parts[1:] {
		words := strings.Fields(p)
		if len(words) == 0 {
			continue
		}
		method, val, ok := strings.Cut(words[0], "=")
		if !ok {
			continue // "none" or garbage
		}
		r := Result{Method: strings.ToLower(method), Value: strings.ToLower(val), Props: map[string]string{}}
		if i := strings.IndexByte(r.Method, '/'); i >= 0 {
			r.Method = r.Method[:i] // method version
		}
		for _, w := range words[1:] {
			if k, v, ok := strings.Cut(w, "="); ok {
				r.Props[strings.ToLower(k)] = strings.Trim(v, `"`)
			}
		}
		f.Results = append(f.Results, r)
	}
	return f
}

// stripComments removes RFC 5322 comments (nested parentheses).
func stripComments(s string) string {
	var b strings.Builder
	depth := 0
	escaped := false
	for _, r := range s {
		switch {
		case escaped:
			escaped = false
			if depth == 0 {
				b.WriteRune(r)
			}
		case r == '\\':
			escaped = true
			if depth == 0 {
				b.WriteRune(r)
			}
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
			b.WriteRune(' ')
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Failures looks at the fields (topmost first) and returns why the sender's
// domain fromDomain must not be trusted: DMARC failed, or DKIM or SPF failed
// for that domain, according to the topmost field written by trustedID.
// Without a trusted authserv-id, nothing is trusted and nothing is reported.
func Failures(fields []string, trustedID, fromDomain string) []string {
	trustedID = strings.ToLower(strings.TrimSpace(trustedID))
	fromDomain = strings.ToLower(fromDomain)
	if trustedID == "" {
		return nil
	}
	for _, v := range fields {
		f := Parse(v)
		if f.AuthservID != trustedID {
			continue
		}
		// The topmost field of our server is the one it added; a field
		// further down with the same id came with the mail (RFC 8601
		// section 5), so only this one counts.
		var out []string
		for _, r := range f.Results {
			if r.Value != "fail" && r.Value != "permerror" {
				continue
			}
			var domain string
			switch r.Method {
			case "dmarc":
				domain = r.Props["header.from"]
			case "dkim":
				domain = r.Props["header.d"]
			case "spf":
				domain = r.Props["smtp.mailfrom"]
				if at := strings.LastIndexByte(domain, '@'); at >= 0 {
					domain = domain[at+1:]
				}
			default:
				continue
			}
			if domain == "" && r.Method == "dmarc" {
				domain = fromDomain
			}
			if strings.EqualFold(domain, fromDomain) {
				out = append(out, fmt.Sprintf("%s=%s for the sender's domain %s (Authentication-Results of %s)", r.Method, r.Value, fromDomain, trustedID))
			}
		}
		return out
	}
	return nil
}
