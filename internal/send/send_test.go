package send

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

const (
	user     = "support@volgersfabriek.nl"
	password = "s3cret-Pa55word"
)

// message is a small complete mail with CRLF line ends; one line starts
// with a dot, which must arrive intact (RFC 5321 section 4.5.2).
var message = []byte("From: Volgersfabriek <support@volgersfabriek.nl>\r\n" +
	"To: anna@example.nl\r\nSubject: Re: test [HD-7K3Q9X]\r\nMessage-ID: <t1@volgersfabriek.nl>\r\n\r\n" +
	"Hallo Anna,\r\n.punt aan het begin\r\n\r\nMet vriendelijke groet\r\n")

// behaviour is what the test server does at each step.
type behaviour struct {
	mailErr, rcptErr, dataErr error
	// dataSeen, when set, is closed once the message data has been read.
	dataSeen chan struct{}
	// stall keeps the reply to the final "." back until the test ends.
	stall bool
	// hangUp closes the connection after reading the data, without a reply.
	hangUp bool
}

// received is what the server got in one transaction.
type received struct {
	from string
	to   []string
	data []byte
	tls  bool
	user string
}

// server is an in-process go-smtp server on 127.0.0.1 that records what
// it receives.
type server struct {
	addr    string
	ca      *x509.CertPool
	mu      sync.Mutex
	got     []received
	auths   []string // user names tried
	release chan struct{}
	be      behaviour
}

type serverOpts struct {
	tls      string // "starttls", "implicit" or "none"
	insecure bool   // AllowInsecureAuth: AUTH without TLS
	be       behaviour
}

func newServer(t *testing.T, o serverOpts) *server {
	t.Helper()
	s := &server{release: make(chan struct{}), be: o.be}
	cert, pool := testCert(t)
	s.ca = pool
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		_, isTLS := c.TLSConnectionState()
		return &session{s: s, c: c, tls: isTLS}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = o.insecure
	srv.ErrorLog = discardLog{}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}}
	switch o.tls {
	case "starttls":
		srv.TLSConfig = cfg
	case "implicit":
		srv.TLSConfig = cfg
		l = tls.NewListener(l, cfg)
	}
	s.addr = l.Addr().String()
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = srv.Serve(l)
	}()
	t.Cleanup(func() {
		_ = srv.Close()
		_ = l.Close() // Close misses a listener Serve has not registered yet
		<-done
	})
	t.Cleanup(func() { close(s.release) }) // runs first: unblocks a stalled session
	return s
}

func (s *server) received() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.got...)
}

type discardLog struct{}

func (discardLog) Printf(string, ...any) {}
func (discardLog) Println(...any)        {}

type session struct {
	s    *server
	c    *smtp.Conn
	tls  bool
	user string
	cur  received
}

func (x *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (x *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, pw string) error {
		x.s.mu.Lock()
		x.s.auths = append(x.s.auths, username)
		x.s.mu.Unlock()
		if username != user || pw != password {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "Authentication credentials invalid"}
		}
		x.user = username
		return nil
	}), nil
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	if x.s.be.mailErr != nil {
		return x.s.be.mailErr
	}
	_, x.tls = x.c.TLSConnectionState()
	x.cur = received{from: from, tls: x.tls, user: x.user}
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if x.s.be.rcptErr != nil {
		return x.s.be.rcptErr
	}
	x.cur.to = append(x.cur.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	x.cur.data = b
	x.s.mu.Lock()
	x.s.got = append(x.s.got, x.cur)
	x.s.mu.Unlock()
	if x.s.be.dataSeen != nil {
		close(x.s.be.dataSeen)
	}
	switch {
	case x.s.be.stall:
		<-x.s.release
	case x.s.be.hangUp:
		_ = x.c.Conn().Close()
	}
	return x.s.be.dataErr
}

func (x *session) Reset()        {}
func (x *session) Logout() error { return nil }

// testCert makes a self-signed certificate for 127.0.0.1 and localhost and
// the pool that trusts it.
func testCert(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "helpdesk test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(c)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pool
}

