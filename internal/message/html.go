package message

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTMLText turns an HTML body into readable plain text: block elements and
// <br> become line breaks, list items start with "- ", table cells are
// separated by spaces, entities are decoded, and <head>, <style> and
// <script> are dropped. An image of the mail itself (src="cid:…") becomes
// "[cid:…]", as Outlook writes it in plain text. A link keeps its http(s)
// target in the text as "label (URL)" so that links stay visible; mailto:
// and other schemes do not.
func HTMLText(s string) string {
	return convertHTML(s, false).own.String()
}

// splitHTML converts an HTML body to text and separates, on the HTML
// structure, what the sender wrote (own) from quoted history and signatures
// (quoted): <blockquote>, Gmail's div.gmail_quote and div.gmail_attr,
// Outlook's div#divRplyFwdMsg, #appendonsend and border-top divider with
// everything after them, Yahoo's div.yahoo_quoted, Thunderbird's
// moz-cite-prefix, and the signature blocks of Gmail, Thunderbird and
// Outlook. text is all of it, as HTMLText gives it, from the same single
// pass. flat reports that the HTML was nested too deeply to be parsed into
// a tree and was read tag by tag.
func splitHTML(s string) (own, quoted, text string, flat bool) {
	c := convertHTML(s, true)
	return c.own.String(), c.quoted.String(), c.all.String(), c.flat
}

// maxHTMLSize bounds the HTML converted: the rest is left out. Read passes
// at most Limits.MaxTextSize.
const maxHTMLSize = 4 << 20

// maxHTMLDepth bounds the recursion on the tree; html.Parse refuses
// documents nested deeper than 512 elements already.
const maxHTMLDepth = 1000

// maxFlatDepth bounds the elements a flat conversion keeps open; deeper
// elements still break lines but their end tags are not matched.
const maxFlatDepth = 4096

// maxEndTagSearch is how far down the open elements a flat conversion
// looks for the element an end tag closes.
const maxEndTagSearch = 64

// maxLinkLine is how much of the current line is searched for a link's
// target before writing it after the label.
const maxLinkLine = 4 << 10

// htmlConverter holds the state of one conversion.
type htmlConverter struct {
	split  bool // separate quoted history from own text
	cut    bool // everything from here on is quoted history
	flat   bool // converted tag by tag, without a tree
	own    textBuilder
	quoted textBuilder
	all    textBuilder // with split: own and quoted together
}

// convertHTML converts s with the tree of the HTML5 parser, which repairs
// broken markup as browsers do. HTML nested too deeply for it is converted
// tag by tag.
func convertHTML(s string, split bool) *htmlConverter {
	c := &htmlConverter{split: split}
	if split {
		c.own.tee, c.quoted.tee = &c.all, &c.all
	}
	s = cutRunes(s, maxHTMLSize)
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		// html.Parse fails on nesting deeper than 512 elements (a reader
		// error cannot happen on a strings.Reader).
		c.flat = true
		c.tokens(s)
		return c
	}
	c.walk(doc, false, false, 0)
	return c
}

func (c *htmlConverter) out(quoted bool) *textBuilder {
	if c.split && (quoted || c.cut) {
		return &c.quoted
	}
	return &c.own
}

// walk writes the text of n and its children; quoted says n is inside
// quoted history, pre inside <pre>.
func (c *htmlConverter) walk(n *html.Node, quoted, pre bool, depth int) {
	if depth > maxHTMLDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		c.out(quoted).text(n.Data, pre)
		return
	case html.DocumentNode:
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			c.walk(ch, quoted, pre, depth+1)
		}
		return
	case html.ElementNode:
	default:
		return
	}
	e := c.open(n, quoted, pre)
	if e.skip {
		return
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		c.walk(ch, e.quoted, e.pre, depth+1)
	}
	c.close(e)
}

// element is an open element and the state of its content.
type element struct {
	n           *html.Node
	quoted, pre bool
	skip        bool // its content is no text (head, style, script, br, img)
}

