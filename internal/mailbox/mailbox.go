// Package mailbox is the IMAP side of the mail loop: it connects and logs in,
// finds the mail that is new since a checkpoint, fetches it without marking
// it \Seen, flags it for a person, files it away into folders and appends
// copies to Sent and Drafts. It speaks IMAP4rev1/rev2 (RFC 3501, RFC 9051)
// through github.com/emersion/go-imap/v2 and knows nothing of decisions.
//
// go-imap has no contexts: a Client is closed when the context given to Dial
// ends, and an operation whose context ends closes the Client too, since the
// connection is in an unknown state afterwards. Every network operation is
// bounded by Options.Timeout. Failures are sorted by IsTemporary.
//
// Mailbox names given to this package use "/" between levels, as in
// "Helpdesk/Beantwoord", whatever the server's hierarchy delimiter: on a
// server that uses "." (Dovecot's Maildir++) that name becomes
// "Helpdesk.Beantwoord". Names returned by SpecialUse and Select are the
// server's own and can be passed back as they are.
package mailbox

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net"
	"net/netip"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-message/charset"
)

// The values of Options.TLS.
const (
	TLSImplicit = "implicit" // TLS from the first byte (port 993), RFC 8314
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS (port 143), RFC 9051 6.2.1
	TLSNone     = "none"     // no TLS at all: for tests and loopback only
)

// DefaultTimeout is the Timeout used when Options.Timeout is zero.
const DefaultTimeout = 60 * time.Second

// Options says how to reach and log in to an IMAP server. The zero value of
// each field is its default.
type Options struct {
	// Address is host:port of the server.
	Address string
	// TLS is TLSImplicit (default), TLSStartTLS or TLSNone.
	TLS string
	// TLSConfig is used for TLS; nil means the system roots. Its
	// ServerName defaults to the host of Address.
	TLSConfig *tls.Config
	// Username and Password are sent with LOGIN. The password never
	// appears in an error or a log line.
	Username string
	Password string
	// Timeout bounds every network operation: connecting, and any wait
	// for the server to send or accept more data. Default DefaultTimeout.
	Timeout time.Duration
	// Logger receives what this package has to say; nil discards it.
	Logger *slog.Logger
}

// Client is a logged-in IMAP connection. Its methods may be called from
// several goroutines; they run one at a time. Once an operation has failed
// with ErrDisconnected, every later one fails the same way: Dial again.
type Client struct {
	imap *imapclient.Client
	conn *deadlineConn
	log  *slog.Logger
	stop func() bool // detaches the close-on-ctx of Dial

	mu        sync.Mutex // one operation at a time; guards the fields below
	selected  string     // mailbox name, "" when none
	permFlags []imap.Flag
	delim     rune // hierarchy delimiter, 0 until known
	ensured   map[string]bool
	warned    map[string]bool // warnings already logged once
}

// Dial connects to the server, logs in and returns the Client. The Client
// is closed when ctx ends, so ctx should live as long as the Client is
// wanted (a per-call deadline belongs on the ctx of each method). A refused
// login is ErrAuth.
func Dial(ctx context.Context, opts Options) (*Client, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("imap", opts.Address)
	host, _, err := net.SplitHostPort(opts.Address)
	if err != nil {
		return nil, fmt.Errorf("mailbox: address %q: want host:port", opts.Address)
	}
	mode := opts.TLS
	if mode == "" {
		mode = TLSImplicit
	}
	switch mode {
	case TLSImplicit, TLSStartTLS:
	case TLSNone:
		if !isLoopback(host) {
			log.Warn("imap without TLS to a host that is not loopback: the password travels in clear text")
		}
	default:
		return nil, fmt.Errorf("mailbox: TLS %q: want %q, %q or %q", opts.TLS, TLSImplicit, TLSStartTLS, TLSNone)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("mailbox: dial %s: %w", opts.Address, err)
	}

	dialer := &net.Dialer{Timeout: opts.Timeout}
	raw, err := dialer.DialContext(ctx, "tcp", opts.Address)
	if err != nil {
		return nil, fmt.Errorf("mailbox: dial %s: %w", opts.Address, err)
	}
	conn := newDeadlineConn(raw, opts.Timeout)
	conn.begin()
	// Until the Client exists, ctx ending must still tear the connection down.
	stopDial := context.AfterFunc(ctx, func() { raw.Close() })
	ic, err := connect(ctx, conn, mode, host, opts)
	stopDial()
	if err != nil {
		raw.Close()
		if ctx.Err() != nil {
			err = fmt.Errorf("%w: %w", ErrDisconnected, context.Cause(ctx))
		}
		return nil, fmt.Errorf("mailbox: login to %s as %q: %w", opts.Address, opts.Username, err)
	}
	conn.end()
	c := &Client{
		imap:    ic,
		conn:    conn,
		log:     log,
		ensured: map[string]bool{},
		warned:  map[string]bool{},
	}
	c.stop = context.AfterFunc(ctx, func() { ic.Close() })
	log.Debug("imap logged in", "user", opts.Username, "tls", mode)
	return c, nil
}