func sender(t *testing.T, o Options) *Sender {
	t.Helper()
	s, err := New(o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

// kind names how an error is classified.
func kind(err error) string {
	switch {
	case err == nil:
		return "ok"
	case IsAmbiguous(err):
		return "ambiguous"
	case IsTemporary(err):
		return "temporary"
	default:
		return "permanent"
	}
}

func TestSendAccepted(t *testing.T) {
	tests := []struct {
		name     string
		server   serverOpts
		tls      string
		wantTLS  bool
		username string
	}{
		{"starttls with auth", serverOpts{tls: "starttls"}, "", true, user},
		{"implicit tls with auth", serverOpts{tls: "implicit"}, Implicit, true, user},
		{"no tls, chosen explicitly, with auth", serverOpts{tls: "none", insecure: true}, NoTLS, false, user},
		{"starttls without auth", serverOpts{tls: "starttls"}, StartTLS, true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, tt.server)
			o := Options{Address: srv.addr, TLS: tt.tls, TLSConfig: &tls.Config{RootCAs: srv.ca}, Username: tt.username, Timeout: 10 * time.Second, HELO: "helpdesk.test"}
			if tt.username != "" {
				o.Password = password
			}
			to := []string{"anna@example.nl", "Jan.de.Vries+shop@example.com"}
			if err := sender(t, o).Send(t.Context(), user, to, message); err != nil {
				t.Fatalf("Send: %v", err)
			}
			got := srv.received()
			if len(got) != 1 {
				t.Fatalf("server received %d messages; want 1", len(got))
			}
			r := got[0]
			if r.from != user || strings.Join(r.to, ",") != strings.Join(to, ",") {
				t.Errorf("envelope: got from %q to %v; want from %q to %v", r.from, r.to, user, to)
			}
			if !bytes.Equal(r.data, message) {
				t.Errorf("data:\n%q\nwant:\n%q", r.data, message)
			}
			if r.tls != tt.wantTLS {
				t.Errorf("TLS: got %v; want %v", r.tls, tt.wantTLS)
			}
			if r.user != tt.username {
				t.Errorf("authenticated as %q; want %q", r.user, tt.username)
			}
		})
	}
}

func TestSendNullSender(t *testing.T) {
	srv := newServer(t, serverOpts{tls: "starttls"})
	if err := sender(t, Options{Address: srv.addr, TLSConfig: &tls.Config{RootCAs: srv.ca}}).Send(t.Context(), "", []string{"anna@example.nl"}, message); err != nil {
		t.Fatal(err)
	}
	if got := srv.received(); len(got) != 1 || got[0].from != "" {
		t.Errorf("got %+v; want one message with the null reverse-path", got)
	}
}