// open writes what the start of element n writes and returns the state of
// its content.
func (c *htmlConverter) open(n *html.Node, quoted, pre bool) element {
	e := element{n: n, quoted: quoted, pre: pre, skip: true}
	switch n.DataAtom {
	case atom.Head, atom.Style, atom.Script, atom.Title, atom.Template, atom.Noscript:
		return e
	}
	if c.split {
		if startsHistory(n) {
			c.cut = true
		}
		if isQuoteBlock(n) {
			e.quoted = true
		}
	}

	b := c.out(e.quoted)
	switch n.DataAtom {
	case atom.Br:
		b.newline()
		return e
	case atom.Hr:
		b.blankLine()
		return e
	case atom.Img:
		// An image of the mail itself is shown as Outlook's plain text
		// does: "[cid:image001.png@01DB…]".
		if src := attr(n, "src"); len(src) > 4 && strings.EqualFold(src[:4], "cid:") {
			b.text(" [cid:"+strings.Trim(src[4:], "<> ")+"] ", e.pre)
		}
		return e
	case atom.Pre:
		e.pre = true
	}
	e.skip = false

	switch {
	case n.DataAtom == atom.P || n.DataAtom == atom.Blockquote || isHeading(n.DataAtom):
		b.blankLine()
	case n.DataAtom == atom.Li:
		b.newline()
		b.raw("- ")
	case isBlock(n.DataAtom):
		b.newline()
	case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
		b.space()
	}
	return e
}

// close writes what the end of an element writes.
func (c *htmlConverter) close(e element) {
	n := e.n
	b := c.out(e.quoted)
	if n.DataAtom == atom.A {
		if href := strings.TrimSpace(attr(n, "href")); isWebURL(href) {
			b.link(href, e.pre)
		}
	}
	switch {
	case n.DataAtom == atom.P || n.DataAtom == atom.Blockquote || isHeading(n.DataAtom):
		b.blankLine()
	case isBlock(n.DataAtom):
		b.newline()
	}
}