// connect does TLS, reads the greeting and logs in.
func connect(ctx context.Context, conn *deadlineConn, mode, host string, opts Options) (*imapclient.Client, error) {
	tlsConfig := &tls.Config{}
	if opts.TLSConfig != nil {
		tlsConfig = opts.TLSConfig.Clone()
	}
	if tlsConfig.ServerName == "" {
		tlsConfig.ServerName = host
	}
	clientOpts := &imapclient.Options{
		// Decode RFC 2047 words in ENVELOPE in any charset, not only UTF-8.
		WordDecoder: &mime.WordDecoder{CharsetReader: charset.Reader},
	}
	// lost marks an error of a connection that died as ErrDisconnected;
	// server responses and TLS failures speak for themselves.
	lost := func(err error) error {
		var imapErr *imap.Error
		if errors.As(err, &imapErr) || isTLSFailure(err) {
			return err
		}
		return connErr(err, conn)
	}

	var ic *imapclient.Client
	switch mode {
	case TLSImplicit:
		if tlsConfig.NextProtos == nil {
			tlsConfig.NextProtos = []string{"imap"} // as imapclient.DialTLS does
		}
		tc := tls.Client(conn, tlsConfig)
		if err := tc.HandshakeContext(ctx); err != nil {
			return nil, fmt.Errorf("tls: %w", lost(err))
		}
		ic = imapclient.New(tc, clientOpts)
	case TLSStartTLS:
		clientOpts.TLSConfig = tlsConfig
		var err error
		if ic, err = imapclient.NewStartTLS(conn, clientOpts); err != nil {
			return nil, fmt.Errorf("starttls: %w", lost(err))
		}
	default:
		ic = imapclient.New(conn, clientOpts)
	}
	if err := ic.WaitGreeting(); err != nil {
		ic.Close()
		return nil, fmt.Errorf("greeting: %w", lost(err))
	}
	if ic.State() == imap.ConnStateAuthenticated {
		return ic, nil // PREAUTH (never after STARTTLS: imapclient refuses it)
	}
	if ic.Caps().Has(imap.CapLoginDisabled) {
		ic.Close()
		return nil, fmt.Errorf("%w: server refuses LOGIN on this connection (LOGINDISABLED): use TLS", ErrAuth)
	}
	if err := ic.Login(opts.Username, opts.Password).Wait(); err != nil {
		ic.Close()
		var imapErr *imap.Error
		if errors.As(err, &imapErr) && !IsTemporary(err) {
			// RFC 5530: AUTHENTICATIONFAILED, AUTHORIZATIONFAILED, EXPIRED,
			// PRIVACYREQUIRED, CONTACTADMIN, or no code at all: these
			// credentials will not do. Only the server's text is kept.
			return nil, fmt.Errorf("%w: %w", ErrAuth, err)
		}
		return nil, lost(err)
	}
	return ic, nil
}

// Close logs out and closes the connection. It is safe to call more than
// once, and after the connection was lost (it then returns nil); an error
// means the server did not answer LOGOUT properly.
func (c *Client) Close() error {
	c.stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.alive() {
		c.imap.Close()
		return nil
	}
	c.conn.begin()
	err := c.imap.Logout().Wait()
	c.conn.end()
	c.imap.Close()
	if err != nil {
		return fmt.Errorf("mailbox: logout: %w", c.wrap(err))
	}
	return nil
}