func TestSendFailures(t *testing.T) {
	smtpErr := func(code int, msg string) error {
		return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{code / 100, 0, 0}, Message: msg}
	}
	tests := []struct {
		name      string
		server    serverOpts
		opts      func(*Options)
		wantKind  string
		wantStage Stage
		wantCode  int
		wantData  bool // the server got the message data
	}{
		{"421 at MAIL", serverOpts{tls: "starttls", be: behaviour{mailErr: smtpErr(421, "too busy, closing")}}, nil, "temporary", StageMail, 421, false},
		{"451 after the data", serverOpts{tls: "starttls", be: behaviour{dataErr: smtpErr(451, "local error, try again")}}, nil, "temporary", StageReply, 451, true},
		{"450 at RCPT", serverOpts{tls: "starttls", be: behaviour{rcptErr: smtpErr(450, "mailbox busy")}}, nil, "temporary", StageRcpt, 450, false},
		{"550 at RCPT", serverOpts{tls: "starttls", be: behaviour{rcptErr: smtpErr(550, "no such user")}}, nil, "permanent", StageRcpt, 550, false},
		{"554 after the data", serverOpts{tls: "starttls", be: behaviour{dataErr: smtpErr(554, "rejected as spam")}}, nil, "permanent", StageReply, 554, true},
		{"stall after the data", serverOpts{tls: "starttls", be: behaviour{stall: true}},
			func(o *Options) { o.Timeout = 300 * time.Millisecond }, "ambiguous", StageReply, 0, true},
		{"connection closed after the data", serverOpts{tls: "starttls", be: behaviour{hangUp: true}}, nil, "ambiguous", StageReply, 0, true},
		{"wrong password", serverOpts{tls: "starttls"}, func(o *Options) { o.Password = "wrong-" + password }, "permanent", StageAuth, 535, false},
		{"starttls required, not offered", serverOpts{tls: "none", insecure: true}, nil, "permanent", StageTLS, 0, false},
		{"implicit tls to a plain server", serverOpts{tls: "none", insecure: true}, func(o *Options) { o.TLS = Implicit }, "permanent", StageTLS, 0, false},
		{"untrusted certificate", serverOpts{tls: "starttls"}, func(o *Options) { o.TLSConfig = &tls.Config{RootCAs: x509.NewCertPool()} }, "permanent", StageTLS, 0, false},
		{"certificate for another name", serverOpts{tls: "starttls"}, func(o *Options) { o.TLSConfig.ServerName = "smtp.volgersfabriek.nl" }, "permanent", StageTLS, 0, false},
		{"no tls, server allows no plain-text auth", serverOpts{tls: "starttls"}, func(o *Options) { o.TLS = NoTLS }, "permanent", StageAuth, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t, tt.server)
			o := Options{Address: srv.addr, TLSConfig: &tls.Config{RootCAs: srv.ca}, Username: user, Password: password, Timeout: 10 * time.Second}
			if tt.opts != nil {
				tt.opts(&o)
			}
			commits := 0
			err := sender(t, o).SendCommit(t.Context(), user, []string{"anna@example.nl"}, message, func() error { commits++; return nil })
			if got := kind(err); got != tt.wantKind {
				t.Fatalf("got %s (%v); want %s", got, err, tt.wantKind)
			}
			// commit runs exactly when the data may go out, never before a
			// failure that cannot have sent anything.
			if wantCommits := map[bool]int{true: 1, false: 0}[tt.wantData]; commits != wantCommits {
				t.Errorf("commit called %d times; want %d", commits, wantCommits)
			}
			wantFatal := tt.wantKind == "permanent" && (tt.wantStage == StageAuth || tt.wantStage == StageTLS || tt.wantStage == StageConnect)
			if IsFatal(err) != wantFatal {
				t.Errorf("IsFatal = %v; want %v", IsFatal(err), wantFatal)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not a *Error", err)
			}
			if e.Stage != tt.wantStage || e.Code != tt.wantCode {
				t.Errorf("got stage %s code %d; want stage %s code %d (%v)", e.Stage, e.Code, tt.wantStage, tt.wantCode, err)
			}
			if got := len(srv.received()) > 0; got != tt.wantData {
				t.Errorf("server got the data: %v; want %v", got, tt.wantData)
			}
			if IsPermanent(err) != (tt.wantKind == "permanent") {
				t.Errorf("IsPermanent = %v; want %v", IsPermanent(err), tt.wantKind == "permanent")
			}
			if strings.Contains(err.Error(), password) {
				t.Errorf("error shows the password: %v", err)
			}
		})
	}
}

// TestNoAuthWithoutTLS: with TLS required, a server that does not offer
// STARTTLS never sees the password, not even an AUTH command.
func TestNoAuthWithoutTLS(t *testing.T) {
	srv := newServer(t, serverOpts{tls: "none", insecure: true})
	err := sender(t, Options{Address: srv.addr, Username: user, Password: password}).Send(t.Context(), user, []string{"anna@example.nl"}, message)
	if !IsPermanent(err) {
		t.Fatalf("Send = %v; want a permanent error", err)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if len(srv.auths) > 0 {
		t.Errorf("server saw AUTH for %v over a plain connection", srv.auths)
	}
}

func TestSendConnectionRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	err = sender(t, Options{Address: addr, Timeout: 5 * time.Second}).Send(t.Context(), user, []string{"anna@example.nl"}, message)
	if kind(err) != "temporary" {
		t.Errorf("got %s (%v); want temporary", kind(err), err)
	}
}

// TestSendCancel: ctx ending before the data is complete is temporary,
// after it ambiguous.
func TestSendCancel(t *testing.T) {
	t.Run("before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		srv := newServer(t, serverOpts{tls: "starttls"})
		err := sender(t, Options{Address: srv.addr, TLSConfig: &tls.Config{RootCAs: srv.ca}}).Send(ctx, user, []string{"anna@example.nl"}, message)
		if kind(err) != "temporary" || !errors.Is(err, context.Canceled) {
			t.Errorf("got %s (%v); want temporary, context.Canceled", kind(err), err)
		}
		if len(srv.received()) != 0 {
			t.Errorf("server got the message")
		}
	})
	t.Run("after the data", func(t *testing.T) {
		seen := make(chan struct{})
		srv := newServer(t, serverOpts{tls: "starttls", be: behaviour{stall: true, dataSeen: seen}})
		ctx, cancel := context.WithCancel(t.Context())
		go func() {
			<-seen
			cancel()
		}()
		err := sender(t, Options{Address: srv.addr, TLSConfig: &tls.Config{RootCAs: srv.ca}}).Send(ctx, user, []string{"anna@example.nl"}, message)
		if kind(err) != "ambiguous" || !errors.Is(err, context.Canceled) {
			t.Errorf("got %s (%v); want ambiguous, context.Canceled", kind(err), err)
		}
	})
}