// tokens converts s tag by tag with the tokenizer, matching end tags to
// the nearest open element of the same name: linear in s, and without the
// repair of broken markup that the tree gives.
func (c *htmlConverter) tokens(s string) {
	z := html.NewTokenizer(strings.NewReader(s))
	var open []element
	top := func() element {
		if len(open) == 0 {
			return element{}
		}
		return open[len(open)-1]
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			// io.EOF: the tokenizer reads a string and has no limit set.
			return
		case html.TextToken:
			if t := top(); !t.skip {
				c.out(t.quoted).text(string(z.Text()), t.pre)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			t := top()
			if t.skip || tok.DataAtom == atom.Head {
				// The text of a head is in its title, style and script,
				// skipped themselves; an unclosed head hides no body.
				continue
			}
			n := &html.Node{Type: html.ElementNode, DataAtom: tok.DataAtom, Data: tok.Data, Attr: tok.Attr}
			e := c.open(n, t.quoted, t.pre)
			if tt == html.SelfClosingTagToken || isVoid(n.DataAtom) {
				if !e.skip {
					c.close(e)
				}
				continue
			}
			if len(open) < maxFlatDepth {
				open = append(open, e)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			for i := len(open) - 1; i >= 0 && i >= len(open)-maxEndTagSearch; i-- {
				if o := open[i].n; o.DataAtom != a || a == 0 && o.Data != string(name) {
					continue
				}
				for j := len(open) - 1; j >= i; j-- {
					if !open[j].skip {
						c.close(open[j])
					}
				}
				open = open[:i]
				break
			}
		}
	}
}

// isVoid reports whether an element has no end tag (HTML5 section 13.1.2).
func isVoid(a atom.Atom) bool {
	switch a {
	case atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input,
		atom.Link, atom.Meta, atom.Param, atom.Source, atom.Track, atom.Wbr:
		return true
	}
	return false
}

// isWebURL reports whether s is an absolute http or https URL.
func isWebURL(s string) bool {
	l := strings.ToLower(s)
	return (strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")) && len(s) > len("https://")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for f := range strings.FieldsSeq(attr(n, "class")) {
		if strings.EqualFold(f, class) {
			return true
		}
	}
	return false
}

// borderTopRE matches the inline style of Outlook's divider above a quoted
// message ("border:none;border-top:solid #E1E1E1 1.0pt").
var borderTopRE = regexp.MustCompile(`(?i)border-top:\s*solid\s+#?[a-z0-9]+\s+[0-9.]+(pt|px|in|cm)`)

// startsHistory reports whether n starts quoted history that runs to the end
// of the document (Outlook, Hotmail).
func startsHistory(n *html.Node) bool {
	id := strings.ToLower(attr(n, "id"))
	switch id {
	case "divrplyfwdmsg", "appendonsend", "stopspelling", "x_divrplyfwdmsg", "x_appendonsend":
		return true
	}
	if n.DataAtom == atom.Div && hasClass(n, "OutlookMessageHeader") {
		return true
	}
	if n.DataAtom == atom.Div {
		if st := attr(n, "style"); borderTopRE.MatchString(st) && strings.Contains(strings.ToLower(st), "border:none") {
			return true
		}
	}
	return false
}

// isQuoteBlock reports whether n holds quoted history or a signature.
func isQuoteBlock(n *html.Node) bool {
	if n.DataAtom == atom.Blockquote {
		return true
	}
	for _, cl := range []string{"gmail_quote", "gmail_attr", "gmail_signature", "yahoo_quoted", "moz-cite-prefix", "moz-signature", "protonmail_quote", "zmail_extra", "x_gmail_quote"} {
		if hasClass(n, cl) {
			return true
		}
	}
	switch strings.ToLower(attr(n, "id")) {
	case "signature", "x_signature", "ms-outlook-mobile-signature", "appleMailSignature", "applemailsignature":
		return true
	}
	return attr(n, "data-smartmail") == "gmail_signature"
}

func isHeading(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

func isBlock(a atom.Atom) bool {
	switch a {
	case atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Center, atom.Dd, atom.Details,
		atom.Dialog, atom.Dir, atom.Div, atom.Dl, atom.Dt, atom.Fieldset, atom.Figcaption, atom.Figure,
		atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Header,
		atom.Hr, atom.Li, atom.Main, atom.Menu, atom.Nav, atom.Ol, atom.P, atom.Pre, atom.Section,
		atom.Summary, atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Ul, atom.Caption,
		atom.Body, atom.Html:
		return true
	}
	return false
}

// textBuilder accumulates text with collapsed white space and at most one
// blank line in a row.
type textBuilder struct {
	sb strings.Builder
	// pending separators, written before the next text
	nl        int  // newlines wanted (1 or 2)
	sp        bool // a space wanted
	start     bool // something has been written
	lineStart int  // offset of the current line in sb
	// tee, when set, is written the same.
	tee *textBuilder
}

func (b *textBuilder) String() string { return b.sb.String() }

func (b *textBuilder) newline() {
	if b.tee != nil {
		b.tee.newline()
	}
	if b.start && b.nl < 1 {
		b.nl = 1
	}
	b.sp = false
}

func (b *textBuilder) blankLine() {
	if b.tee != nil {
		b.tee.blankLine()
	}
	if b.start {
		b.nl = 2
	}
	b.sp = false
}

func (b *textBuilder) space() {
	if b.tee != nil {
		b.tee.space()
	}
	b.wantSpace()
}

// wantSpace is space without the tee, for the methods that tee already.
func (b *textBuilder) wantSpace() {
	if b.start && b.nl == 0 {
		b.sp = true
	}
}

func (b *textBuilder) flush() {
	if b.nl > 0 {
		b.sb.WriteString("\n\n"[:b.nl])
		b.lineStart = b.sb.Len()
		b.nl = 0
		b.sp = false
	} else if b.sp && !b.atLineStart() {
		b.sb.WriteByte(' ')
		b.sp = false
	}
}

// raw writes s as is (a list bullet).
func (b *textBuilder) raw(s string) {
	if b.tee != nil {
		b.tee.raw(s)
	}
	b.flush()
	b.sb.WriteString(s)
	b.start = true
}

// text writes the text of a text node: runs of white space collapse to one
// space, except inside <pre>.
func (b *textBuilder) text(s string, pre bool) {
	if b.tee != nil {
		b.tee.text(s, pre)
	}
	s = strings.ReplaceAll(s, "\u00a0", " ")
	if pre {
		for i, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
			if i > 0 {
				b.nl = max(b.nl, 1)
				b.start = true
			}
			if line != "" {
				b.flush()
				b.sb.WriteString(line)
				b.start = true
			}
		}
		return
	}
	words := strings.Fields(s)
	if len(words) == 0 {
		if s != "" {
			b.wantSpace()
		}
		return
	}
	if isSpace(s[0]) {
		b.wantSpace()
	}
	b.flush()
	b.sb.WriteString(strings.Join(words, " "))
	b.start = true
	if isSpace(s[len(s)-1]) {
		b.sp = true
	}
}

// link writes the target of a link after its label, unless the line
// shows it already (the label is the URL). A tee decides on its own line.
func (b *textBuilder) link(href string, pre bool) {
	if b.tee != nil {
		b.tee.link(href, pre)
	}
	line := b.lastLine()
	if !strings.Contains(line[max(0, len(line)-maxLinkLine):], href) {
		tee := b.tee
		b.tee = nil
		b.text(" ("+href+")", pre)
		b.tee = tee
	}
}

func (b *textBuilder) atLineStart() bool { return b.sb.Len() == b.lineStart }

// lastLine returns the text written since the last line break.
func (b *textBuilder) lastLine() string { return b.sb.String()[b.lineStart:] }

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}