// Selected describes the mailbox chosen by Select.
type Selected struct {
	// Name is the server's name of the mailbox ("/" translated).
	Name string
	// UIDValidity changes when the server renumbered the mailbox: UIDs
	// kept from before (a checkpoint) are then meaningless (RFC 9051 2.3.1.1).
	UIDValidity uint32
	// UIDNext is the UID the next message will get, at least.
	UIDNext imap.UID
	// Messages is the number of messages in the mailbox.
	Messages uint32
}

// Select opens the mailbox name (SELECT, read-write) for the message
// operations: NewUIDs, FetchMeta, FetchRaw, Flag, Move.
func (c *Client) Select(ctx context.Context, name string) (Selected, error) {
	var sel Selected
	err := c.do(ctx, "select "+name, func() error {
		server, err := c.serverName(name)
		if err != nil {
			return err
		}
		data, err := c.selectLocked(server)
		if err != nil {
			return err
		}
		sel = Selected{Name: server, UIDValidity: data.UIDValidity, UIDNext: data.UIDNext, Messages: data.NumMessages}
		return nil
	})
	return sel, err
}

// selectLocked sends SELECT and keeps what the other operations need.
func (c *Client) selectLocked(name string) (*imap.SelectData, error) {
	data, err := c.imap.Select(name, nil).Wait()
	if err != nil {
		// A failed SELECT leaves no mailbox selected (RFC 9051 6.3.2).
		c.selected, c.permFlags = "", nil
		return nil, err
	}
	c.selected, c.permFlags = name, data.PermanentFlags
	c.log.Debug("imap selected", "mailbox", name, "uidvalidity", data.UIDValidity,
		"uidnext", data.UIDNext, "messages", data.NumMessages)
	return data, nil
}

// do runs one operation: one at a time, with the read deadline armed, and
// with the connection closed if ctx ends first. Its error is wrapped with
// the operation's name.
func (c *Client) do(ctx context.Context, name string, f func() error) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("mailbox: %s: %w", name, err)
	}
	if !c.alive() {
		return fmt.Errorf("mailbox: %s: %w", name, c.wrap(net.ErrClosed))
	}
	stop := context.AfterFunc(ctx, func() { c.imap.Close() })
	c.conn.begin()
	err := f()
	c.conn.end()
	if !stop() && err != nil {
		return fmt.Errorf("mailbox: %s: %w: %w", name, ErrDisconnected, context.Cause(ctx))
	}
	if err != nil {
		return fmt.Errorf("mailbox: %s: %w", name, c.wrap(err))
	}
	return nil
}

// alive reports whether the connection is still open.
func (c *Client) alive() bool {
	select {
	case <-c.imap.Closed():
		return false
	default:
		return c.imap.State() != imap.ConnStateLogout
	}
}

// wrap marks err as ErrDisconnected when the connection is gone. The
// errors of imapclient do not wrap the network error, so the first one
// seen on the connection is added when there is one.
func (c *Client) wrap(err error) error {
	var imapErr *imap.Error
	if errors.As(err, &imapErr) || errors.Is(err, ErrDisconnected) || c.alive() {
		return err
	}
	return connErr(err, c.conn)
}

// connErr wraps err of a dead connection as ErrDisconnected, with the
// connection's own I/O error (a timeout, a reset) when it has one.
func connErr(err error, conn *deadlineConn) error {
	if ioErr := conn.ioErr(); ioErr != nil && !errors.Is(err, ioErr) {
		return fmt.Errorf("%w: %w (%w)", ErrDisconnected, err, ioErr)
	}
	return fmt.Errorf("%w: %w", ErrDisconnected, err)
}

// warnOnce logs msg at warning level the first time per Client.
func (c *Client) warnOnce(msg string, args ...any) {
	if c.warned[msg] {
		return
	}
	c.warned[msg] = true
	c.log.Warn(msg, args...)
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	addr, err := netip.ParseAddr(host)
	return err == nil && addr.IsLoopback()
}
