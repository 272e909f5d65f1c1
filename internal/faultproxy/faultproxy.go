// Package faultproxy is a TCP proxy for tests that sits on loopback between
// a client and a server (helpdesk and its IMAP or SMTP server) and breaks
// their conversation on purpose: it drops the connection, after some bytes
// or on a given line; stops forwarding for a while; answers in the
// server's place (an IMAP "* BYE", an SMTP "421") instead of forwarding;
// or refuses connections. The fault is switched at run time with Set and
// applies to the connections already open as well as to new ones.
//
// It knows nothing of IMAP or SMTP beyond lines: a fault is triggered by a
// line the client sends (up to and including its "\n"), matched with a
// regular expression such as `UID FETCH`, `^DATA\r\n` or, for the end of
// an SMTP message, `^\.\r\n$` (RFC 5321 section 4.1.1.4); or by a line the
// server sends, such as `^\S+ OK \[APPENDUID ` (the reply to a command
// the server carried out, lost on its way back).
package faultproxy

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"regexp"
	"sync"
	"time"
)

// Effect is what a fault does when it fires.
type Effect int

// The effects.
const (
	// Pass forwards everything: no fault.
	Pass Effect = iota
	// Drop closes the connection both ways, at once or after the server
	// has sent Fault.After more bytes to the client.
	Drop
	// Stall forwards nothing, either way, for Fault.Stall; then all that
	// was held back goes through as if nothing had happened.
	Stall
	// Inject writes Fault.Response to the client in the server's place.
	Inject
	// Refuse resets every new connection as soon as it is accepted (an
	// RST, as close to a refused connection as a listening port allows).
	// Match and Reply are not used.
	Refuse
)

func (e Effect) String() string {
	switch e {
	case Pass:
		return "pass"
	case Drop:
		return "drop"
	case Stall:
		return "stall"
	case Inject:
		return "inject"
	case Refuse:
		return "refuse"
	}
	return fmt.Sprintf("Effect(%d)", int(e))
}

// Fault says what to break and when. The zero Fault passes everything.
type Fault struct {
	Effect Effect
	// Match fires the fault when the client sends a line that it
	// matches, and Reply when the server does. With neither, the fault
	// fires when a connection opens, before the server's greeting
	// reaches the client.
	Match, Reply *regexp.Regexp
	// Forward lets the matching line through before the effect.
	// Otherwise Drop and Inject swallow it (the other side never sees
	// it) and Stall holds it back with everything else.
	Forward bool
	// After is, for Drop, how many bytes the server may still send to
	// the client before the connection is dropped (a reply cut off in
	// the middle); 0 drops at once.
	After int
	// Stall is how long Stall holds everything back; 0 holds until the
	// connection ends. Set does not end a stall that has begun.
	Stall time.Duration
	// Response is what Inject writes to the client, with $1 or ${name}
	// replaced by the submatches of the matching line
	// (regexp.Regexp.Expand), so that an IMAP reply can carry the
	// command's tag: Match `^(\S+) CREATE `, Response
	// "$1 NO [CANNOT] not allowed\r\n".
	Response string
	// Close ends the connection after Inject's Response, as a server
	// does after "* BYE" (RFC 9051 section 7.1.5) or a 421 reply (RFC
	// 5321 section 3.8).
	Close bool
	// Times is how often the fault fires before the proxy passes
	// everything again; 0 means without end.
	Times int
}

// Proxy forwards the connections it accepts on Addr to its target. Its
// methods may be called from any goroutine.
type Proxy struct {
	target string
	ln     net.Listener
	wg     sync.WaitGroup

	mu     sync.Mutex
	fault  Fault
	fired  int // how often fault fired since Set
	count  int // connections accepted
	open   map[*conn]struct{}
	closed bool
}

// Start listens on a free port of 127.0.0.1 and forwards every connection
// to target (host:port), passing everything until Set says otherwise.
func Start(target string) (*Proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("faultproxy: %w", err)
	}
	p := &Proxy{target: target, ln: ln, open: map[*conn]struct{}{}}
	p.wg.Go(p.serve)
	return p, nil
}

