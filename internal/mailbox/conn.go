package mailbox

import (
	"net"
	"sync"
	"time"
)

// deadlineConn owns the deadlines of the TCP connection under the IMAP
// client (and under TLS, which passes its deadline calls down to it).
//
// imapclient sets fixed deadlines of its own (30 s per response, also while
// the connection merely sits idle between polls, 5 min per literal); they
// are ignored here. Instead, while an operation is running (between begin
// and end), the server must send or accept some data every timeout; while
// no operation runs, an idle connection has no deadline.
type deadlineConn struct {
	net.Conn
	timeout time.Duration

	mu   sync.Mutex
	busy bool
	err  error // first I/O error, for a better message than imapclient's
}

func newDeadlineConn(conn net.Conn, timeout time.Duration) *deadlineConn {
	return &deadlineConn{Conn: conn, timeout: timeout}
}

// begin arms the read deadline for an operation.
func (c *deadlineConn) begin() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.busy = true
	c.Conn.SetReadDeadline(time.Now().Add(c.timeout))
}

// end lifts the read deadline: an idle connection may wait for the next
// poll as long as the server lets it.
func (c *deadlineConn) end() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.busy = false
	c.Conn.SetReadDeadline(time.Time{})
}

// ioErr returns the first error seen by Read or Write, if any.
func (c *deadlineConn) ioErr() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func (c *deadlineConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	c.mu.Lock()
	if n > 0 && c.busy {
		c.Conn.SetReadDeadline(time.Now().Add(c.timeout))
	}
	if err != nil && c.err == nil {
		c.err = err
	}
	c.mu.Unlock()
	return n, err
}

func (c *deadlineConn) Write(b []byte) (int, error) {
	c.Conn.SetWriteDeadline(time.Now().Add(c.timeout))
	n, err := c.Conn.Write(b)
	if err != nil {
		c.mu.Lock()
		if c.err == nil {
			c.err = err
		}
		c.mu.Unlock()
	}
	return n, err
}

// SetDeadline, SetReadDeadline and SetWriteDeadline ignore imapclient's
// deadlines; see deadlineConn.
func (c *deadlineConn) SetDeadline(time.Time) error      { return nil }
func (c *deadlineConn) SetReadDeadline(time.Time) error  { return nil }
func (c *deadlineConn) SetWriteDeadline(time.Time) error { return nil }
