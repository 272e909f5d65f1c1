// Package testenv gives tests the real Dovecot and Postfix that
// .ci/mailservers.sh starts on 127.0.0.1 (and that .ci/run always starts in
// CI): their addresses, the test CA, the support account, fresh mailboxes, a
// way to deliver mail as a customer's mail arrives (through the MX) and to
// read a mailbox back over IMAP.
//
// Import it only from _test.go files. Every entry point takes a testing.TB
// and fails the test on error, so tests stay short. Without the environment
// (see Real) the tests that use it are skipped.
package testenv

import (
	"bytes"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// The environment variables .ci/mailservers.sh exports.
const (
	EnvReal            = "HELPDESK_TEST_REAL"             // "1" when the servers run
	EnvIMAPAddr        = "HELPDESK_TEST_IMAP_ADDR"        // IMAP, STARTTLS
	EnvIMAPSAddr       = "HELPDESK_TEST_IMAPS_ADDR"       // IMAP, implicit TLS
	EnvSMTPAddr        = "HELPDESK_TEST_SMTP_ADDR"        // submission, STARTTLS + AUTH
	EnvMXAddr          = "HELPDESK_TEST_MX_ADDR"          // inbound SMTP, no AUTH
	EnvCAFile          = "HELPDESK_TEST_CA_FILE"          // PEM of the CA that signed the servers' certificate
	EnvPasswdFile      = "HELPDESK_TEST_PASSWD_FILE"      // Dovecot passwd-file
	EnvMailLog         = "HELPDESK_TEST_MAILLOG"          // Postfix log
	EnvSupportAddr     = "HELPDESK_TEST_SUPPORT_ADDR"     // the shop's support address and user name
	EnvSupportPassword = "HELPDESK_TEST_SUPPORT_PASSWORD" // its password
	EnvDomains         = "HELPDESK_TEST_DOMAINS"          // space-separated domains delivered locally
)

// skipMessage is what a test without the servers reports.
const skipMessage = "real mail servers not running: set " + EnvReal + "=1, see .ci/run"

// timeout bounds every network exchange and every wait of this package.
const timeout = 30 * time.Second

// Account is a mailbox on the test servers. Address is also its IMAP and SMTP
// user name.
type Account struct {
	Address  string
	Password string
}

// Servers describes the running test servers. All addresses are host:port
// on 127.0.0.1; the certificate is valid for 127.0.0.1 and localhost.
type Servers struct {
	IMAPAddr   string // IMAP with STARTTLS (RFC 9051 section 6.2.1)
	IMAPSAddr  string // IMAP with implicit TLS (RFC 8314)
	SMTPAddr   string // submission: STARTTLS, then AUTH required (RFC 6409)
	MXAddr     string // inbound SMTP for Domains, no AUTH, STARTTLS optional
	CAFile     string
	RootCAs    *x509.CertPool // the test CA alone
	PasswdFile string         // Dovecot passwd-file; use AddUser
	MailLog    string         // Postfix's log, for diagnostics
	Support    Account        // support@volgersfabriek.nl
	Domains    []string       // mail for these domains is delivered into Dovecot
}

// Real returns the running test servers, or skips the test when
// HELPDESK_TEST_REAL is not "1". It fails the test when the variable is set
// but the rest of the environment is incomplete.
func Real(t testing.TB) *Servers {
	t.Helper()
	if os.Getenv(EnvReal) != "1" {
		t.Skip(skipMessage)
	}
	s, err := fromEnv(os.Getenv)
	if err != nil {
		t.Fatalf("testenv: %v", err)
	}
	return s
}

// fromEnv reads the servers' description with getenv and reports every
// missing variable at once.
func fromEnv(getenv func(string) string) (*Servers, error) {
	var errs []error
	get := func(name string) string {
		v := strings.TrimSpace(getenv(name))
		if v == "" {
			errs = append(errs, fmt.Errorf("%s is not set", name))
		}
		return v
	}
	s := &Servers{
		IMAPAddr:   get(EnvIMAPAddr),
		IMAPSAddr:  get(EnvIMAPSAddr),
		SMTPAddr:   get(EnvSMTPAddr),
		MXAddr:     get(EnvMXAddr),
		CAFile:     get(EnvCAFile),
		PasswdFile: get(EnvPasswdFile),
		MailLog:    get(EnvMailLog),
		Support:    Account{Address: get(EnvSupportAddr), Password: get(EnvSupportPassword)},
		Domains:    strings.Fields(get(EnvDomains)),
	}
	if s.CAFile != "" {
		pem, err := os.ReadFile(s.CAFile)
		if err != nil {
			errs = append(errs, fmt.Errorf("read %s: %w", EnvCAFile, err))
		} else {
			s.RootCAs = x509.NewCertPool()
			if !s.RootCAs.AppendCertsFromPEM(pem) {
				errs = append(errs, fmt.Errorf("%s %s: no PEM certificate", EnvCAFile, s.CAFile))
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("incomplete environment (run .ci/mailservers.sh start): %w", err)
	}
	return s, nil
}

// TLSConfig returns a new TLS client configuration that trusts the test CA
// and names the servers' host.
func (s *Servers) TLSConfig() *tls.Config {
	host, _, err := net.SplitHostPort(s.IMAPAddr)
	if err != nil {
		host = "127.0.0.1"
	}
	return &tls.Config{RootCAs: s.RootCAs, ServerName: host, MinVersion: tls.VersionTLS12}
}

// RandomAddress returns a new address in domain that no other test uses:
// "t-" + the test's name + "-" + random hex. It creates no mailbox.
func (s *Servers) RandomAddress(t testing.TB, domain string) string {
	t.Helper()
	return randomLocalPart(t.Name()) + "@" + domain
}

// randomLocalPart turns a test name into a short, safe local part with a
// random suffix.
func randomLocalPart(name string) string {
	var b strings.Builder
	b.WriteString("t-")
	for _, r := range strings.ToLower(name) {
		if b.Len() >= 32 {
			break
		}
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			b.WriteRune(r)
		case !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	if !strings.HasSuffix(b.String(), "-") {
		b.WriteByte('-')
	}
	b.WriteString(randomHex(4))
	return b.String()
}

// randomHex returns n random bytes in hex.
func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails (crypto/rand)
	return hex.EncodeToString(b)
}

// NewUser creates a mailbox with a random address at example.nl.
func (s *Servers) NewUser(t testing.TB) Account {
	t.Helper()
	addr := s.RandomAddress(t, "example.nl")
	return Account{Address: addr, Password: s.AddUser(t, addr)}
}

// AddUser creates the mailbox address (in one of Domains) and returns its
// password. The mailbox is usable, for login and delivery, when AddUser
// returns. Mailboxes live until the servers are restarted.
func (s *Servers) AddUser(t testing.TB, address string) (password string) {
	t.Helper()
	address = strings.ToLower(address)
	at := strings.LastIndexByte(address, '@')
	if at <= 0 || strings.ContainsAny(address, ": \t\r\n") {
		t.Fatalf("testenv: AddUser(%q): not a plain address", address)
	}
	if !slices.Contains(s.Domains, address[at+1:]) {
		t.Fatalf("testenv: AddUser(%q): domain not delivered by the test servers (%s)", address, strings.Join(s.Domains, " "))
	}
	password = randomHex(12)
	// One O_APPEND write under the lock AddUsers takes too, so that test
	// binaries running in parallel neither mix nor duplicate lines.
	f, err := os.OpenFile(s.PasswdFile, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatalf("testenv: AddUser: %v", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		t.Fatalf("testenv: AddUser: lock %s: %v", s.PasswdFile, err)
	}
	_, err = fmt.Fprintf(f, "%s:{PLAIN}%s\n", address, password)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatalf("testenv: AddUser: %v", err)
	}
	s.awaitLogin(t, time.Now(), Account{Address: address, Password: password})
	return password
}

// awaitLogin waits until acct, written to the passwd-file at changed, can log
// in. Dovecot looks at the passwd-file at most once per second (it compares
// mtime and size), so a lookup in the second of a change may miss it: wait
// for the next second, then prove it with a login.
func (s *Servers) awaitLogin(t testing.TB, changed time.Time, acct Account) {
	t.Helper()
	time.Sleep(time.Until(changed.Truncate(time.Second).Add(time.Second + 10*time.Millisecond)))
	deadline := time.Now().Add(timeout)
	for {
		c, err := s.dialIMAP(acct)
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("testenv: the mailbox %s cannot log in: %v", acct.Address, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// Deliver sends raw as an inbound mail through the MX port with the given
// envelope sender (may be empty: the null sender of a bounce) and recipient,
// the way a customer's mail reaches the support mailbox. It uses STARTTLS.
// raw should have CRLF line ends (RFC 5322 section 2.1).
func (s *Servers) Deliver(t testing.TB, from, to string, raw []byte) {
	t.Helper()
	if err := s.sendMail(s.MXAddr, nil, from, to, raw); err != nil {
		t.Fatalf("testenv: deliver %s -> %s via MX %s: %v%s", from, to, s.MXAddr, err, s.logTail())
	}
}

// Submit sends raw through the submission port, logged in as acct, with the
// given envelope sender and recipient.
func (s *Servers) Submit(t testing.TB, acct Account, from, to string, raw []byte) {
	t.Helper()
	if err := s.sendMail(s.SMTPAddr, &acct, from, to, raw); err != nil {
		t.Fatalf("testenv: submit %s -> %s via %s as %s: %v%s", from, to, s.SMTPAddr, acct.Address, err, s.logTail())
	}
}

// sendMail runs one SMTP transaction (RFC 5321) on addr after STARTTLS
// (RFC 3207), with AUTH PLAIN (RFC 4954) when acct is not nil. It asks for
// SMTPUTF8 (RFC 6531) only when the envelope or the header needs it and the
// server offers it (the test Postfix does not: a UTF-8 header travels as
// 8-bit data), as a typical client does; an SMTPUTF8 mail's bounce is an
// RFC 6533 message/global DSN instead of the common RFC 3464 one.
func (s *Servers) sendMail(addr string, acct *Account, from, to string, raw []byte) error {
	conn, err := net.DialTimeout("tcp", addr, timeout)
	if err != nil {
		return err
	}
	c, err := smtp.NewClientStartTLS(conn, s.TLSConfig())
	if err != nil {
		conn.Close()
		return fmt.Errorf("starttls: %w", err)
	}
	defer c.Close()
	c.CommandTimeout, c.SubmissionTimeout = timeout, timeout
	if acct != nil {
		if err := c.Auth(sasl.NewPlainClient("", acct.Address, acct.Password)); err != nil {
			return fmt.Errorf("auth: %w", err)
		}
	}
	header, _, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
	offered, _ := c.Extension("SMTPUTF8")
	utf8 := offered && (!isASCII([]byte(from+to)) || !isASCII(header))
	if err := c.Mail(from, &smtp.MailOptions{UTF8: utf8}); err != nil {
		return err
	}
	if err := c.Rcpt(to, nil); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(raw); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// logTail returns the end of the Postfix log for a failure message, or "".
func (s *Servers) logTail() string {
	b, err := os.ReadFile(s.MailLog)
	if err != nil || len(b) == 0 {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	lines = lines[max(0, len(lines)-15):]
	return "\nend of " + s.MailLog + ":\n" + strings.Join(lines, "\n")
}

// DialIMAP returns an IMAP client logged in as acct over STARTTLS. It is
// logged out and closed when the test ends.
func (s *Servers) DialIMAP(t testing.TB, acct Account) *imapclient.Client {
	t.Helper()
	c, err := s.dialIMAP(acct)
	if err != nil {
		t.Fatalf("testenv: IMAP %s as %s: %v", s.IMAPAddr, acct.Address, err)
	}
	t.Cleanup(func() {
		c.Logout().Wait()
		c.Close()
	})
	return c
}

func (s *Servers) dialIMAP(acct Account) (*imapclient.Client, error) {
	c, err := imapclient.DialStartTLS(s.IMAPAddr, &imapclient.Options{TLSConfig: s.TLSConfig()})
	if err != nil {
		return nil, err
	}
	if err := c.Login(acct.Address, acct.Password).Wait(); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// Message is one message of a mailbox as Messages returns it.
type Message struct {
	UID          imap.UID
	Flags        []imap.Flag
	InternalDate time.Time
	Size         int64
	Subject      string      // from ENVELOPE, RFC 2047 decoded
	MessageID    string      // from ENVELOPE, without angle brackets
	Header       mail.Header // parsed from Raw; nil when it does not parse
	Raw          []byte      // the whole message (BODY.PEEK[]: \Seen is not set)
}

// HasFlag reports whether m carries flag, compared case-insensitively as
// RFC 9051 section 2.3.2 says.
func (m Message) HasFlag(flag imap.Flag) bool {
	return slices.ContainsFunc(m.Flags, func(f imap.Flag) bool { return strings.EqualFold(string(f), string(flag)) })
}

// Messages returns every message of mailbox in acct's account, in mailbox
// order, without changing any flag.
func (s *Servers) Messages(t testing.TB, acct Account, mailbox string) []Message {
	t.Helper()
	msgs, err := fetchAll(s.DialIMAP(t, acct), mailbox)
	if err != nil {
		t.Fatalf("testenv: read %s of %s: %v", mailbox, acct.Address, err)
	}
	return msgs
}

// Await polls mailbox until it holds at least n messages and returns them
// all. It fails the test when they do not arrive within 30 seconds (Postfix
// delivers in well under a second).
func (s *Servers) Await(t testing.TB, acct Account, mailbox string, n int) []Message {
	t.Helper()
	c := s.DialIMAP(t, acct)
	deadline := time.Now().Add(timeout)
	for {
		msgs, err := fetchAll(c, mailbox)
		if err != nil {
			t.Fatalf("testenv: read %s of %s: %v", mailbox, acct.Address, err)
		}
		if len(msgs) >= n {
			return msgs
		}
		if time.Now().After(deadline) {
			t.Fatalf("testenv: %s of %s holds %d messages; want at least %d%s", mailbox, acct.Address, len(msgs), n, s.logTail())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// fetchAll examines mailbox (read-only, so that no flag changes) and fetches
// every message in it.
func fetchAll(c *imapclient.Client, mailbox string) ([]Message, error) {
	sel, err := c.Select(mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return nil, err
	}
	if sel.NumMessages == 0 {
		return nil, nil
	}
	body := &imap.FetchItemBodySection{Peek: true}
	all := imap.SeqSet{{Start: 1, Stop: 0}} // 1:*
	bufs, err := c.Fetch(all, &imap.FetchOptions{
		UID:          true,
		Flags:        true,
		InternalDate: true,
		RFC822Size:   true,
		Envelope:     true,
		BodySection:  []*imap.FetchItemBodySection{body},
	}).Collect()
	if err != nil {
		return nil, err
	}
	msgs := make([]Message, 0, len(bufs))
	for _, b := range bufs {
		m := Message{UID: b.UID, Flags: b.Flags, InternalDate: b.InternalDate, Size: b.RFC822Size, Raw: b.FindBodySection(body)}
		if b.Envelope != nil {
			m.Subject = b.Envelope.Subject
			m.MessageID = b.Envelope.MessageID
		}
		if pm, err := mail.ReadMessage(bytes.NewReader(m.Raw)); err == nil {
			m.Header = pm.Header
		}
		msgs = append(msgs, m)
	}
	return msgs, nil
}