// Addr is the host:port to give the client instead of the server's.
func (p *Proxy) Addr() string { return p.ln.Addr().String() }

// Set switches to fault f and counts its firings from zero. Connections
// already open get f from their next line on.
func (p *Proxy) Set(f Fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.fault, p.fired = f, 0
}

// Fired reports how often the fault given to Set fired: a test can check
// that its fault really happened.
func (p *Proxy) Fired() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.fired
}

// Connections reports how many connections the proxy accepted, refused
// ones included: the number of times the client tried to connect.
func (p *Proxy) Connections() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.count
}

// Close stops listening, ends every open connection and waits until all
// of the proxy's goroutines have returned.
func (p *Proxy) Close() error {
	p.mu.Lock()
	p.closed = true
	open := make([]*conn, 0, len(p.open))
	for c := range p.open {
		open = append(open, c)
	}
	p.mu.Unlock()
	err := p.ln.Close()
	for _, c := range open {
		c.end()
	}
	p.wg.Wait()
	return err
}

func (p *Proxy) serve() {
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return // closed
		}
		p.mu.Lock()
		p.count++
		p.mu.Unlock()
		p.wg.Go(func() { p.handle(client) })
	}
}

// side says where a line comes from.
type side int

const (
	opening side = iota // no line: a connection opens
	client              // a line from the client
	server              // a line from the server
)

// fire reports whether the current fault fires on line from side, and
// returns it with the submatch indexes of its expression.
func (p *Proxy) fire(from side, line []byte) (Fault, []int, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f := p.fault
	if f.Effect == Pass || f.Times > 0 && p.fired >= f.Times {
		return f, nil, false
	}
	var sub []int
	switch re := map[side]*regexp.Regexp{client: f.Match, server: f.Reply}[from]; {
	case f.Effect == Refuse || from == opening:
		// Refuse fires on every new connection; other faults without
		// an expression fire when a connection opens.
		if from != opening || f.Effect != Refuse && (f.Match != nil || f.Reply != nil) {
			return f, nil, false
		}
	case re == nil:
		return f, nil, false
	default:
		if sub = re.FindSubmatchIndex(line); sub == nil {
			return f, nil, false
		}
	}
	p.fired++
	return f, sub, true
}

// conn is one proxied connection.
type conn struct {
	client, server net.Conn
	done           chan struct{} // closed by end
	once           sync.Once

	wmu sync.Mutex // one writer to the client at a time

	mu         sync.Mutex
	stallUntil time.Time // nothing moves before; zero: no stall
	stallEver  bool      // a stall without end
	budget     int       // bytes the server may still send; -1: no limit
}

func (p *Proxy) handle(cc net.Conn) {
	f, _, fired := p.fire(opening, nil)
	if fired && f.Effect == Refuse {
		if tc, ok := cc.(*net.TCPConn); ok {
			tc.SetLinger(0) // close with RST
		}
		cc.Close()
		return
	}
	if fired && f.Effect == Drop && f.After <= 0 {
		cc.Close()
		return
	}
	sc, err := net.DialTimeout("tcp", p.target, 10*time.Second)
	if err != nil {
		cc.Close()
		return
	}
	c := &conn{client: cc, server: sc, done: make(chan struct{}), budget: -1}
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		c.end()
		return
	}
	p.open[c] = struct{}{}
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		delete(p.open, c)
		p.mu.Unlock()
	}()

	if fired && !c.apply(f, opening, nil, nil) {
		return
	}
	var wg sync.WaitGroup
	wg.Go(func() { c.pump(p, server) })
	c.pump(p, client)
	wg.Wait()
}

// end closes both sides, once.
func (c *conn) end() {
	c.once.Do(func() {
		close(c.done)
		c.client.Close()
		c.server.Close()
	})
}

