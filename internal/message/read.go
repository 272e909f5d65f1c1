package message

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	gomessage "github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // every charset golang.org/x/text knows
	"github.com/emersion/go-message/textproto"
	htmlcharset "golang.org/x/net/html/charset"
)

// Errors returned by Read.
var (
	// ErrEmpty is returned when the input holds no byte at all.
	ErrEmpty = errors.New("message: empty input")
)

// maxDepthCeiling is the deepest multipart nesting Read follows, whatever
// Limits.MaxDepth says.
const maxDepthCeiling = 100

// withDefaults returns l with every zero field set from DefaultLimits.
func (l Limits) withDefaults() Limits {
	if l.MaxSize <= 0 {
		l.MaxSize = DefaultLimits.MaxSize
	}
	if l.MaxParts <= 0 {
		l.MaxParts = DefaultLimits.MaxParts
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultLimits.MaxDepth
	}
	// Each level is a call, two 4 KiB buffers and one more copy of every
	// byte below it: a configured depth cannot make Read recurse without
	// end, nor copy the mail a thousand times.
	l.MaxDepth = min(l.MaxDepth, maxDepthCeiling)
	if l.MaxHeaderSize <= 0 {
		l.MaxHeaderSize = DefaultLimits.MaxHeaderSize
	}
	if l.MaxTextSize <= 0 {
		l.MaxTextSize = DefaultLimits.MaxTextSize
	}
	return l
}

// Read parses one RFC 5322 message from r. It returns an error only when
// nothing at all can be read (an empty input, or a read error before the
// first byte); everything else degrades to a best effort that is recorded in
// Message.Problems. Attachments are counted while they stream by and are
// never held in memory.
func Read(r io.Reader, opts Options) (*Message, error) {
	lim := opts.Limits.withDefaults()
	lr := &limitReader{r: r, max: lim.MaxSize}
	br := bufio.NewReader(lr)
	if peek, _ := br.Peek(4096); bytes.IndexByte(peek, '\n') < 0 && bytes.IndexByte(peek, '\r') >= 0 {
		// Old Mac OS line ends (a bare CR): make them LF for the parsers.
		br = bufio.NewReader(crToLF{br})
	}

	w := &walker{
		m:        &Message{},
		lim:      lim,
		wd:       wordDecoder(),
		textLeft: lim.MaxTextSize,
	}
	m := w.m

	block, over, err := readHeaderBlock(br, lim.MaxHeaderSize)
	if lr.n == 0 {
		if lr.err != nil {
			return nil, fmt.Errorf("read message: %w", lr.err)
		}
		return nil, ErrEmpty
	}
	if err != nil && !errors.Is(err, io.EOF) {
		w.problem("reading the header: %v", err)
	}
	if over {
		w.overLimit("header over MaxHeaderSize (%d bytes): the rest of it is skipped", lim.MaxHeaderSize)
	}

	var body io.Reader = br
	var h textproto.Header
	if headerless(block) {
		w.problem("no header: the whole input is taken as a text body")
		body = io.MultiReader(bytes.NewReader(block), br)
	} else {
		if bytes.IndexByte(block, 0) >= 0 {
			// RFC 5322 section 2.2 allows no NUL in a header field.
			block = bytes.ReplaceAll(block, []byte{0}, []byte{' '})
			w.problem("NUL bytes in the header taken as spaces")
		}
		clean, dropped := sanitizeHeader(block)
		if dropped {
			w.problem("malformed header lines skipped")
		}
		h, err = textproto.ReadHeader(bufio.NewReader(bytes.NewReader(clean)))
		if err != nil {
			w.problem("reading the header: %v", err)
		}
	}

	m.Header = decodeHeader(w.wd, &h)
	w.readHeaderFields(&h, opts)

	t := w.walk(&h, body, 0, partContext{})
	// Count what is left (an epilogue, parts past a limit) for Size and
	// MaxSize.
	drain(br)
	if lr.err != nil {
		w.m.Damaged = true
		w.problem("reading the message: %v", lr.err)
	}
	if lr.over {
		w.overLimit("message over MaxSize (%d bytes): the rest is not read", lim.MaxSize)
	}
	m.Size = lr.n
	w.finishText(t)
	m.Links = findLinks(m.OwnText)
	m.OrderRefs = FindOrderNumbers(m.Subject + "\n" + m.OwnText)
	m.Auto = autoSignals(m, w.partTypes)
	return m, nil
}

