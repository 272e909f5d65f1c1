package mailbox

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"io"
	"log"
	"log/slog"
	"math/big"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"helpdesk/internal/testenv"
)

// testServer is an IMAP server with one mailbox user for a test: go-imap's
// memory server by default, or the real Dovecot of .ci/mailservers.sh.
type testServer struct {
	name string
	opts Options // Address, TLS, TLSConfig, Username, Password
}

// memConfig changes the memory server for one test.
type memConfig struct {
	// caps replaces the default capabilities (IMAP4rev1 with UIDPLUS,
	// MOVE, NAMESPACE, SPECIAL-USE, LIST-EXTENDED).
	caps imap.CapSet
	// tls is "none" (default), "implicit" or "starttls".
	tls string
	// noKeywords makes SELECT answer PERMANENTFLAGS without \*.
	noKeywords bool
	// list, when set, replaces the answer to LIST (names and attributes).
	list []imap.ListData
}

const (
	testUser     = "support@volgersfabriek.nl"
	testPassword = "pw-Geheim-7c1f" // searched for in logs and errors
)

// forEachServer runs f against the memory server and, when the real mail
// servers run, against Dovecot.
func forEachServer(t *testing.T, f func(t *testing.T, srv *testServer)) {
	t.Helper()
	t.Run("memory", func(t *testing.T) { f(t, startMem(t, memConfig{})) })
	t.Run("dovecot", func(t *testing.T) { f(t, realServer(t)) })
}

// startMem starts go-imap's memory server on a loopback port with the user
// testUser and an empty INBOX; it stops with the test.
func startMem(t testing.TB, cfg memConfig) *testServer {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser(testUser, testPassword)
	if err := user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(user)

	caps := cfg.caps
	if caps == nil {
		caps = imap.CapSet{
			imap.CapIMAP4rev1: {}, imap.CapUIDPlus: {}, imap.CapMove: {}, imap.CapNamespace: {},
			imap.CapSpecialUse: {}, imap.CapListExtended: {},
		}
	}
	cert := testCert(t)
	serverTLS := &tls.Config{Certificates: []tls.Certificate{cert.tls}}
	opts := &imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			sess := mem.NewSession().(imapserver.SessionIMAP4rev2)
			if cfg.noKeywords || cfg.list != nil {
				return &tweakedSession{SessionIMAP4rev2: sess, cfg: cfg}, nil, nil
			}
			return sess, nil, nil
		},
		Caps:         caps,
		InsecureAuth: true,
		Logger:       log.New(io.Discard, "", 0),
	}
	if cfg.tls == TLSStartTLS {
		opts.TLSConfig = serverTLS
	}
	srv := imapserver.New(opts)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if cfg.tls == TLSImplicit {
		ln = tls.NewListener(ln, serverTLS)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	mode := cfg.tls
	if mode == "" {
		mode = TLSNone
	}
	return &testServer{name: "memory", opts: Options{
		Address:   addr,
		TLS:       mode,
		TLSConfig: &tls.Config{RootCAs: cert.pool},
		Username:  testUser,
		Password:  testPassword,
	}}
}

// tweakedSession changes what the memory server answers to SELECT and LIST.
type tweakedSession struct {
	imapserver.SessionIMAP4rev2
	cfg memConfig
}

func (s *tweakedSession) Select(name string, options *imap.SelectOptions) (*imap.SelectData, error) {
	data, err := s.SessionIMAP4rev2.Select(name, options)
	if err != nil || !s.cfg.noKeywords {
		return data, err
	}
	data.PermanentFlags = []imap.Flag{imap.FlagSeen, imap.FlagAnswered, imap.FlagFlagged, imap.FlagDeleted, imap.FlagDraft}
	return data, nil
}

func (s *tweakedSession) List(w *imapserver.ListWriter, ref string, patterns []string, options *imap.ListOptions) error {
	if s.cfg.list == nil {
		return s.SessionIMAP4rev2.List(w, ref, patterns, options)
	}
	if len(patterns) == 0 || patterns[0] == "" {
		return w.WriteList(&imap.ListData{Attrs: []imap.MailboxAttr{imap.MailboxAttrNoSelect}, Delim: s.cfg.list[0].Delim})
	}
	for _, data := range s.cfg.list {
		for _, pattern := range patterns {
			if imapserver.MatchList(data.Mailbox, data.Delim, ref, pattern) {
				if err := w.WriteList(&data); err != nil {
					return err
				}
				break
			}
		}
	}
	return nil
}

// realServer returns the Dovecot of .ci/mailservers.sh (through
// internal/testenv) with a fresh user, or skips the test when it does not
// run.
func realServer(t testing.TB) *testServer {
	t.Helper()
	env := testenv.Real(t)
	acct := env.NewUser(t)
	return &testServer{name: "dovecot", opts: Options{
		Address:   env.IMAPAddr,
		TLS:       TLSStartTLS,
		TLSConfig: env.TLSConfig(),
		Username:  acct.Address,
		Password:  acct.Password,
	}}
}

