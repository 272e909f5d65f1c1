package faultproxy_test

import (
	"bufio"
	"errors"
	"io"
	"net"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"helpdesk/internal/faultproxy"
)

// lineServer greets with "hello", answers every line with "ok <line>" and
// records the lines it received.
type lineServer struct {
	ln    net.Listener
	mu    sync.Mutex
	lines []string
	wg    sync.WaitGroup
}

func startLineServer(t *testing.T) *lineServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &lineServer{ln: ln}
	s.wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.wg.Go(func() {
				defer c.Close()
				io.WriteString(c, "hello\r\n")
				r := bufio.NewReader(c)
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					line = strings.TrimRight(line, "\r\n")
					s.mu.Lock()
					s.lines = append(s.lines, line)
					s.mu.Unlock()
					if _, err := io.WriteString(c, "ok "+line+"\r\n"); err != nil {
						return
					}
				}
			})
		}
	})
	t.Cleanup(func() { ln.Close(); s.wg.Wait() })
	return s
}

// waitFor returns the lines received once there are n, or after a while
// whatever there is.
func (s *lineServer) waitFor(n int) []string {
	for range 200 {
		if got := s.received(); len(got) >= n {
			return got
		}
		time.Sleep(10 * time.Millisecond)
	}
	return s.received()
}

func (s *lineServer) received() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.lines...)
}

func startProxy(t *testing.T, target string) *faultproxy.Proxy {
	t.Helper()
	p, err := faultproxy.Start(target)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// client is one connection through the proxy, with a deadline on every
// read so that a broken proxy fails the test instead of hanging it.
type client struct {
	t *testing.T
	c net.Conn
	r *bufio.Reader
}

func dial(t *testing.T, addr string) *client {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return &client{t: t, c: c, r: bufio.NewReader(c)}
}

func (c *client) send(line string) {
	c.t.Helper()
	if _, err := io.WriteString(c.c, line+"\r\n"); err != nil {
		c.t.Fatalf("send %q: %v", line, err)
	}
}

// read returns the next line, or "" and the error.
func (c *client) read(wait time.Duration) (string, error) {
	c.c.SetReadDeadline(time.Now().Add(wait))
	line, err := c.r.ReadString('\n')
	return strings.TrimRight(line, "\r\n"), err
}

func (c *client) expect(want string) {
	c.t.Helper()
	got, err := c.read(10 * time.Second)
	if err != nil || got != want {
		c.t.Fatalf("got %q, %v; want %q", got, err, want)
	}
}

// expectClosed checks that the proxy closed the connection without
// sending anything more.
func (c *client) expectClosed() {
	c.t.Helper()
	got, err := c.read(10 * time.Second)
	if err == nil || isTimeout(err) {
		c.t.Fatalf("got %q, %v; want the connection closed", got, err)
	}
}

func isTimeout(err error) bool { return errors.Is(err, os.ErrDeadlineExceeded) }

func TestPass(t *testing.T) {
	s := startLineServer(t)
	p := startProxy(t, s.ln.Addr().String())
	c := dial(t, p.Addr())
	c.expect("hello")
	c.send("A1 LOGIN")
	c.expect("ok A1 LOGIN")
	if got := p.Connections(); got != 1 {
		t.Errorf("got %d connections; want 1", got)
	}
	if got := p.Fired(); got != 0 {
		t.Errorf("got %d firings; want 0", got)
	}
}

func TestDropOnMatch(t *testing.T) {
	tests := []struct {
		name    string
		forward bool
		want    []string // lines the server got
	}{
		{"swallowed", false, []string{"A1 NOOP"}},
		{"forwarded", true, []string{"A1 NOOP", "A2 UID FETCH 7"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := startLineServer(t)
			p := startProxy(t, s.ln.Addr().String())
			p.Set(faultproxy.Fault{Effect: faultproxy.Drop, Match: regexp.MustCompile(`UID FETCH`), Forward: tt.forward})
			c := dial(t, p.Addr())
			c.expect("hello")
			c.send("A1 NOOP")
			c.expect("ok A1 NOOP")
			c.send("A2 UID FETCH 7")
			c.expectClosed()
			// A new connection still works; the server saw the dropped
			// line or not, and it may see it after the new one.
			p.Set(faultproxy.Fault{})
			c2 := dial(t, p.Addr())
			c2.expect("hello")
			c2.send("A3 NOOP")
			c2.expect("ok A3 NOOP")
			want := append(tt.want, "A3 NOOP")
			got := s.waitFor(len(want))
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("server got %q; want %q", got, want)
			}
			if p.Fired() != 0 || p.Connections() != 2 {
				t.Errorf("got fired %d, connections %d; want 0 after Set, 2", p.Fired(), p.Connections())
			}
		})
	}
}