// readHeaderFields fills the header-derived fields of the message.
func (w *walker) readHeaderFields(h *textproto.Header, opts Options) {
	m := w.m
	m.Subject = strings.TrimSpace(m.Header.Get("Subject"))
	m.MessageID = first(parseIDs(h.Get("Message-Id")))
	m.InReplyTo = parseIDs(h.Get("In-Reply-To"))
	m.References = parseIDs(strings.Join(rawValues(h, "References"), " "))

	if from, ok := parseAddresses(w.wd, h.Get("From")); len(from) > 0 {
		m.From = from[0]
		if !ok {
			w.problem("From: not a valid address list; took %s", m.From.Address)
		}
	} else if h.Get("From") != "" {
		w.problem("From: no address found")
	}
	m.ReplyTo = w.addressField(h, "Reply-To")
	m.To = w.addressField(h, "To")
	m.Cc = w.addressField(h, "Cc")

	if v := h.Get("Date"); v != "" {
		if d, ok := parseDate(v); ok {
			m.Date = d
		} else {
			w.problem("Date: unreadable date %q", v)
		}
	}
	if rcvd := rawValues(h, "Received"); len(rcvd) > 0 {
		if d, ok := receivedDate(rcvd[0]); ok {
			m.Received = d
		} else {
			w.problem("Received: no readable date in the topmost field")
		}
	}
	switch {
	case !opts.Arrival.IsZero():
		m.Arrival, m.ArrivalSource = opts.Arrival, "internaldate"
	case !m.Received.IsZero():
		m.Arrival, m.ArrivalSource = m.Received, "received"
	case !m.Date.IsZero():
		m.Arrival, m.ArrivalSource = m.Date, "date"
	}
}

