// Package send submits finished messages over SMTP (RFC 6409 submission)
// with github.com/wneessen/go-mail, and says what a failure means for the
// caller: try again later (IsTemporary), give the mail to a person
// (permanent: neither temporary nor ambiguous), or never send it again
// because it may already have gone out (IsAmbiguous).
//
// TLS is mandatory by default: STARTTLS, or TLS from the first byte
// ("implicit"); a connection without TLS happens only when Options.TLS
// says "none". Credentials are only ever sent over TLS, unless TLS is
// "none". The password is never logged and never part of an error.
package send

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/mail"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
)

// The TLS modes of Options.TLS.
const (
	StartTLS = "starttls" // plain connection upgraded with STARTTLS (RFC 3207), required; the default
	Implicit = "implicit" // TLS from the first byte (RFC 8314), usually port 465
	NoTLS    = "none"     // no TLS at all; only when chosen explicitly
)

// DefaultTimeout bounds each step of a submission when Options.Timeout
// is zero.
const DefaultTimeout = 60 * time.Second

// Errors of this package.
var (
	// errNotCommitted: the caller's commit failed; nothing was sent.
	errNotCommitted = errors.New("not sent: the send could not be recorded")

	// ErrOptions: New was given options it cannot work with.
	ErrOptions = errors.New("bad SMTP options")
)

// Options configure a Sender. The zero value of each field is its default.
type Options struct {
	Address   string      // host:port of the submission server
	TLS       string      // StartTLS (""), Implicit or NoTLS
	TLSConfig *tls.Config // nil: the system's roots, server name from Address
	Username  string      // "" sends no AUTH
	Password  string
	Timeout   time.Duration // per step (connect, each command, the data); 0 means DefaultTimeout
	HELO      string        // name in EHLO; "" means the local host name
}

// String describes the options without the password, for %v and %s.
func (o Options) String() string {
	pw := ""
	if o.Password != "" {
		pw = "***"
	}
	return fmt.Sprintf("{Address:%s TLS:%s Username:%s Password:%s Timeout:%s HELO:%s}", o.Address, o.tls(), o.Username, pw, o.timeout(), o.HELO)
}

// GoString is String, so that %#v hides the password too.
func (o Options) GoString() string { return "send.Options" + o.String() }

// LogValue hides the password from log/slog.
func (o Options) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("address", o.Address), slog.String("tls", o.tls()),
		slog.String("username", o.Username), slog.Bool("password_set", o.Password != ""),
		slog.Duration("timeout", o.timeout()))
}

func (o Options) tls() string {
	if o.TLS == "" {
		return StartTLS
	}
	return o.TLS
}

func (o Options) timeout() time.Duration {
	if o.Timeout <= 0 {
		return DefaultTimeout
	}
	return o.Timeout
}

// Sender submits messages. It holds no connection between sends and is
// safe for concurrent use.
type Sender struct {
	opts Options
	host string
	port int
}

// New checks the options and returns a Sender. It does not connect.
func New(opts Options) (*Sender, error) {
	host, port, err := net.SplitHostPort(opts.Address)
	if err != nil {
		return nil, fmt.Errorf("%w: address %q: want host:port", ErrOptions, opts.Address)
	}
	p, err := strconv.Atoi(port)
	if err != nil || p < 1 || p > 65535 || host == "" {
		return nil, fmt.Errorf("%w: address %q: want host:port", ErrOptions, opts.Address)
	}
	switch opts.tls() {
	case StartTLS, Implicit, NoTLS:
	default:
		return nil, fmt.Errorf("%w: tls %q is not one of %s, %s, %s", ErrOptions, opts.TLS, StartTLS, Implicit, NoTLS)
	}
	if opts.Username == "" && opts.Password != "" {
		return nil, fmt.Errorf("%w: a password without a username", ErrOptions)
	}
	return &Sender{opts: opts, host: host, port: p}, nil
}

// Send submits raw, exactly as given, from the envelope sender from ("" for
// the null reverse-path) to the envelope recipients to. It connects,
// secures the connection, authenticates, sends and disconnects.
//
// An error is a *Error: IsTemporary says nothing was accepted and a later
// try may work; IsAmbiguous says the connection broke after the message
// was handed over, so it may have been delivered and must not be sent
// again; any other error is permanent (a 5xx reply, a refused password, a
// server without the required TLS) and the mail is for a person.
//
// ctx bounds the whole submission: when it ends, the connection is closed
// whatever step is under way, and the error says whether the message may
// have gone out. Each step is also bounded by Options.Timeout.
func (s *Sender) Send(ctx context.Context, from string, to []string, raw []byte) error {
	return s.SendCommit(ctx, from, to, raw, nil)
}