func TestDropAfterBytes(t *testing.T) {
	s := startLineServer(t)
	p := startProxy(t, s.ln.Addr().String())
	// Without Match: from the opening, after 9 bytes of the server's.
	p.Set(faultproxy.Fault{Effect: faultproxy.Drop, After: 9})
	c := dial(t, p.Addr())
	c.expect("hello")
	c.send("A1 NOOP")
	got, err := c.read(10 * time.Second)
	if got != "ok" || err == nil || isTimeout(err) {
		t.Fatalf("got %q, %v; want the 2 bytes left of 9, then the connection closed", got, err)
	}

	// With Match and Forward: the reply to the matched line is cut off.
	p.Set(faultproxy.Fault{Effect: faultproxy.Drop, Match: regexp.MustCompile(`FETCH`), Forward: true, After: 5})
	c = dial(t, p.Addr())
	c.expect("hello")
	c.send("A2 FETCH")
	got, err = c.read(10 * time.Second)
	if got != "ok A2" || err == nil || isTimeout(err) {
		t.Fatalf("got %q, %v; want \"ok A2\", then the connection closed", got, err)
	}
}

func TestStall(t *testing.T) {
	s := startLineServer(t)
	p := startProxy(t, s.ln.Addr().String())
	p.Set(faultproxy.Fault{Effect: faultproxy.Stall, Match: regexp.MustCompile(`^A2 `), Stall: 300 * time.Millisecond, Times: 1})
	c := dial(t, p.Addr())
	c.expect("hello")
	c.send("A1 NOOP")
	c.expect("ok A1 NOOP")
	c.send("A2 NOOP")
	// The client gives up waiting first...
	if got, err := c.read(time.Millisecond); !isTimeout(err) {
		t.Fatalf("during the stall: got %q, %v; want a timeout", got, err)
	}
	// ...and after the stall everything arrives as if nothing happened.
	c.expect("ok A2 NOOP")
	c.send("A3 NOOP")
	c.expect("ok A3 NOOP")
	if p.Fired() != 1 {
		t.Errorf("got fired %d; want 1", p.Fired())
	}
}

func TestStallForwardedHoldsTheReply(t *testing.T) {
	s := startLineServer(t)
	p := startProxy(t, s.ln.Addr().String())
	p.Set(faultproxy.Fault{Effect: faultproxy.Stall, Match: regexp.MustCompile(`^\.\r\n$`), Forward: true})
	c := dial(t, p.Addr())
	c.expect("hello")
	c.send(".")
	if got, err := c.read(50 * time.Millisecond); !isTimeout(err) {
		t.Fatalf("got %q, %v; want no reply", got, err)
	}
	// The server got the line although its reply never comes.
	if got := s.waitFor(1); len(got) != 1 || got[0] != "." {
		t.Errorf("server got %q; want the final dot", got)
	}
	// A stall without end is ended by Close, which returns.
	p.Close()
}

func TestStallEndsWhenClientLeaves(t *testing.T) {
	s := startLineServer(t)
	p := startProxy(t, s.ln.Addr().String())
	p.Set(faultproxy.Fault{Effect: faultproxy.Stall}) // from the opening, without end
	c := dial(t, p.Addr())
	if got, err := c.read(50 * time.Millisecond); !isTimeout(err) {
		t.Fatalf("got %q, %v; want the greeting held back", got, err)
	}
	c.c.Close()
	p.Set(faultproxy.Fault{})
	c = dial(t, p.Addr())
	c.expect("hello")
}

