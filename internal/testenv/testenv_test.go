package testenv

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"mime"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-smtp"
)

// writeCA writes a throw-away self-signed CA certificate as PEM and returns
// its path.
func writeCA(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "testenv test CA"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFromEnv(t *testing.T) {
	ca := writeCA(t)
	notPEM := filepath.Join(t.TempDir(), "not.pem")
	if err := os.WriteFile(notPEM, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	full := map[string]string{
		EnvIMAPAddr:        "127.0.0.1:24143",
		EnvIMAPSAddr:       "127.0.0.1:24993",
		EnvSMTPAddr:        "127.0.0.1:24587",
		EnvMXAddr:          "127.0.0.1:24025",
		EnvCAFile:          ca,
		EnvPasswdFile:      "/tmp/passwd",
		EnvMailLog:         "/tmp/postfix.log",
		EnvSupportAddr:     "support@volgersfabriek.nl",
		EnvSupportPassword: "secret",
		EnvDomains:         "volgersfabriek.nl  example.nl\texample.com",
	}
	with := func(name, value string) map[string]string {
		m := make(map[string]string, len(full))
		for k, v := range full {
			m[k] = v
		}
		m[name] = value
		return m
	}
	tests := []struct {
		name    string
		env     map[string]string
		wantErr []string // substrings of the error; none: no error
	}{
		{"complete", full, nil},
		{"nothing", map[string]string{}, []string{EnvIMAPAddr, EnvIMAPSAddr, EnvSMTPAddr, EnvMXAddr, EnvCAFile, EnvPasswdFile, EnvMailLog, EnvSupportAddr, EnvSupportPassword, EnvDomains}},
		{"no password", with(EnvSupportPassword, " "), []string{EnvSupportPassword + " is not set"}},
		{"missing CA file", with(EnvCAFile, filepath.Join(t.TempDir(), "nope.pem")), []string{"read " + EnvCAFile}},
		{"CA file without PEM", with(EnvCAFile, notPEM), []string{"no PEM certificate"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := fromEnv(func(name string) string { return tt.env[name] })
			if len(tt.wantErr) == 0 {
				if err != nil {
					t.Fatalf("got error %v; want none", err)
				}
				if got, want := strings.Join(s.Domains, ","), "volgersfabriek.nl,example.nl,example.com"; got != want {
					t.Errorf("got domains %q; want %q", got, want)
				}
				if s.RootCAs == nil || s.Support.Password != "secret" {
					t.Errorf("got RootCAs %v, support %+v; want a pool and the password", s.RootCAs, s.Support)
				}
				if got := s.TLSConfig().ServerName; got != "127.0.0.1" {
					t.Errorf("got ServerName %q; want 127.0.0.1", got)
				}
				return
			}
			if err == nil {
				t.Fatalf("got no error; want one mentioning %q", tt.wantErr)
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("got error %q; want it to mention %q", err, w)
				}
			}
		})
	}
}

func TestRandomLocalPart(t *testing.T) {
	valid := regexp.MustCompile(`^t-([a-z0-9-]{0,32}-)?[0-9a-f]{8}$`)
	tests := []struct {
		name, testName, wantPrefix string
	}{
		{"simple", "TestDeliver", "t-testdeliver-"},
		{"subtest", "TestReal/unknown_user_bounces", "t-testreal-unknown-user-bounces-"},
		{"long name is cut", strings.Repeat("TestVeryLongName", 5), "t-testverylongnametestverylongna-"},
		{"only symbols", "Ä/ö//", "t-"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := randomLocalPart(tt.testName)
			if !strings.HasPrefix(got, tt.wantPrefix) || !valid.MatchString(got) {
				t.Errorf("got %q; want %q + 8 hex digits", got, tt.wantPrefix)
			}
			if again := randomLocalPart(tt.testName); again == got {
				t.Errorf("got %q twice; want a new random suffix", got)
			}
		})
	}
}

