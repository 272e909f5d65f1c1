package demo

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Password is the password of every demo account.
const Password = "demo"

// Servers are an IMAP and an SMTP server in this process, on loopback. The
// SMTP server delivers every mail it accepts into the IMAP mailbox of its
// recipient, creating the account on first use: the shop's support address
// receives customers' mail, and customers receive the bot's replies.
type Servers struct {
	IMAPAddr, SMTPAddr string

	mem      *imapmemserver.Server
	imap     *imapserver.Server
	smtp     *smtp.Server
	mu       sync.Mutex
	users    map[string]*imapmemserver.User
	received []Delivered
	// reject, when set, is asked before a mail is accepted; an error
	// (e.g. a *smtp.SMTPError with a 4xx or 5xx code) refuses it.
	reject func(from string, to []string) error
}

// RejectWith makes the SMTP server refuse mail for which f returns an
// error (nil f accepts everything again): for tests of temporary and
// permanent failures.
func (s *Servers) RejectWith(f func(from string, to []string) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reject = f
}

// Delivered is one mail the demo's SMTP server accepted.
type Delivered struct {
	From string
	To   []string
	Raw  []byte
}

// StartServers listens on imapAddr and smtpAddr ("127.0.0.1:0" for any
// free port); when a fixed port is taken, any free port is used instead.
func StartServers(imapAddr, smtpAddr string, log *slog.Logger) (*Servers, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Servers{mem: imapmemserver.New(), users: map[string]*imapmemserver.User{}}
	s.imap = imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return s.mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true, // loopback only
		Logger:       printfLogger{log},
	})
	iln, err := listen(imapAddr)
	if err != nil {
		return nil, err
	}
	sln, err := listen(smtpAddr)
	if err != nil {
		iln.Close()
		return nil, err
	}
	s.smtp = smtp.NewServer(backend{s})
	s.smtp.Domain = "localhost"
	s.smtp.AllowInsecureAuth = true // loopback only
	s.smtp.ReadTimeout = time.Minute
	s.smtp.WriteTimeout = time.Minute
	s.smtp.MaxMessageBytes = 25 << 20
	s.IMAPAddr, s.SMTPAddr = iln.Addr().String(), sln.Addr().String()
	go func() {
		if err := s.imap.Serve(iln); err != nil && !errors.Is(err, net.ErrClosed) {
			log.Debug("demo IMAP server stopped", "err", err)
		}
	}()
	go func() {
		if err := s.smtp.Serve(sln); err != nil && !errors.Is(err, smtp.ErrServerClosed) {
			log.Debug("demo SMTP server stopped", "err", err)
		}
	}()
	return s, nil
}

func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil && !strings.HasSuffix(addr, ":0") {
		host, _, _ := net.SplitHostPort(addr)
		ln, err = net.Listen("tcp", net.JoinHostPort(host, "0"))
	}
	return ln, err
}

// Close stops both servers.
func (s *Servers) Close() {
	s.imap.Close()
	s.smtp.Close()
}

// User returns the account of address, creating it with the folders a mail
// client expects.
func (s *Servers) User(address string) (*imapmemserver.User, error) {
	address = strings.ToLower(address)
	s.mu.Lock()
	defer s.mu.Unlock()
	if u := s.users[address]; u != nil {
		return u, nil
	}
	u := imapmemserver.NewUser(address, Password)
	for _, mb := range []struct {
		name string
		use  imap.MailboxAttr
	}{{"INBOX", ""}, {"Sent", imap.MailboxAttrSent}, {"Drafts", imap.MailboxAttrDrafts}} {
		var opts *imap.CreateOptions
		if mb.use != "" {
			opts = &imap.CreateOptions{SpecialUse: []imap.MailboxAttr{mb.use}}
		}
		if err := u.Create(mb.name, opts); err != nil {
			return nil, fmt.Errorf("creating %s for %s: %w", mb.name, address, err)
		}
		u.Subscribe(mb.name)
	}
	s.mem.AddUser(u)
	s.users[address] = u
	return u, nil
}

// Deliver puts raw into the INBOX of to, as an MTA with local delivery would.
func (s *Servers) Deliver(to string, raw []byte, at time.Time) error {
	u, err := s.User(to)
	if err != nil {
		return err
	}
	_, err = u.Append("INBOX", literal{bytes.NewReader(raw), int64(len(raw))}, &imap.AppendOptions{Time: at})
	return err
}

// Received returns the mail the SMTP server accepted so far.
func (s *Servers) Received() []Delivered {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Delivered(nil), s.received...)
}

type literal struct {
	*bytes.Reader
	size int64
}

func (l literal) Size() int64 { return l.size }

// backend is the SMTP side: any account may log in with the demo password
// (or send unauthenticated, like a customer's mail arriving from outside).
type backend struct{ s *Servers }

func (b backend) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{s: b.s}, nil }

type session struct {
	s    *Servers
	from string
	to   []string
}

func (ss *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, _, password string) error {
		if password != Password {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "Authentication credentials invalid"}
		}
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error { ss.from = from; return nil }

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.s.mu.Lock()
	if f := ss.s.reject; f != nil {
		if err := f(ss.from, ss.to); err != nil {
			ss.s.mu.Unlock()
			return err
		}
	}
	ss.s.received = append(ss.s.received, Delivered{From: ss.from, To: append([]string(nil), ss.to...), Raw: raw})
	ss.s.mu.Unlock()
	for _, to := range ss.to {
		// A Received: line as the receiving server writes it (RFC 5321
		// section 4.4).
		stamp := fmt.Sprintf("Received: from localhost by helpdesk-demo with ESMTP for <%s>; %s\r\n", to, time.Now().Format(time.RFC1123Z))
		if err := ss.s.Deliver(to, append([]byte(stamp), raw...), time.Now()); err != nil {
			return err
		}
	}
	return nil
}

func (ss *session) Reset()        { ss.from, ss.to = "", nil }
func (ss *session) Logout() error { return nil }

// printfLogger lets the IMAP server's messages (a client that hung up, say)
// go to slog at debug level instead of the standard logger.
type printfLogger struct{ log *slog.Logger }

func (l printfLogger) Printf(format string, args ...any) {
	l.log.Debug("demo IMAP server: " + fmt.Sprintf(format, args...))
}