// SendCommit is Send with a last word before the message goes out: commit
// is called once the server has accepted the envelope and the DATA
// command, right before the first byte of the message is written. It is
// where a caller records that the message is about to be sent; an error
// from it ends the submission with nothing sent (a temporary error at
// StageData). Whatever fails before commit was called cannot have sent the
// message, so a caller that records only in commit never mistakes a failed
// connection or login for a send that may have happened.
func (s *Sender) SendCommit(ctx context.Context, from string, to []string, raw []byte, commit func() error) error {
	if err := checkEnvelope(from, to); err != nil {
		return &Error{Stage: StageEnvelope, Err: err}
	}
	timeout := s.opts.timeout()
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < timeout {
		timeout = max(time.Until(dl), time.Millisecond)
	}
	tlsConfig := &tls.Config{ServerName: s.host, MinVersion: tls.VersionTLS12}
	if s.opts.TLSConfig != nil {
		tlsConfig = s.opts.TLSConfig.Clone()
		if tlsConfig.ServerName == "" {
			tlsConfig.ServerName = s.host
		}
		if tlsConfig.MinVersion == 0 {
			tlsConfig.MinVersion = tls.VersionTLS12
		}
	}

	// Our own dialer keeps the TCP connection in hand, so that ctx ending
	// closes it at any point, the TLS and AUTH exchange included, and a
	// failed exchange does not leave it open.
	var (
		conn net.Conn
		stop = func() bool { return false }
	)
	defer func() {
		stop()
		if conn != nil {
			_ = conn.Close()
		}
	}()
	dial := func(dctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		c, err := d.DialContext(dctx, network, addr)
		if err != nil {
			return nil, err
		}
		conn = c
		// Send's ctx, not dctx: go-mail cancels dctx once connected.
		stop = context.AfterFunc(ctx, func() { _ = c.Close() })
		if s.opts.tls() != Implicit {
			return c, nil
		}
		tc := tls.Client(c, tlsConfig)
		if err := tc.HandshakeContext(dctx); err != nil {
			return nil, err
		}
		return tc, nil
	}

	opts := []gomail.Option{
		gomail.WithPort(s.port), gomail.WithTimeout(timeout), gomail.WithDialContextFunc(dial),
		gomail.WithTLSConfig(tlsConfig),
	}
	if s.opts.HELO != "" {
		opts = append(opts, gomail.WithHELO(s.opts.HELO))
	}
	if s.opts.tls() == StartTLS {
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	} else {
		// Implicit: TLS is already up (dial); none: chosen explicitly.
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if s.opts.Username != "" {
		opts = append(opts, gomail.WithUsername(s.opts.Username), gomail.WithPassword(s.opts.Password))
		switch s.opts.tls() {
		case StartTLS:
			opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover))
		case Implicit:
			// go-mail only knows a connection is encrypted when it dialled
			// TLS itself; PLAIN and LOGIN still check the connection is TLS
			// before they send anything.
			opts = append(opts, gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthSCRAMSHA256PLUS, gomail.SMTPAuthSCRAMSHA256,
				gomail.SMTPAuthSCRAMSHA1PLUS, gomail.SMTPAuthSCRAMSHA1, gomail.SMTPAuthPlain, gomail.SMTPAuthLogin))
		case NoTLS:
			// Chosen explicitly: name PLAIN and LOGIN without TLS, which
			// go-mail's discovery rightly refuses.
			opts = append(opts, gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthSCRAMSHA256, gomail.SMTPAuthSCRAMSHA1,
				gomail.SMTPAuthPlainNoEnc, gomail.SMTPAuthLoginNoEnc))
		}
	}
	client, err := gomail.NewClient(s.host, opts...)
	if err != nil {
		return &Error{Stage: StageConnect, Err: err}
	}
	c, err := client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return classifyDial(ctx, err)
	}
	err = s.transact(ctx, c, timeout, from, to, raw, commit)
	// QUIT, whose reply does not matter; not after the data was started
	// (the server would take QUIT for message text): closing the
	// connection then makes the server drop the transaction.
	if err == nil || !IsAmbiguous(err) && !errors.Is(err, errNotCommitted) {
		_ = client.CloseWithSMTPClient(c)
	}
	return err
}

