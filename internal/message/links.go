package message

import (
	"regexp"
	"strings"
)

// urlRE matches an http or https URL in text (RFC 3986 characters; the
// delimiters '<', '>', '"' and white space end it).
var urlRE = regexp.MustCompile(`(?i)\bhttps?://[^\s<>"'{}|\\^\x60\x{a0}]+`)

// xmlnsRE matches the markup before a URL that is a namespace, not a link.
var xmlnsRE = regexp.MustCompile(`(?i)xmlns(:\w+)?\s*=\s*["']?$`)

// findLinks returns the http(s) URLs in text, in order, without duplicates.
// Trailing punctuation and an unbalanced closing bracket are not part of a
// URL; namespace declarations (xmlns="http://…") are no links.
func findLinks(text string) []string {
	var links []string
	seen := map[string]bool{}
	for _, loc := range urlRE.FindAllStringIndex(text, -1) {
		if xmlnsRE.MatchString(text[max(0, loc[0]-20):loc[0]]) {
			continue
		}
		u := trimURL(text[loc[0]:loc[1]])
		if len(u) <= len("https://") || seen[u] {
			continue
		}
		seen[u] = true
		links = append(links, u)
	}
	return links
}

// trimURL drops what ends a sentence rather than a URL.
func trimURL(u string) string {
	for {
		t := strings.TrimRight(u, ".,;:!?*'\"")
		for _, pair := range []string{"()", "[]"} {
			if strings.HasSuffix(t, pair[1:]) && strings.Count(t, pair[:1]) < strings.Count(t, pair[1:]) {
				t = t[:len(t)-1]
			}
		}
		if t == u {
			return u
		}
		u = t
	}
}