// addressField reads all addresses of every instance of the named field.
func (w *walker) addressField(h *textproto.Header, name string) []*mail.Address {
	var list []*mail.Address
	for _, v := range rawValues(h, name) {
		l, ok := parseAddresses(w.wd, v)
		if !ok {
			w.problem("%s: not a valid address list", name)
		}
		list = append(list, l...)
	}
	return list
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// partContext is what a part knows of its ancestors.
type partContext struct {
	related bool // inside multipart/related
}

// texts is the readable text found in a subtree of the MIME structure.
type texts struct {
	plain, html string
}

// walker walks the MIME tree of one message (RFC 2045, RFC 2046).
type walker struct {
	m         *Message
	lim       Limits
	wd        *mime.WordDecoder
	parts     int
	textLeft  int
	stopped   bool     // a limit was reached: read no further
	partTypes []string // media types of all parts, for autoSignals
}

func (w *walker) problem(format string, args ...any) {
	p := fmt.Sprintf(format, args...)
	for _, q := range w.m.Problems {
		if q == p {
			return
		}
	}
	w.m.Problems = append(w.m.Problems, p)
}

func (w *walker) overLimit(format string, args ...any) {
	w.m.OverLimit = true
	w.problem(format, args...)
}

// walk reads one entity: its header h and its undecoded body.
func (w *walker) walk(h *textproto.Header, body io.Reader, depth int, pc partContext) texts {
	if w.stopped {
		return texts{}
	}
	mh := gomessage.Header{Header: *h}
	mediaType, params := contentType(mh)
	w.partTypes = append(w.partTypes, mediaType)
	disp, dparams := disposition(mh)

	if strings.HasPrefix(mediaType, "multipart/") {
		if b := params["boundary"]; b != "" {
			return w.walkMultipart(mediaType, b, body, depth, pc)
		}
		w.problem("%s without boundary: read as text", mediaType)
		mediaType = "text/plain"
	}

	filename := dparams["filename"]
	if filename == "" {
		filename = params["name"]
	}
	isText := mediaType == "text/plain" || mediaType == "text/html"
	if isText && disp != "attachment" && (filename == "" || disp == "inline") {
		s := w.readText(mh, body, params["charset"], mediaType)
		if mediaType == "text/html" {
			return texts{html: s}
		}
		return texts{plain: s}
	}

	a := Attachment{
		Filename:    strings.TrimSpace(cleanControls(filename)),
		ContentType: mediaType,
		ContentID:   strings.Trim(strings.TrimSpace(mh.Get("Content-Id")), "<>"),
		Forwarded:   mediaType == "message/rfc822" || mediaType == "message/global",
	}
	a.Inline = disp == "inline" || (pc.related && a.ContentID != "")
	a.Size = w.countBody(mh, body)
	w.m.Attachments = append(w.m.Attachments, a)
	return texts{}
}

// walkMultipart reads the parts of a multipart entity.
func (w *walker) walkMultipart(mediaType, boundary string, body io.Reader, depth int, pc partContext) texts {
	if depth >= w.lim.MaxDepth {
		w.overLimit("multipart nesting over MaxDepth (%d): deeper parts not read", w.lim.MaxDepth)
		w.stopped = true
		return texts{}
	}
	if mediaType == "multipart/related" {
		pc.related = true
	}
	var out texts
	alternative := mediaType == "multipart/alternative"
	g := newHeaderGuard(body, boundary, w.lim.MaxHeaderSize)
	mr := textproto.NewMultipartReader(g, boundary)
	for !w.stopped {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if g.over {
			w.overLimit("part header over MaxHeaderSize (%d bytes): the rest of the %s is not read", w.lim.MaxHeaderSize, mediaType)
			break
		}
		if err != nil {
			w.problem("%s: %v", mediaType, err)
			break
		}
		w.parts++
		if w.parts > w.lim.MaxParts {
			w.overLimit("more than MaxParts (%d) MIME parts: the rest is not read", w.lim.MaxParts)
			w.stopped = true
			break
		}
		t := w.walk(&p.Header, fullReader{p}, depth+1, pc)
		if alternative {
			// RFC 2046 section 5.1.4: alternatives of the same content.
			// Plain text is preferred; the richest HTML is kept for
			// HTML-only mail.
			if out.plain == "" {
				out.plain = t.plain
			}
			if t.html != "" {
				out.html = t.html
			}
			continue
		}
		out.plain = joinText(out.plain, t.plain)
		out.html = joinText(out.html, t.html)
	}
	return out
}

func joinText(a, b string) string {
	switch {
	case b == "":
		return a
	case a == "":
		return b
	}
	return a + "\n" + b
}

// readText reads a text body part, decoded to UTF-8, within the text budget.
func (w *walker) readText(mh gomessage.Header, body io.Reader, charsetName, mediaType string) string {
	e, err := gomessage.New(mh, body)
	guess := false
	switch {
	case err == nil:
	case gomessage.IsUnknownCharset(err):
		w.problem("unknown charset %q: text guessed", charsetName)
		guess = true
	case gomessage.IsUnknownEncoding(err):
		w.problem("unknown transfer encoding %q: text read as is", mh.Get("Content-Transfer-Encoding"))
	default:
		w.problem("%s part: %v", mediaType, err)
	}
	if e == nil {
		return ""
	}
	b, err := io.ReadAll(io.LimitReader(e.Body, int64(w.textLeft)+1))
	if err != nil {
		w.m.Damaged = true
		w.problem("%s part: %v: the rest of the text is lost", mediaType, err)
	}
	if len(b) > w.textLeft {
		// The rest of the part is skipped undecoded, by the multipart
		// reader or by the final drain of Read.
		b = cutRunes(b, w.textLeft)
		w.overLimit("text over MaxTextSize (%d bytes): the rest is cut", w.lim.MaxTextSize)
	}
	w.textLeft -= len(b)
	if bytes.IndexByte(b, 0) >= 0 {
		// RFC 2045 section 2.7: no NUL in text; it only breaks what
		// reads the text next.
		b = bytes.ReplaceAll(b, []byte{0}, nil)
		w.problem("NUL bytes removed from the text")
	}

	if !utf8.Valid(b) {
		switch {
		case mediaType == "text/html" && charsetName == "":
			// No charset parameter: the document may name it (HTML5
			// section 13.2.3.2).
			if enc, name, _ := htmlcharset.DetermineEncoding(b, "text/html"); enc != nil {
				if d, err := enc.NewDecoder().Bytes(b); err == nil && name != "" {
					b = d
				}
			}
		case !guess:
			w.problem("text is not valid %s: guessed windows-1252", orDefault(charsetName, "us-ascii"))
		}
	}
	s := guessText(b)
	return strings.ReplaceAll(s, "\r\n", "\n")
}

// cutRunes returns s cut to at most n bytes, before the UTF-8 sequence
// the cut would split: a valid UTF-8 text stays valid.
func cutRunes[T ~string | ~[]byte](s T, n int) T {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && i > n-utf8.UTFMax && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i]
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// countBody returns the decoded size of a non-text body, streaming it.
func (w *walker) countBody(mh gomessage.Header, body io.Reader) int64 {
	// Count transfer-decoded bytes only: converting a text attachment's
	// charset would change its size.
	hc := mh.Copy()
	hc.Del("Content-Type")
	e, err := gomessage.New(hc, body)
	if err != nil && gomessage.IsUnknownEncoding(err) {
		w.problem("unknown transfer encoding %q: size counted as is", mh.Get("Content-Transfer-Encoding"))
	}
	if e == nil {
		return 0
	}
	n, err := io.Copy(io.Discard, e.Body)
	if err != nil {
		w.problem("attachment: %v", err)
	}
	return n
}

func drain(r io.Reader) { _, _ = io.Copy(io.Discard, r) }

// contentType parses Content-Type (RFC 2045 section 5) leniently: a value
// mime.ParseMediaType rejects still yields its media type and the
// parameters that can be read.
func contentType(h gomessage.Header) (string, map[string]string) {
	v := h.Get("Content-Type")
	if v == "" {
		return "text/plain", nil
	}
	t, params, err := h.ContentType()
	if err == nil {
		return strings.ToLower(t), params
	}
	t, params = lenientParams(v)
	if !strings.Contains(t, "/") {
		return "text/plain", params
	}
	return t, params
}

// disposition parses Content-Disposition (RFC 2183) leniently.
func disposition(h gomessage.Header) (string, map[string]string) {
	v := h.Get("Content-Disposition")
	if v == "" {
		return "", nil
	}
	d, params, err := h.ContentDisposition()
	if err == nil {
		return strings.ToLower(d), params
	}
	return lenientParams(v)
}

// paramRE finds one name=value parameter, quoted or not.
var paramRE = regexp.MustCompile(`(?i);\s*([a-z0-9*_.-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)`)

// lenientParams reads a header value of the form "token; a=b; c="d"" that
// mime.ParseMediaType refused (duplicate parameters, stray characters).
func lenientParams(v string) (string, map[string]string) {
	t := v
	if i := strings.IndexByte(v, ';'); i >= 0 {
		t = v[:i]
	}
	t = strings.ToLower(strings.TrimSpace(t))
	params := map[string]string{}
	for _, m := range paramRE.FindAllStringSubmatch(v, -1) {
		k := strings.ToLower(m[1])
		val := strings.TrimSpace(m[2])
		if uq, ok := strings.CutPrefix(val, `"`); ok {
			val = strings.TrimSuffix(uq, `"`)
		}
		if k == "filename*" || k == "name*" {
			// RFC 2231 extended value: charset'lang'percent-encoded.
			if _, p, err := mime.ParseMediaType("x/x; " + k + "=" + val); err == nil {
				k = strings.TrimSuffix(k, "*")
				val = p[k]
			}
		}
		if _, dup := params[k]; !dup {
			params[k] = decodeHeaderValue(wordDecoder(), val)
		}
	}
	return t, params
}

// headerless reports whether a header block does not start with a header
// field (after an optional mbox "From " line): such input is all body.
func headerless(block []byte) bool {
	line := block
	if i := bytes.IndexByte(block, '\n'); i >= 0 {
		line = block[:i]
	}
	if bytes.HasPrefix(line, []byte("From ")) {
		rest := block[len(line):]
		rest = bytes.TrimPrefix(rest, []byte("\n"))
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			rest = rest[:i]
		}
		line = rest
	}
	line = bytes.TrimRight(line, "\r\n")
	return len(line) > 0 && !validFieldLine(line)
}