// transact runs MAIL, RCPT and DATA (RFC 5321 section 3.3).
func (s *Sender) transact(ctx context.Context, c *smtp.Client, timeout time.Duration, from string, to []string, raw []byte, commit func() error) error {
	step := func(stage Stage, f func() error) error {
		if err := c.UpdateDeadline(timeout); err != nil {
			return before(ctx, stage, err)
		}
		if err := f(); err != nil {
			return before(ctx, stage, err)
		}
		return nil
	}
	if err := step(StageMail, func() error { return c.Mail(path(from)) }); err != nil {
		return err
	}
	for _, rcpt := range to {
		if err := step(StageRcpt, func() error { return c.Rcpt(path(rcpt)) }); err != nil {
			return err
		}
	}
	var w io.WriteCloser
	if err := step(StageData, func() (err error) { w, err = c.Data(); return err }); err != nil {
		return err
	}
	if commit != nil {
		if err := commit(); err != nil {
			// Nothing of the message was written; closing the connection
			// without the final "." makes the server drop the transaction.
			return &Error{Stage: StageData, Temporary: true, Err: fmt.Errorf("%w: %w", errNotCommitted, err)}
		}
	}
	// Everything up to the final "." is flushed here: a failure until then
	// means the server cannot have accepted the message.
	if err := step(StageData, func() error {
		if _, err := w.Write(raw); err != nil {
			return err
		}
		return c.Text.W.Flush()
	}); err != nil {
		return err
	}
	// The final "." goes out with Close, which then waits for the reply. A
	// reply code decides; no reply leaves us not knowing (RFC 5321 section
	// 4.1.1.4, and RFC 1047 on duplicate messages).
	if err := c.UpdateDeadline(timeout); err != nil {
		return &Error{Stage: StageReply, Ambiguous: true, Err: err}
	}
	if err := w.Close(); err != nil {
		if code := replyCode(err); code != 0 {
			return &Error{Stage: StageReply, Code: code, Temporary: code/100 == 4, Err: err}
		}
		if ctx.Err() != nil {
			err = fmt.Errorf("%w (%w)", ctx.Err(), err)
		}
		return &Error{Stage: StageReply, Ambiguous: true, Err: err}
	}
	return nil
}

// before classifies a failure before the message data was complete:
// nothing was accepted, so only the reply code (or its absence) decides.
func before(ctx context.Context, stage Stage, err error) error {
	code := replyCode(err)
	e := &Error{Stage: stage, Code: code, Err: err}
	switch {
	case code != 0:
		e.Temporary = code/100 == 4
	case ctx.Err() != nil:
		e.Temporary, e.Err = true, fmt.Errorf("%w (%w)", ctx.Err(), err)
	default:
		// A broken connection or a timeout: the server may be back later.
		e.Temporary = true
	}
	return e
}

// classifyDial classifies a failure to connect, secure or authenticate.
func classifyDial(ctx context.Context, err error) error {
	e := &Error{Stage: StageConnect, Err: err}
	var (
		cve  *tls.CertificateVerificationError
		alrt tls.AlertError
		rhe  tls.RecordHeaderError
	)
	code := replyCode(err)
	switch {
	case ctx.Err() != nil:
		e.Temporary, e.Err = true, fmt.Errorf("%w (%w)", ctx.Err(), err)
	case code != 0:
		e.Code, e.Temporary = code, code/100 == 4
		if strings.Contains(err.Error(), "SMTP AUTH failed") {
			e.Stage = StageAuth
		}
	case errors.As(err, &cve), errors.As(err, &alrt), errors.As(err, &rhe):
		// The server's certificate or TLS is not what we trust: a person
		// must look, retrying will not help.
		e.Stage = StageTLS
	case strings.Contains(err.Error(), "STARTTLS"):
		// STARTTLS required but not offered: misconfigured, or stripped by
		// someone in between.
		e.Stage = StageTLS
	case errors.Is(err, gomail.ErrNoSupportedAuthDiscovered), errors.Is(err, smtp.ErrUnencrypted),
		strings.Contains(err.Error(), "does not support SMTP AUTH"):
		// No way to log in that we accept: configuration, not weather.
		e.Stage = StageAuth
	default:
		// Refused, reset, timed out, a name that does not resolve today.
		e.Temporary = true
	}
	return e
}

// replyCode is the SMTP reply code in err, or 0 when the server gave none.
func replyCode(err error) int {
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 200 && te.Code < 600 {
		return te.Code
	}
	return 0
}

// path writes an envelope address as RFC 5321 wants it: "<local@domain>",
// with the local part quoted when it must be; "" is the null path "<>".
func path(addr string) string {
	if addr == "" {
		return "<>"
	}
	return (&mail.Address{Address: addr}).String()
}

// checkEnvelope refuses envelope addresses that could not be sent as they
// are (line breaks would end the command; angle brackets would break the
// path).
func checkEnvelope(from string, to []string) error {
	if len(to) == 0 {
		return errors.New("no recipients")
	}
	for _, a := range append([]string{from}, to...) {
		if strings.ContainsAny(a, "\r\n<>") || strings.ContainsFunc(a, func(r rune) bool { return r < ' ' || r == 0x7f }) {
			return fmt.Errorf("envelope address %q is not an address", a)
		}
	}
	for _, a := range to {
		if a == "" || !strings.Contains(a, "@") {
			return fmt.Errorf("envelope recipient %q is not an address", a)
		}
	}
	return nil
}