func TestInject(t *testing.T) {
	tests := []struct {
		name   string
		fault  faultproxy.Fault
		send   string
		want   string
		closed bool
	}{
		{
			name:  "tagged reply with the command's tag",
			fault: faultproxy.Fault{Effect: faultproxy.Inject, Match: regexp.MustCompile(`^(\S+) CREATE `), Response: "$1 NO [CANNOT] not here\r\n"},
			send:  "A7 CREATE Helpdesk", want: "A7 NO [CANNOT] not here",
		},
		{
			name:  "BYE and close",
			fault: faultproxy.Fault{Effect: faultproxy.Inject, Match: regexp.MustCompile(`UID FETCH`), Response: "* BYE shutting down\r\n", Close: true},
			send:  "A8 UID FETCH 1", want: "* BYE shutting down", closed: true,
		},
		{
			name:  "421 and close",
			fault: faultproxy.Fault{Effect: faultproxy.Inject, Match: regexp.MustCompile(`^MAIL FROM:`), Response: "421 4.3.2 going down\r\n", Close: true},
			send:  "MAIL FROM:<a@b>", want: "421 4.3.2 going down", closed: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := startLineServer(t)
			p := startProxy(t, s.ln.Addr().String())
			p.Set(tt.fault)
			c := dial(t, p.Addr())
			c.expect("hello")
			c.send(tt.send)
			c.expect(tt.want)
			if tt.closed {
				c.expectClosed()
			} else {
				c.send("A9 NOOP")
				c.expect("ok A9 NOOP")
				if got := s.received(); len(got) != 1 || got[0] != "A9 NOOP" {
					t.Errorf("server got %q; want only A9 NOOP", got)
				}
			}
			if p.Fired() != 1 {
				t.Errorf("got fired %d; want 1", p.Fired())
			}
		})
	}
}

func TestInjectGreeting(t *testing.T) {
	s := startLineServer(t)
	p := startProxy(t, s.ln.Addr().String())
	p.Set(faultproxy.Fault{Effect: faultproxy.Inject, Response: "421 4.3.2 too busy\r\n", Close: true, Times: 1})
	c := dial(t, p.Addr())
	c.expect("421 4.3.2 too busy")
	c.expectClosed()
	c = dial(t, p.Addr()) // Times: 1
	c.expect("hello")
}

func TestRefuse(t *testing.T) {
	s := startLineServer(t)
	p := startProxy(t, s.ln.Addr().String())
	p.Set(faultproxy.Fault{Effect: faultproxy.Refuse, Times: 2})
	for range 2 {
		// The reset may come before Dial returns or at the first read.
		c, err := net.Dial("tcp", p.Addr())
		if err != nil {
			continue
		}
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		if n, err := c.Read(make([]byte, 1)); err == nil || isTimeout(err) {
			t.Errorf("read %d bytes, %v; want the connection reset", n, err)
		}
		c.Close()
	}
	c := dial(t, p.Addr())
	c.expect("hello")
	if p.Connections() != 3 || p.Fired() != 2 {
		t.Errorf("got connections %d, fired %d; want 3, 2", p.Connections(), p.Fired())
	}
	if got := s.received(); len(got) != 0 {
		t.Errorf("server got %q; want nothing", got)
	}
}

func TestCloseEndsOpenConnections(t *testing.T) {
	s := startLineServer(t)
	p := startProxy(t, s.ln.Addr().String())
	c := dial(t, p.Addr())
	c.expect("hello")
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	c.expectClosed()
	if _, err := net.Dial("tcp", p.Addr()); err == nil {
		t.Error("the proxy still accepts connections after Close")
	}
}

func TestReply(t *testing.T) {
	tests := []struct {
		name   string
		fault  faultproxy.Fault
		want   string // the client's next line after sending A1 SAVE, "" for none
		closed bool
	}{
		{
			name:   "reply lost, connection dropped",
			fault:  faultproxy.Fault{Effect: faultproxy.Drop, Reply: regexp.MustCompile(`^ok A1 `)},
			closed: true,
		},
		{
			name:  "reply through, then dropped",
			fault: faultproxy.Fault{Effect: faultproxy.Drop, Reply: regexp.MustCompile(`^ok A1 `), Forward: true},
			want:  "ok A1 SAVE", closed: true,
		},
		{
			name:  "reply replaced",
			fault: faultproxy.Fault{Effect: faultproxy.Inject, Reply: regexp.MustCompile(`^ok (\S+) `), Response: "no $1 refused\r\n", Times: 1},
			want:  "no A1 refused",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := startLineServer(t)
			p := startProxy(t, s.ln.Addr().String())
			p.Set(tt.fault)
			c := dial(t, p.Addr())
			c.expect("hello")
			c.send("A1 SAVE")
			if tt.want != "" {
				c.expect(tt.want)
			}
			if tt.closed {
				c.expectClosed()
			} else {
				c.send("A2 NOOP")
				c.expect("ok A2 NOOP")
			}
			// The server carried the command out either way.
			if got := s.waitFor(1); len(got) == 0 || got[0] != "A1 SAVE" {
				t.Errorf("server got %q; want A1 SAVE first", got)
			}
			if p.Fired() != 1 {
				t.Errorf("got fired %d; want 1", p.Fired())
			}
		})
	}
}