func TestSendBadEnvelope(t *testing.T) {
	srv := newServer(t, serverOpts{tls: "starttls"})
	s := sender(t, Options{Address: srv.addr, TLSConfig: &tls.Config{RootCAs: srv.ca}})
	tests := []struct {
		name string
		from string
		to   []string
	}{
		{"no recipients", user, nil},
		{"line break in recipient", user, []string{"anna@example.nl>\r\nRCPT TO:<evil@example.org"}},
		{"line break in sender", user + "\r\nRSET", []string{"anna@example.nl"}},
		{"bracket in recipient", user, []string{"<anna@example.nl>"}},
		{"empty recipient", user, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Send(t.Context(), tt.from, tt.to, message)
			var e *Error
			if !IsPermanent(err) || !errors.As(err, &e) || e.Stage != StageEnvelope {
				t.Errorf("got %v; want a permanent envelope error", err)
			}
		})
	}
	if len(srv.received()) != 0 {
		t.Errorf("server got %d messages; want none", len(srv.received()))
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		ok   bool
	}{
		{"defaults", Options{Address: "smtp.example.nl:587"}, true},
		{"implicit", Options{Address: "smtp.example.nl:465", TLS: Implicit}, true},
		{"none", Options{Address: "127.0.0.1:25", TLS: NoTLS}, true},
		{"no port", Options{Address: "smtp.example.nl"}, false},
		{"bad port", Options{Address: "smtp.example.nl:0"}, false},
		{"no host", Options{Address: ":587"}, false},
		{"misspelt tls", Options{Address: "smtp.example.nl:587", TLS: "startls"}, false},
		{"password without user", Options{Address: "smtp.example.nl:587", Password: "x"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.opts)
			if (err == nil) != tt.ok {
				t.Errorf("New = %v; want ok %v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, ErrOptions) {
				t.Errorf("error %v is not ErrOptions", err)
			}
		})
	}
}

// TestPasswordHidden: the options print and log without the password.
func TestPasswordHidden(t *testing.T) {
	o := Options{Address: "smtp.example.nl:587", Username: user, Password: password}
	var b bytes.Buffer
	slog.New(slog.NewJSONHandler(&b, nil)).Info("smtp", "options", o)
	slog.New(slog.NewTextHandler(&b, nil)).Info("smtp", "options", o, "ptr", &o)
	for _, s := range []string{fmt.Sprint(o), fmt.Sprintf("%v %+v %#v %s", o, o, o, o), fmt.Sprintf("%v", &o), b.String()} {
		if strings.Contains(s, password) {
			t.Errorf("password shown: %s", s)
		}
	}
	if !strings.Contains(fmt.Sprint(o), "***") {
		t.Errorf("fmt.Sprint(o) = %s; want the password shown as ***", fmt.Sprint(o))
	}
}

func TestIsTemporaryForeignErrors(t *testing.T) {
	for _, err := range []error{nil, errors.New("x"), context.Canceled} {
		if IsTemporary(err) || IsAmbiguous(err) {
			t.Errorf("%v: temporary %v, ambiguous %v; want neither", err, IsTemporary(err), IsAmbiguous(err))
		}
	}
	if IsPermanent(nil) {
		t.Errorf("IsPermanent(nil) = true")
	}
	wrapped := fmt.Errorf("sending: %w", &Error{Stage: StageMail, Code: 421, Temporary: true})
	if !IsTemporary(wrapped) {
		t.Errorf("IsTemporary(wrapped 421) = false")
	}
}

// TestCommitRefused: when the caller cannot record the send, nothing goes
// out and the failure is temporary.
func TestCommitRefused(t *testing.T) {
	srv := newServer(t, serverOpts{tls: "starttls"})
	o := Options{Address: srv.addr, TLSConfig: &tls.Config{RootCAs: srv.ca}, Username: user, Password: password, Timeout: 10 * time.Second}
	err := sender(t, o).SendCommit(t.Context(), user, []string{"anna@example.nl"}, message, func() error { return errors.New("database is locked") })
	if !IsTemporary(err) {
		t.Fatalf("got %v; want a temporary error", err)
	}
	if n := len(srv.received()); n != 0 {
		t.Fatalf("the server got %d messages; want 0", n)
	}
}