// readHeaderBlock reads the header section up to and including the empty
// line that ends it (RFC 5322 section 2.1). When it would exceed max bytes,
// the rest of the header is skipped and over is true.
func readHeaderBlock(br *bufio.Reader, max int) (block []byte, over bool, err error) {
	for {
		start := len(block)
		var full bool
		block, full, err = appendLine(br, block, max)
		if full {
			return block[:start], true, skipHeader(br)
		}
		if err != nil || len(bytes.TrimRight(block[start:], "\r\n")) == 0 {
			return block, false, err
		}
	}
}

// skipHeader consumes lines up to and including the empty line that ends
// a header, keeping none of them.
func skipHeader(br *bufio.Reader) error {
	var buf [2]byte
	for {
		line, full, err := appendLine(br, buf[:0], len(buf))
		if err != nil {
			return err
		}
		if !full && len(bytes.TrimRight(line, "\r\n")) == 0 {
			return nil
		}
	}
}

// appendLine appends one line of br, with its end, to b. If that would make
// b longer than max, the line is consumed but not appended, and full is
// true.
func appendLine(br *bufio.Reader, b []byte, max int) (_ []byte, full bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !full {
			if len(b)+len(chunk) > max {
				full = true
			} else {
				b = append(b, chunk...)
			}
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return b, full, err
		}
	}
}