// dial returns a Client of srv that is closed with the test, logging into
// logs (which may be nil).
func (srv *testServer) dial(t testing.TB, logs *logBuffer) *Client {
	t.Helper()
	opts := srv.opts
	if logs != nil {
		opts.Logger = logs.logger()
	}
	c, err := Dial(t.Context(), opts)
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// admin returns a plain imapclient connection for setting up and checking
// the mailbox without the code under test.
func (srv *testServer) admin(t testing.TB) *imapclient.Client {
	t.Helper()
	opts := &imapclient.Options{TLSConfig: srv.opts.TLSConfig}
	var (
		c   *imapclient.Client
		err error
	)
	switch srv.opts.TLS {
	case TLSStartTLS:
		c, err = imapclient.DialStartTLS(srv.opts.Address, opts)
	case TLSImplicit:
		c, err = imapclient.DialTLS(srv.opts.Address, opts)
	default:
		c, err = imapclient.DialInsecure(srv.opts.Address, opts)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Login(srv.opts.Username, srv.opts.Password).Wait(); err != nil {
		t.Fatal(err)
	}
	return c
}

// put appends raw to mailbox (created if missing) and returns its UID.
func (srv *testServer) put(t testing.TB, mailbox string, raw []byte, date time.Time, flags ...imap.Flag) imap.UID {
	t.Helper()
	c := srv.admin(t)
	if err := c.Create(mailbox, nil).Wait(); err != nil && !strings.EqualFold(mailbox, "INBOX") {
		if !isCode(err, imap.ResponseCodeAlreadyExists) {
			t.Logf("create %s: %v", mailbox, err)
		}
	}
	cmd := c.Append(mailbox, int64(len(raw)), &imap.AppendOptions{Flags: flags, Time: date})
	if _, err := cmd.Write(raw); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := cmd.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if data.UID == 0 {
		t.Fatal("server sent no APPENDUID")
	}
	return data.UID
}

// state returns the UIDs and flags of mailbox, read-only.
func (srv *testServer) state(t testing.TB, mailbox string) map[imap.UID][]string {
	t.Helper()
	c := srv.admin(t)
	if _, err := c.Select(mailbox, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatalf("examine %s: %v", mailbox, err)
	}
	msgs, err := c.Fetch(imap.SeqSet{{Start: 1, Stop: 0}}, &imap.FetchOptions{UID: true, Flags: true}).Collect()
	if err != nil {
		// An empty mailbox answers "1:*" with NO or BAD on some servers.
		return map[imap.UID][]string{}
	}
	out := map[imap.UID][]string{}
	for _, msg := range msgs {
		out[msg.UID] = flagStrings(msg.Flags)
	}
	return out
}

// subscribed reports whether mailbox is subscribed.
func (srv *testServer) subscribed(t testing.TB, mailbox string) bool {
	t.Helper()
	all, err := srv.admin(t).List("", mailbox, &imap.ListOptions{SelectSubscribed: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	return len(all) > 0
}

// testMessage returns a small RFC 5322 message with CRLF line endings.
func testMessage(messageID, subject string) []byte {
	return []byte(strings.ReplaceAll(`From: Anna de Vries <anna@example.nl>
To: support@volgersfabriek.nl
Subject: `+subject+`
Date: Mon, 02 Nov 2026 15:04:05 +0100
Message-ID: <`+messageID+`>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Mijn volgers zijn niet aangekomen. Bestelling 100234.
`, "\n", "\r\n"))
}

// logBuffer collects log lines of a test.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func (b *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// testCertificate is a self-signed certificate for 127.0.0.1.
type testCertificate struct {
	tls  tls.Certificate
	pool *x509.CertPool
}

func testCert(t testing.TB) testCertificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return testCertificate{tls: tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool: pool}
}

// proxy forwards TCP connections to target until it is frozen (it then
// drops whatever either side sends: a server that stopped answering) or
// cut (every connection closed: a dropped connection).
type proxy struct {
	addr   string
	frozen atomic.Bool
	mu     sync.Mutex
	conns  []net.Conn
}

func startProxy(t testing.TB, target string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{addr: ln.Addr().String()}
	t.Cleanup(func() {
		ln.Close()
		p.cut()
	})
	go func() {
		for {
			client, err := ln.Accept()
			if err != nil {
				return
			}
			server, err := net.Dial("tcp", target)
			if err != nil {
				client.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, client, server)
			p.mu.Unlock()
			go p.pipe(server, client)
			go p.pipe(client, server)
		}
	}()
	return p
}

func (p *proxy) pipe(dst, src net.Conn) {
	buf := make([]byte, 32*1024)
	for {
		n, err := src.Read(buf)
		if n > 0 && !p.frozen.Load() {
			if _, err := dst.Write(buf[:n]); err != nil {
				return
			}
		}
		if err != nil {
			dst.Close()
			return
		}
	}
}

func (p *proxy) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// fakeServer is a scripted IMAP server: it greets with greeting, answers
// CAPABILITY with caps, and answers any other command by calling answer
// with the command's name; "TAG" in the returned lines becomes the tag.
// An answer ending in "CLOSE" closes the connection after it.
func fakeServer(t testing.TB, greeting, caps string, answer func(cmd string) []string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				if greeting == "" {
					io.Copy(io.Discard, conn) // never greets
					return
				}
				fmt.Fprintf(conn, "%s\r\n", greeting)
				r := bufio.NewReader(conn)
				for {
					line, err := r.ReadString('\n')
					if err != nil {
						return
					}
					fields := strings.Fields(line)
					if len(fields) < 2 {
						return
					}
					tag, cmd := fields[0], strings.ToUpper(fields[1])
					var lines []string
					if cmd == "CAPABILITY" {
						lines = []string{"* CAPABILITY " + caps, "TAG OK done"}
					} else {
						lines = answer(cmd)
					}
					for _, l := range lines {
						if l == "CLOSE" {
							return
						}
						fmt.Fprintf(conn, "%s\r\n", strings.ReplaceAll(l, "TAG", tag))
					}
				}
			}()
		}
	}()
	return ln.Addr().String()
}