// apply carries out fault f fired by line from side from, whose submatch
// indexes are sub. It reports whether the connection goes on.
func (c *conn) apply(f Fault, from side, line []byte, sub []int) bool {
	// What Drop and Stall do is in place before a client's line goes on,
	// so that no answer to it slips through; a server's line goes first.
	if from != server {
		c.arm(f)
	}
	if line != nil && f.Forward && !c.send(from, line) {
		return false
	}
	if from == server {
		c.arm(f)
	}
	switch f.Effect {
	case Drop:
		if f.After <= 0 {
			c.end()
			return false
		}
	case Stall:
		if line != nil && !f.Forward {
			return c.hold() && c.send(from, line) // after the stall
		}
	case Inject:
		resp := []byte(f.Response)
		if re := map[side]*regexp.Regexp{client: f.Match, server: f.Reply}[from]; re != nil {
			resp = re.Expand(nil, resp, line, sub)
		}
		if !c.write(c.client, resp) {
			return false
		}
		if f.Close {
			c.end()
			return false
		}
	}
	return true
}

// arm puts Drop's budget or Stall's hold in place.
func (c *conn) arm(f Fault) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch f.Effect {
	case Drop:
		c.budget = max(f.After, 0)
	case Stall:
		if f.Stall <= 0 {
			c.stallEver = true
		} else if until := time.Now().Add(f.Stall); until.After(c.stallUntil) {
			c.stallUntil = until
		}
	}
}

// hold waits while the connection is stalled. It reports false when the
// connection ended meanwhile.
func (c *conn) hold() bool {
	for {
		c.mu.Lock()
		until, ever := c.stallUntil, c.stallEver
		c.mu.Unlock()
		if ever {
			<-c.done
			return false
		}
		wait := time.Until(until)
		if wait <= 0 {
			select {
			case <-c.done:
				return false
			default:
				return true
			}
		}
		t := time.NewTimer(wait)
		select {
		case <-c.done:
			t.Stop()
			return false
		case <-t.C:
		}
	}
}

// send passes b, which came from side from, on to the other side: to the
// client within the budget a Drop left (ending the connection when it is
// spent). A stall is for the caller to wait out.
func (c *conn) send(from side, b []byte) bool {
	if from == client {
		return c.write(c.server, b)
	}
	c.mu.Lock()
	limited := c.budget >= 0
	if limited {
		b = b[:min(len(b), c.budget)]
		c.budget -= len(b)
	}
	last := limited && c.budget == 0
	c.mu.Unlock()
	if len(b) > 0 && !c.write(c.client, b) {
		return false
	}
	if last {
		c.end()
		return false
	}
	return true
}

// write writes b to w and ends the connection when that fails. The client
// has two writers (the server's pump, and Inject on the client's lines):
// they take turns.
func (c *conn) write(w net.Conn, b []byte) bool {
	if w == c.client {
		c.wmu.Lock()
		defer c.wmu.Unlock()
	}
	if _, err := w.Write(b); err != nil {
		c.end()
		return false
	}
	return true
}

// pump forwards the lines of one side to the other, firing the fault on
// those it matches. The side is read by a goroutine of its own, so that a
// peer that gives up during a stall is noticed at once.
func (c *conn) pump(p *Proxy, from side) {
	src := c.client
	if from == server {
		src = c.server
	}
	lines := make(chan []byte)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer c.end() // before Wait: it stops the reader
	wg.Go(func() {
		defer close(lines)
		r := bufio.NewReaderSize(src, 32<<10)
		for {
			// A line longer than the buffer comes in pieces; only whole
			// lines are matched.
			b, err := r.ReadSlice('\n')
			if len(b) > 0 {
				select {
				case lines <- append([]byte(nil), b...):
				case <-c.done:
					return
				}
			}
			if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
				return // EOF, or closed by end
			}
		}
	})
	for line := range lines {
		if f, sub, fired := p.fire(from, line); fired {
			if !c.apply(f, from, line, sub) {
				return
			}
			continue
		}
		if !c.hold() || !c.send(from, line) {
			return
		}
	}
}