// headerGuard sits between a multipart body and the multipart reader of
// go-message, which reads the header of each part whole
// (textproto.ReadHeader): it fails the read, and sets over, once a part
// header grows past max bytes, before the multipart reader has buffered
// more than that. It finds the part headers as the multipart reader does:
// from a delimiter line, "--" boundary, optional white space and the line
// end (RFC 2046 section 5.1.1), to the first empty line. Part bodies pass
// in large pieces, up to the next line that may be a delimiter line.
type headerGuard struct {
	br        *bufio.Reader
	delim     []byte // "--" + boundary
	nlDelim   []byte // "\n--" + boundary
	max       int
	chunk     []byte // what is left of the last piece read
	err       error  // the error after chunk
	lineStart bool   // chunk starts a line
	inHeader  bool
	n         int // bytes of the current part header so far
	over      bool
}

// errPartHeader is returned by headerGuard for a part header over the limit.
var errPartHeader = errors.New("part header over the size limit")

// guardBufferSize is the buffer of a headerGuard: the multipart reader reads
// its lines with a buffer of 4096 bytes, so a delimiter line longer than
// that is no delimiter line to it either.
const guardBufferSize = 4096

func newHeaderGuard(r io.Reader, boundary string, max int) *headerGuard {
	nlDelim := []byte("\n--" + boundary)
	return &headerGuard{br: bufio.NewReaderSize(r, guardBufferSize), delim: nlDelim[1:], nlDelim: nlDelim, max: max, lineStart: true}
}

func (g *headerGuard) Read(p []byte) (int, error) {
	if len(g.nlDelim)+2 > guardBufferSize {
		// A boundary too long for any delimiter line: no part headers.
		return g.br.Read(p)
	}
	for len(g.chunk) == 0 {
		if g.err != nil {
			return 0, g.err
		}
		g.next()
	}
	n := copy(p, g.chunk)
	g.chunk = g.chunk[n:]
	return n, nil
}

// next reads the next piece: a stretch of a part body, or one line (or a
// buffer full of a long line) where part headers may be.
func (g *headerGuard) next() {
	if !g.inHeader {
		if chunk := g.body(); len(chunk) > 0 {
			g.chunk = chunk
			return
		}
	}
	chunk, err := g.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		err = nil
	}
	start := g.lineStart
	g.lineStart = len(chunk) > 0 && chunk[len(chunk)-1] == '\n'
	switch {
	case g.inHeader:
		g.n += len(chunk)
		if g.n > g.max {
			g.over, g.err = true, errPartHeader
			return
		}
		if start && (len(chunk) == 1 || string(chunk) == "\r\n") {
			g.inHeader = false
		}
	case start && g.lineStart && bytes.HasPrefix(chunk, g.delim) && g.isDelimiterLine(chunk):
		g.inHeader, g.n = true, 0
	}
	g.chunk, g.err = chunk, err
}

// body returns the buffered bytes up to the next delimiter line, consumed,
// or nothing when the next line is one or too little input is left to
// tell: next reads those line by line.
func (g *headerGuard) body() []byte {
	if _, err := g.br.Peek(len(g.nlDelim)); err != nil {
		return nil
	}
	buf, _ := g.br.Peek(g.br.Buffered())
	// keep is what may be the start of "\n--boundary" at the end of buf.
	keep := len(g.nlDelim) - 1
	n, pos := 0, 0 // pos: a line start that begins with "--boundary"
	if !g.lineStart || !bytes.HasPrefix(buf, g.delim) {
		i := bytes.Index(buf, g.nlDelim)
		if i < 0 {
			n = len(buf) - keep
		}
		pos = i + 1
	}
	for n == 0 {
		end := bytes.IndexByte(buf[pos:], '\n')
		if end < 0 || g.isDelimiterLine(buf[pos:pos+end+1]) {
			n = pos
			break
		}
		end += pos
		i := bytes.Index(buf[end:], g.nlDelim)
		if i < 0 {
			n = max(end+1, len(buf)-keep)
			break
		}
		pos = end + i + 1
	}
	if n == 0 {
		return nil
	}
	// The bytes stay in the buffer until the next read from it, which
	// comes after they are passed on.
	chunk := buf[:n]
	_, _ = g.br.Discard(n)
	g.lineStart = chunk[n-1] == '\n'
	return chunk
}