// newMail returns a small RFC 5322 message with a fresh Message-ID.
func newMail(from, to, subject string) (raw []byte, messageID string) {
	messageID = randomHex(8) + "@example.com"
	raw = fmt.Appendf(nil, "From: <%s>\r\nTo: <%s>\r\nSubject: %s\r\nDate: %s\r\nMessage-ID: <%s>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHallo,\r\n\r\nIk heb nog niks ontvangen.\r\n",
		from, to, mime.QEncoding.Encode("utf-8", subject), time.Now().Format(time.RFC1123Z), messageID)
	return raw, messageID
}

// TestReal checks the real servers do what the tests of other packages rely
// on (see /work/notes/testenv.md).
func TestReal(t *testing.T) {
	s := Real(t)

	t.Run("support account logs in over STARTTLS", func(t *testing.T) {
		s.DialIMAP(t, s.Support)
	})

	t.Run("wrong password is AUTHENTICATIONFAILED", func(t *testing.T) {
		_, err := s.dialIMAP(Account{Address: s.Support.Address, Password: "wrong"})
		var imapErr *imap.Error
		if !errors.As(err, &imapErr) || imapErr.Code != imap.ResponseCodeAuthenticationFailed {
			t.Errorf("got %v; want NO [AUTHENTICATIONFAILED]", err)
		}
	})

	t.Run("special-use Sent and Drafts", func(t *testing.T) {
		c := s.DialIMAP(t, s.NewUser(t))
		list, err := c.List("", "*", &imap.ListOptions{ReturnSpecialUse: true}).Collect()
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, l := range list {
			for _, a := range l.Attrs {
				got[string(a)] = l.Mailbox
			}
		}
		for attr, want := range map[imap.MailboxAttr]string{imap.MailboxAttrSent: "Sent", imap.MailboxAttrDrafts: "Drafts"} {
			if got[string(attr)] != want {
				t.Errorf("got %s on %q; want it on %q (LIST: %v)", attr, got[string(attr)], want, got)
			}
		}
	})

	t.Run("AddUsers adds once, also from parallel callers", func(t *testing.T) {
		addrs := []string{s.RandomAddress(t, "example.com"), strings.ToUpper(s.RandomAddress(t, "example.org"))}
		var got [2]map[string]Account
		t.Run("group", func(t *testing.T) {
			for i := range got {
				t.Run(fmt.Sprint(i), func(t *testing.T) {
					t.Parallel()
					got[i] = s.AddUsers(t, addrs)
				})
			}
		})
		again := s.AddUsers(t, addrs)
		for _, a := range addrs {
			key := strings.ToLower(a)
			if got[0][key] != got[1][key] || got[0][key] != again[key] || again[key].Password == "" {
				t.Errorf("got accounts %+v, %+v, %+v for %s; want one and the same", got[0][key], got[1][key], again[key], key)
			}
			s.DialIMAP(t, again[key])
		}
	})

	t.Run("deliver via MX and read back", func(t *testing.T) {
		user := s.NewUser(t)
		raw, id := newMail("klant@example.com", user.Address, "Waar blijven mijn volgers? ✓")
		s.Deliver(t, "klant@example.com", user.Address, raw)
		msgs := s.Await(t, user, "INBOX", 1)
		if len(msgs) != 1 {
			t.Fatalf("got %d messages; want 1", len(msgs))
		}
		m := msgs[0]
		if m.MessageID != id || m.Subject != "Waar blijven mijn volgers? ✓" {
			t.Errorf("got Message-ID %q, subject %q; want %q, the subject as sent", m.MessageID, m.Subject, id)
		}
		if m.HasFlag(imap.FlagSeen) || m.InternalDate.IsZero() || m.UID == 0 {
			t.Errorf("got flags %v, INTERNALDATE %v, UID %d; want unseen, a date, a UID", m.Flags, m.InternalDate, m.UID)
		}
		if got := m.Header.Get("Message-Id"); got != "<"+id+">" {
			t.Errorf("got header Message-Id %q; want <%s>", got, id)
		}
		if !bytes.Contains(m.Raw, []byte("Ik heb nog niks ontvangen.")) || m.Header.Get("Received") == "" {
			t.Errorf("got message %q; want the body and a Received: header", m.Raw)
		}
		if again := s.Messages(t, user, "INBOX"); len(again) != 1 || again[0].HasFlag(imap.FlagSeen) {
			t.Errorf("got %+v on a second read; want the message, still unseen", again)
		}
	})

	t.Run("raw UTF-8 header is delivered", func(t *testing.T) {
		user := s.NewUser(t)
		raw := []byte("From: Jürgen <jurgen@example.de>\r\nTo: <" + user.Address + ">\r\nSubject: Wo bleiben meine Follower – bitte\r\nMessage-ID: <utf8-" + randomHex(6) + "@example.de>\r\n\r\nNoch nichts angekommen.\r\n")
		s.Deliver(t, "jurgen@example.de", user.Address, raw)
		if got := s.Await(t, user, "INBOX", 1)[0].Subject; got != "Wo bleiben meine Follower – bitte" {
			t.Errorf("got subject %q; want the UTF-8 subject as sent", got)
		}
	})

	t.Run("implicit TLS port", func(t *testing.T) {
		user := s.NewUser(t)
		c, err := imapclient.DialTLS(s.IMAPSAddr, &imapclient.Options{TLSConfig: s.TLSConfig()})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if err := c.Login(user.Address, user.Password).Wait(); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Select("INBOX", nil).Wait(); err != nil {
			t.Fatal(err)
		}
		c.Logout().Wait()
	})

	t.Run("unknown user bounces into the sender's INBOX", func(t *testing.T) {
		sender := s.NewUser(t)
		unknown := s.RandomAddress(t, "example.nl")
		raw, id := newMail(sender.Address, unknown, "Re: uw terugbetaling")
		s.Submit(t, sender, sender.Address, unknown, raw)
		msgs := s.Await(t, sender, "INBOX", 1)
		dsn := msgs[0]
		ct, params, err := mime.ParseMediaType(dsn.Header.Get("Content-Type"))
		if err != nil || ct != "multipart/report" || params["report-type"] != "delivery-status" {
			t.Errorf("got Content-Type %q; want multipart/report; report-type=delivery-status (RFC 3464)", dsn.Header.Get("Content-Type"))
		}
		for _, want := range []string{unknown, "5.1.1", id, "message/delivery-status", "message/rfc822"} {
			if !bytes.Contains(dsn.Raw, []byte(want)) {
				t.Errorf("got DSN without %q:\n%s", want, dsn.Raw)
			}
		}
	})

	t.Run("MX refuses other domains", func(t *testing.T) {
		raw, _ := newMail("klant@example.com", "x@elsewhere.invalid", "relay?")
		err := s.sendMail(s.MXAddr, nil, "klant@example.com", "x@elsewhere.invalid", raw)
		var serr *smtp.SMTPError
		if !errors.As(err, &serr) || serr.Code/100 != 5 {
			t.Errorf("got %v; want a 5xx refusal", err)
		}
	})

	t.Run("submission needs AUTH", func(t *testing.T) {
		raw, _ := newMail(s.Support.Address, "anna@example.nl", "no auth")
		err := s.sendMail(s.SMTPAddr, nil, s.Support.Address, "anna@example.nl", raw)
		var serr *smtp.SMTPError
		if !errors.As(err, &serr) || serr.Code/100 != 5 {
			t.Errorf("got %v; want a 5xx refusal", err)
		}
	})

	t.Run("submission refuses a wrong password", func(t *testing.T) {
		raw, _ := newMail(s.Support.Address, "anna@example.nl", "bad auth")
		err := s.sendMail(s.SMTPAddr, &Account{Address: s.Support.Address, Password: "wrong"}, s.Support.Address, "anna@example.nl", raw)
		if err == nil || !strings.Contains(err.Error(), "auth") {
			t.Errorf("got %v; want an AUTH failure", err)
		}
	})
}