// isDelimiterLine reports whether line, a whole line that starts with
// "--boundary", is a delimiter line: only white space follows.
func (g *headerGuard) isDelimiterLine(line []byte) bool {
	rest := bytes.TrimLeft(line[len(g.delim):], " \t")
	return len(rest) == 1 || string(rest) == "\r\n"
}

// fullReader fills each read whole unless the input ends or fails. A part
// reader returns one line per read when the lines start like its boundary
// ("--b1" under the boundary "b"); without this, every level of multipart
// below it would work line by line too.
type fullReader struct{ r io.Reader }

func (f fullReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		k, err := f.r.Read(p[n:])
		n += k
		if err != nil {
			return n, err
		}
		if k == 0 {
			break
		}
	}
	return n, nil
}

// crToLF turns every CR into LF.
type crToLF struct{ r io.Reader }

func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

// limitReader reads at most max bytes and notes whether more were there.
type limitReader struct {
	r    io.Reader
	n    int64
	max  int64
	over bool
	err  error // a read error other than io.EOF
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n >= l.max {
		if !l.over && l.err == nil {
			var b [1]byte
			if k, _ := io.ReadFull(l.r, b[:]); k > 0 {
				l.over = true
			}
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.max-l.n {
		p = p[:l.max-l.n]
	}
	k, err := l.r.Read(p)
	l.n += int64(k)
	if err != nil && !errors.Is(err, io.EOF) {
		l.err = err
		return k, io.EOF
	}
	return k, err
}

// finishText sets Text, OwnText and Quoted from the body text found, and
// marks signature images.
func (w *walker) finishText(t texts) {
	m := w.m
	ownCIDs, quotedCIDs := map[string]bool{}, map[string]bool{}
	hasPlain := strings.TrimSpace(t.plain) != ""
	// With a plain part, the HTML is only needed to place inline images.
	if t.html != "" && (!hasPlain || slices.ContainsFunc(m.Attachments, func(a Attachment) bool { return a.ContentID != "" })) {
		ownHTML, quotedHTML, text, flat := splitHTML(t.html)
		if flat {
			w.problem("HTML nested too deeply: read tag by tag")
		}
		own, q := SplitQuoted(ownHTML)
		q = joinText(q, strings.TrimSpace(quotedHTML))
		if !hasPlain {
			m.Text = text
			m.OwnText, m.Quoted = own, q
		}
		collectCIDs(ownCIDs, own)
		collectCIDs(quotedCIDs, q)
	}
	if hasPlain {
		m.Text = t.plain
		m.OwnText, m.Quoted = SplitQuoted(t.plain)
		collectCIDs(ownCIDs, m.OwnText)
		collectCIDs(quotedCIDs, m.Quoted)
	}
	for i := range m.Attachments {
		a := &m.Attachments[i]
		a.Signature = isSignatureImage(a, ownCIDs, quotedCIDs)
	}
}

// cidRE matches an image reference in text: "[cid:image001.png@01DB…]".
var cidRE = regexp.MustCompile(`\[cid:([^\]\s]+)\]`)

func collectCIDs(set map[string]bool, text string) {
	for _, m := range cidRE.FindAllStringSubmatch(text, -1) {
		set[m[1]] = true
	}
}

// logoRE matches the names mail clients give images pasted into a
// signature (Outlook: image001.png).
var logoRE = regexp.MustCompile(`(?i)^(image|img|logo|outlook|signature)[-_]?\d*\.(png|jpe?g|gif|bmp)$`)

// maxLogoSize is the size under which a signature-like image is a logo.
const maxLogoSize = 8 << 10

// isSignatureImage reports whether an attachment is an inline image of a
// signature or of quoted history: referenced from there and not from the
// own text, or, referenced from nowhere, a tiny image named like a pasted
// logo.
func isSignatureImage(a *Attachment, ownCIDs, quotedCIDs map[string]bool) bool {
	if !strings.HasPrefix(a.ContentType, "image/") || a.ContentID == "" {
		return false
	}
	switch {
	case ownCIDs[a.ContentID]:
		return false
	case quotedCIDs[a.ContentID]:
		return true
	}
	return a.Size < maxLogoSize && logoRE.MatchString(a.Filename)
}
