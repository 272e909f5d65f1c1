package config

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // shop.time_zone must load on machines without tzdata

	"gopkg.in/yaml.v3"
)

const examplePath = "../../config.example.yaml"

// minimal is the smallest valid configuration.
const minimal = "shop:\n  address: support@volgersfabriek.nl\n"

func TestDefault(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"mode", c.Mode, Live},
		{"schedule", c.Schedule, "@every 1m"},
		{"database", c.Database, "helpdesk.db"},
		{"shop.time_zone", c.Shop.TimeZone, "Europe/Amsterdam"},
		{"shop.window_days", c.Shop.WindowDays, 7},
		{"imap.tls", c.IMAP.TLS, TLSImplicit},
		{"imap.password_env", c.IMAP.PasswordEnv, "HELPDESK_IMAP_PASSWORD"},
		{"imap.timeout", c.IMAP.Timeout, 60 * time.Second},
		{"imap.inbox", c.IMAP.Inbox, "INBOX"},
		{"imap.folders.answered", c.IMAP.Folders.Answered, "Helpdesk/Beantwoord"},
		{"imap.folders.ignored", c.IMAP.Folders.Ignored, "Helpdesk/Genegeerd"},
		{"imap.folders.sent", c.IMAP.Folders.Sent, ""},
		{"smtp.tls", c.SMTP.TLS, TLSStartTLS},
		{"smtp.password_env", c.SMTP.PasswordEnv, "HELPDESK_SMTP_PASSWORD"},
		{"smtp.timeout", c.SMTP.Timeout, 60 * time.Second},
		{"reply.max_per_correspondent", c.Reply.MaxPerCorrespondent, 3},
		{"reply.retry.initial", c.Reply.Retry.Initial, time.Minute},
		{"reply.retry.max", c.Reply.Retry.Max, time.Hour},
		{"reply.retry.give_up_after", c.Reply.Retry.GiveUpAfter, 24 * time.Hour},
		{"limits.max_message_size", c.Limits.MaxMessageSize, 50 * MB},
		{"limits.max_parts", c.Limits.MaxParts, 500},
		{"limits.max_depth", c.Limits.MaxDepth, 20},
		{"limits.max_header_size", c.Limits.MaxHeaderSize, 256 * KiB},
		{"limits.max_text_size", c.Limits.MaxTextSize, 1 * MiB},
		{"log.level", c.Log.Level, LevelInfo},
		{"log.format", c.Log.Format, FormatText},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %v; want %v", tc.name, tc.got, tc.want)
		}
	}
	var e *Error
	if err := Default().Validate(); !errors.As(err, &e) || len(e.Fields) != 1 || e.Fields[0].Path != "shop.address" {
		t.Errorf("Default().Validate(): got %v; want only shop.address required", err)
	}
}

func TestParseMinimal(t *testing.T) {
	c, err := Parse([]byte(minimal + "  name: Volgersfabriek\n"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if got, want := c.SMTP.HELO, "volgersfabriek.nl"; got != want {
		t.Errorf("smtp.helo: got %q; want %q", got, want)
	}
	if got, want := c.Reply.FromName, "Volgersfabriek"; got != want {
		t.Errorf("reply.from_name: got %q; want %q", got, want)
	}
	if got, want := c.Shop.WindowDays, 7; got != want {
		t.Errorf("shop.window_days: got %d; want %d", got, want)
	}
	for _, doc := range []string{"", "# only a comment\n", "shop:\n"} {
		if _, err := Parse([]byte(doc)); err == nil || !strings.Contains(err.Error(), "shop.address: is required") {
			t.Errorf("Parse(%q): got %v; want shop.address required", doc, err)
		}
	}
}

func TestParseExample(t *testing.T) {
	c, err := Load(examplePath)
	if err != nil {
		t.Fatalf("Load(%s): %v", examplePath, err)
	}
	t.Setenv("HELPDESK_IMAP_PASSWORD", "imap-secret")
	t.Setenv("HELPDESK_SMTP_PASSWORD", "smtp-secret")
	if err := c.ValidateMail(); err != nil {
		t.Fatalf("ValidateMail of the example: %v", err)
	}
	if got := c.IMAP.Password.Reveal(); got != "imap-secret" {
		t.Errorf("imap password: got %q; want %q", got, "imap-secret")
	}
	if got := c.SMTP.Password.Reveal(); got != "smtp-secret" {
		t.Errorf("smtp password: got %q; want %q", got, "smtp-secret")
	}
}

// structKeys returns the key path of every field of t, sections included.
func structKeys(t reflect.Type, prefix string) []string {
	var keys []string
	for name, ft := range yamlFields(t) {
		p := joinPath(prefix, name)
		keys = append(keys, p)
		if isSection(ft) {
			keys = append(keys, structKeys(ft, p)...)
		}
	}
	return keys
}

// exampleKeys returns the key path of every key in a YAML mapping and
// whether it has a comment.
func exampleKeys(n *yaml.Node, prefix string, out map[string]bool) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		p := joinPath(prefix, k.Value)
		out[p] = k.HeadComment != "" || k.LineComment != "" || v.LineComment != ""
		exampleKeys(v, p, out)
	}
}

// TestExampleInSync checks that config.example.yaml and the Config struct
// name the same keys, and that both document every one.
func TestExampleInSync(t *testing.T) {
	data, err := os.ReadFile(examplePath)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	example := map[string]bool{}
	exampleKeys(doc.Content[0], "", example)
	want := structKeys(reflect.TypeFor[Config](), "")
	slices.Sort(want)
	for _, k := range want {
		commented, ok := example[k]
		switch {
		case !ok:
			t.Errorf("key %s of Config is missing from %s", k, examplePath)
		case !commented:
			t.Errorf("key %s has no comment in %s", k, examplePath)
		}
	}
	for k := range example {
		if !slices.Contains(want, k) {
			t.Errorf("key %s of %s is not a field of Config", k, examplePath)
		}
	}

	// Every field of the config structs has a doc comment.
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "config.go", nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	ast.Inspect(f, func(n ast.Node) bool {
		st, ok := n.(*ast.StructType)
		if !ok {
			return true
		}
		for _, field := range st.Fields.List {
			if field.Doc == nil && field.Comment == nil && len(field.Names) > 0 {
				t.Errorf("%s: field %s has no comment", fset.Position(field.Pos()), field.Names[0])
			}
		}
		return true
	})
}

// parseErrors parses doc and returns its field errors.
func parseErrors(t *testing.T, doc string) []FieldError {
	t.Helper()
	_, err := Parse([]byte(doc))
	if err == nil {
		return nil
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Parse: got %v (%T); want *config.Error", err, err)
	}
	return e.Fields
}

func TestValidationErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		doc  string // minimal is prepended unless the doc sets shop
		path string
		line int // 0: not checked
		msg  string
	}{
		{"mode", "mode: auto\n", "mode", 3, `"auto" is not one of live, shadow`},
		{"schedule", "schedule: every minute\n", "schedule", 3, `"every minute" is not a schedule`},
		{"address missing", "shop:\n  name: x\n", "shop.address", 0, "is required"},
		{"address with name", "shop:\n  address: Support <support@x.nl>\n", "shop.address", 2, "is not a bare address"},
		{"other address", "shop:\n  address: a@x.nl\n  other_addresses: [b@x.nl, nope]\n", "shop.other_addresses[1]", 3, `"nope" is not a bare address`},
		{"staff is own", "shop:\n  address: a@x.nl\n  staff_addresses:\n    - A@X.nl\n", "shop.staff_addresses[0]", 4, "own addresses"},
		{"time zone", "shop:\n  address: a@x.nl\n  time_zone: Europe/Amsterdm\n", "shop.time_zone", 3, `"Europe/Amsterdm" is not an IANA time zone`},
		{"window negative", "shop:\n  address: a@x.nl\n  window_days: -1\n", "shop.window_days", 3, "at least 1"},
		{"window fraction", "shop:\n  address: a@x.nl\n  window_days: 7.5\n", "shop.window_days", 3, `"7.5" is not a whole number`},
		{"window word", "shop:\n  address: a@x.nl\n  window_days: seven\n", "shop.window_days", 3, `"seven" is not a whole number`},
		{"authserv-id", "shop:\n  address: a@x.nl\n  trusted_authserv_id: mx.x.nl; spf=pass\n", "shop.trusted_authserv_id", 3, "is not an authserv-id"},
		{"section is a list", "shop: [a]\n", "shop", 1, "is a list; want keys and values"},
		{"tls", "imap:\n  tls: startls\n", "imap.tls", 4, `"startls" is not one of implicit, starttls, none`},
		{"smtp tls", "smtp:\n  tls: ssl\n", "smtp.tls", 4, `"ssl" is not one of implicit, starttls, none`},
		{"timeout without unit", "imap:\n  timeout: 60\n", "imap.timeout", 4, "has no unit"},
		{"timeout word", "smtp:\n  timeout: soon\n", "smtp.timeout", 4, `"soon" is not a duration`},
		{"timeout negative", "smtp:\n  timeout: -1s\n", "smtp.timeout", 4, "must be more than 0"},
		{"bool", "imap:\n  allow_plaintext: maybe\n", "imap.allow_plaintext", 4, `"maybe" is not true or false`},
		{"env and file", "imap:\n  password_env: A\n  password_file: /p\n", "imap.password_file", 5, "set one"},
		{"env name", "imap:\n  password_env: hunter2!\n", "imap.password_env", 4, "is not the name of an environment variable"},
		{"folders same", "imap:\n  folders:\n    ignored: Helpdesk/Beantwoord\n", "imap.folders.ignored", 5, "also the answered folder"},
		{"folder is inbox", "imap:\n  folders:\n    sent: inbox\n", "imap.folders.sent", 5, "is the inbox"},
		{"start", "imap:\n  start: 1 november 2026\n", "imap.start", 4, "is not an RFC 3339 time"},
		{"retry max", "reply:\n  retry:\n    initial: 2h\n", "reply.retry.max", 0, "shorter than reply.retry.initial"},
		{"max per correspondent", "reply:\n  max_per_correspondent: -3\n", "reply.max_per_correspondent", 4, "must be more than 0"},
		{"templates dir", "reply:\n  templates_dir: " + filepath.Join(dir, "none") + "\n", "reply.templates_dir", 4, "is not a directory"},
		{"size unit", "limits:\n  max_message_size: 50 MBs\n", "limits.max_message_size", 4, `"50 MBs" is not a size`},
		{"size negative", "limits:\n  max_text_size: -1\n", "limits.max_text_size", 4, "is not a size"},
		{"header above message", "limits:\n  max_message_size: 1MB\n  max_header_size: 2MB\n", "limits.max_header_size", 5, "more than limits.max_message_size"},
		{"parts", "limits:\n  max_parts: many\n", "limits.max_parts", 4, `"many" is not a whole number`},
		{"list for string", "log:\n  level: [info]\n", "log.level", 4, "is a list; want a single value"},
		{"log level", "log:\n  level: verbose\n", "log.level", 4, `"verbose" is not one of debug, info, warn, error`},
		{"log format", "log:\n  format: xml\n", "log.format", 4, `"xml" is not one of text, json`},
		{"unknown key", "imap:\n  tlss: implicit\n", "imap.tlss", 4, "unknown key; did you mean tls?"},
		{"unknown top key", "colour: blue\n", "colour", 3, "unknown key; the keys here are database, imap, limits, log, mode, reply, schedule, shop, smtp"},
		{"unknown nested key", "reply:\n  retry:\n    intial: 1m\n", "reply.retry.intial", 5, "did you mean initial?"},
		{"password in yaml", "smtp:\n  password: hunter2\n", "smtp.password", 4, "never read from the configuration file"},
		{"merge key", "imap:\n  <<: {inbox: x}\n", "imap.<<", 4, "merge keys are not read"},
		{"key twice", "mode: live\nmode: shadow\n", "mode", 4, "is set again (first on line 3)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := tc.doc
			if !strings.HasPrefix(doc, "shop:") {
				doc = minimal + doc
			}
			errs := parseErrors(t, doc)
			if len(errs) != 1 {
				t.Fatalf("got %d errors %q; want one", len(errs), errs)
			}
			e := errs[0]
			if e.Path != tc.path || !strings.Contains(e.Msg, tc.msg) || (tc.line != 0 && e.Line != tc.line) {
				t.Errorf("got %q (path %q, line %d); want path %q, line %d, message with %q", e, e.Path, e.Line, tc.path, tc.line, tc.msg)
			}
			if strings.Contains(e.Error(), "hunter2") {
				t.Errorf("error %q shows the password", e)
			}
		})
	}
}

func TestEveryErrorAtOnce(t *testing.T) {
	doc := `mode: auto
shop:
  time_zone: Mars/Olympus
  window_days: 7.5
imap:
  tls: startls
  tlss: implicit
  password: hunter2
smtp:
  timeout: 60
limits:
  max_message_size: 50 MBs
log:
  level: verbose
`
	_, err := Parse([]byte(doc))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v; want *config.Error", err)
	}
	want := []struct {
		line int
		path string
	}{
		{1, "mode"},
		{3, "shop.time_zone"},
		{4, "shop.window_days"},
		{6, "imap.tls"},
		{7, "imap.tlss"},
		{8, "imap.password"},
		{10, "smtp.timeout"},
		{12, "limits.max_message_size"},
		{14, "log.level"},
		{0, "shop.address"},
	}
	var got []string
	for _, f := range e.Fields {
		got = append(got, fmt.Sprintf("%d %s", f.Line, f.Path))
	}
	var wantS []string
	for _, w := range want {
		wantS = append(wantS, fmt.Sprintf("%d %s", w.line, w.path))
	}
	if !slices.Equal(got, wantS) {
		t.Errorf("got errors\n%s\nwant\n%s\nin\n%v", strings.Join(got, "\n"), strings.Join(wantS, "\n"), err)
	}
	t.Log(err)
	if s := err.Error(); !strings.HasPrefix(s, "10 invalid settings:\n\tline 1: mode: ") || strings.Contains(s, "hunter2") {
		t.Errorf("Error(): got %q", s)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "helpdesk.yaml")
	if err := os.WriteFile(path, []byte(minimal+"mode: auto\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	var e *Error
	if !errors.As(err, &e) || e.File != path || !strings.HasPrefix(err.Error(), path+": line 3: mode: ") {
		t.Errorf("Load of an invalid file: got %v; want *Error naming %s", err, path)
	}
	if _, err := Load(filepath.Join(dir, "missing.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load of a missing file: got %v; want os.ErrNotExist", err)
	}
	if err := os.WriteFile(path, []byte("shop: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "line") {
		t.Errorf("Load of broken YAML: got %v; want a syntax error with its line", err)
	}
}

// writeCA writes a self-signed CA certificate in PEM to a file.
func writeCA(t *testing.T) string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestValidateMail(t *testing.T) {
	dir := t.TempDir()
	ca := writeCA(t)
	notPEM := filepath.Join(dir, "not.pem")
	pwFile := filepath.Join(dir, "pw")
	emptyFile := filepath.Join(dir, "empty")
	for name, data := range map[string]string{notPEM: "hello\n", pwFile: "s3cret\r\n", emptyFile: "\n"} {
		if err := os.WriteFile(name, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("HELPDESK_IMAP_PASSWORD", "from-env")
	t.Setenv("HELPDESK_SMTP_PASSWORD", "smtp-from-env")
	t.Setenv("EMPTY_PASSWORD", "")

	// good sets every imap and smtp value that ValidateMail needs.
	good := func(c *Config) {
		c.IMAP.Address, c.IMAP.Username = "imap.example.nl:993", "support"
		c.SMTP.Address, c.SMTP.Username = "smtp.example.nl:587", "support"
	}
	for _, tc := range []struct {
		name   string
		mod    func(c *Config)
		path   string // "" for no error
		msg    string
		imapPW string // wanted IMAP password when there is no error
	}{
		{"good", func(c *Config) {}, "", "", "from-env"},
		{"imap address missing", func(c *Config) { c.IMAP.Address = "" }, "imap.address", "is required", ""},
		{"no port", func(c *Config) { c.SMTP.Address = "smtp.example.nl" }, "smtp.address", "is not host:port", ""},
		{"bad port", func(c *Config) { c.SMTP.Address = "smtp.example.nl:smtp" }, "smtp.address", "has no port number", ""},
		{"plaintext public", func(c *Config) { c.IMAP.TLS = TLSNone }, "imap.tls", "clear text to imap.example.nl", ""},
		{"plaintext allowed", func(c *Config) { c.IMAP.TLS, c.IMAP.AllowPlaintext = TLSNone, true }, "", "", "from-env"},
		{"plaintext loopback", func(c *Config) { c.IMAP.TLS, c.IMAP.Address = TLSNone, "127.0.0.1:143" }, "", "", "from-env"},
		{"plaintext localhost", func(c *Config) { c.SMTP.TLS, c.SMTP.Address = TLSNone, "localhost:25" }, "", "", "from-env"},
		{"plaintext ipv6 loopback", func(c *Config) { c.SMTP.TLS, c.SMTP.Address = TLSNone, "[::1]:25" }, "", "", "from-env"},
		{"skip verify public", func(c *Config) { c.SMTP.InsecureSkipVerify = true }, "smtp.insecure_skip_verify", "only allowed with a loopback host", ""},
		{"skip verify loopback", func(c *Config) { c.SMTP.InsecureSkipVerify, c.SMTP.Address = true, "127.0.0.1:465" }, "", "", "from-env"},
		{"ca file", func(c *Config) { c.IMAP.CAFile = ca }, "", "", "from-env"},
		{"ca file missing", func(c *Config) { c.IMAP.CAFile = filepath.Join(dir, "none.pem") }, "imap.ca_file", "no such file", ""},
		{"ca file not PEM", func(c *Config) { c.IMAP.CAFile = notPEM }, "imap.ca_file", "holds no PEM certificate", ""},
		{"imap username", func(c *Config) { c.IMAP.Username = "" }, "imap.username", "is required", ""},
		{"smtp without login", func(c *Config) { c.SMTP.Username, c.SMTP.PasswordEnv = "", "UNSET_VARIABLE" }, "", "", "from-env"},
		{"env unset", func(c *Config) { c.IMAP.PasswordEnv = "UNSET_VARIABLE" }, "imap.password_env", "UNSET_VARIABLE is not set", ""},
		{"env empty", func(c *Config) { c.IMAP.PasswordEnv = "EMPTY_PASSWORD" }, "imap.password_env", "EMPTY_PASSWORD is not set", ""},
		{"password file", func(c *Config) { c.IMAP.PasswordFile = pwFile }, "", "", "s3cret"},
		{"password file empty", func(c *Config) { c.IMAP.PasswordFile = emptyFile }, "imap.password_file", "is empty", ""},
		{"password file missing", func(c *Config) { c.IMAP.PasswordFile = filepath.Join(dir, "nope") }, "imap.password_file", "no such file", ""},
		{"password set in code", func(c *Config) { c.IMAP.Password, c.IMAP.PasswordEnv = NewSecret("coded"), "UNSET_VARIABLE" }, "", "", "coded"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse([]byte(minimal))
			if err != nil {
				t.Fatal(err)
			}
			good(c)
			tc.mod(c)
			err = c.ValidateMail()
			if tc.path == "" {
				if err != nil {
					t.Fatalf("got %v; want no error", err)
				}
				if got := c.IMAP.Password.Reveal(); got != tc.imapPW {
					t.Errorf("imap password: got %q; want %q", got, tc.imapPW)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || len(e.Fields) != 1 {
				t.Fatalf("got %v; want one error at %s", err, tc.path)
			}
			if f := e.Fields[0]; f.Path != tc.path || !strings.Contains(f.Msg, tc.msg) {
				t.Errorf("got %q; want %s: ...%s...", f, tc.path, tc.msg)
			}
		})
	}
}

func TestValidateMailEveryError(t *testing.T) {
	c := Default()
	c.Shop.Address = "support@example.nl"
	c.IMAP.TLS = TLSNone
	c.IMAP.Address = "imap.example.nl:143"
	err := c.ValidateMail()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v; want *Error", err)
	}
	var paths []string
	for _, f := range e.Fields {
		paths = append(paths, f.Path)
	}
	if want := []string{"imap.tls", "imap.username", "smtp.address"}; !slices.Equal(paths, want) {
		t.Errorf("got %q; want %q", paths, want)
	}
}

// TestSecretNeverShown prints and logs a whole Config in every way a
// program might and checks that the passwords never appear.
func TestSecretNeverShown(t *testing.T) {
	const imapPW, smtpPW = "imap-hunter2", "smtp-hunter2"
	pwFile := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pwFile, []byte(smtpPW+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HELPDESK_IMAP_PASSWORD", imapPW)
	c, err := Parse([]byte(minimal + `imap:
  address: imap.example.nl:993
  username: support
smtp:
  address: smtp.example.nl:587
  username: support
  password_file: ` + pwFile + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.ValidateMail(); err != nil {
		t.Fatal(err)
	}
	if c.IMAP.Password.Reveal() != imapPW || c.SMTP.Password.Reveal() != smtpPW {
		t.Fatal("passwords not read")
	}

	var outputs []string
	for _, format := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		outputs = append(outputs,
			fmt.Sprintf(format, c), fmt.Sprintf(format, *c),
			fmt.Sprintf(format, c.IMAP), fmt.Sprintf(format, c.SMTP.Password))
	}
	outputs = append(outputs, fmt.Sprint(c.IMAP.Password), fmt.Sprintln(c.SMTP))
	for _, h := range []func(*bytes.Buffer) slog.Handler{
		func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
		func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
	} {
		var b bytes.Buffer
		log := slog.New(h(&b))
		log.Info("config", "config", c, "value", *c, "imap", c.IMAP, "password", c.IMAP.Password)
		log.Info("group", slog.Group("smtp", "server", c.SMTP.Server, "password", c.SMTP.Password))
		outputs = append(outputs, b.String())
	}
	js, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	ys, err := yaml.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	outputs = append(outputs, string(js), string(ys))

	for i, out := range outputs {
		if strings.Contains(out, "hunter2") {
			t.Errorf("output %d shows a password: %s", i, out)
		}
	}
	if got := fmt.Sprintf("%v|%#v|%q", c.IMAP.Password, c.IMAP.Password, c.IMAP.Password); got != `***|"***"|"***"` {
		t.Errorf("got %s; want ***|\"***\"|\"***\"", got)
	}
	if !strings.Contains(string(js), `"Password":"***"`) {
		t.Errorf("JSON %s does not show the password as ***", js)
	}
}

func TestByteSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want ByteSize
		str  string
	}{
		{"52428800", 50 * MiB, "50MiB"},
		{"50MB", 50_000_000, "50MB"},
		{"50 MB", 50 * MB, "50MB"},
		{"512KiB", 512 * KiB, "512KiB"},
		{"512kib", 512 * KiB, "512KiB"},
		{"1GiB", GiB, "1GiB"},
		{"2gb", 2 * GB, "2GB"},
		{"1500", 1500, "1500B"},
		{"1000B", 1000, "1KB"},
		{"0", 0, "0B"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			var b ByteSize
			if err := b.UnmarshalText([]byte(tc.in)); err != nil {
				t.Fatal(err)
			}
			if b != tc.want || b.String() != tc.str {
				t.Errorf("got %d (%s); want %d (%s)", b, b, tc.want, tc.str)
			}
		})
	}
	for _, in := range []string{"", "MB", "-1", "1.5MB", "5 XB", "1 M B", "9223372036854775807GiB", "99999999999999999999"} {
		var b ByteSize
		if err := b.UnmarshalText([]byte(in)); err == nil {
			t.Errorf("UnmarshalText(%q) = %d; want an error", in, b)
		}
	}
}

func TestTLSConfig(t *testing.T) {
	ca := writeCA(t)
	for _, tc := range []struct {
		name   string
		server Server
		nilCfg bool
		roots  bool
	}{
		{"none", Server{Address: "127.0.0.1:143", TLS: TLSNone}, true, false},
		{"system roots", Server{Address: "imap.example.nl:993", TLS: TLSImplicit}, false, false},
		{"extra CA", Server{Address: "imap.example.nl:993", TLS: TLSStartTLS, CAFile: ca}, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc2, err := tc.server.TLSConfig()
			if err != nil {
				t.Fatal(err)
			}
			if (tc2 == nil) != tc.nilCfg {
				t.Fatalf("got %v; want nil %v", tc2, tc.nilCfg)
			}
			if tc2 == nil {
				return
			}
			if tc2.ServerName != tc.server.Host() || (tc2.RootCAs != nil) != tc.roots {
				t.Errorf("got ServerName %q, RootCAs set %v; want %q, %v", tc2.ServerName, tc2.RootCAs != nil, tc.server.Host(), tc.roots)
			}
		})
	}
}

func TestAccessors(t *testing.T) {
	c, err := Parse([]byte(minimal + "  other_addresses: [NoReply@volgersfabriek.nl]\nimap:\n  start: 2026-11-01T00:00:00+01:00\nlog:\n  level: warn\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 10, 31, 23, 0, 0, 0, time.UTC); !c.IMAP.StartTime().Equal(want) {
		t.Errorf("StartTime: got %s; want %s", c.IMAP.StartTime(), want)
	}
	for addr, want := range map[string]bool{
		"SUPPORT@volgersfabriek.nl": true, "noreply@volgersfabriek.nl": true,
		"support+x@volgersfabriek.nl": false, "anna@example.nl": false,
	} {
		if got := c.IsOwnAddress(addr); got != want {
			t.Errorf("IsOwnAddress(%q): got %v; want %v", addr, got, want)
		}
	}
	if loc, err := c.Shop.Location(); err != nil || loc.String() != "Europe/Amsterdam" {
		t.Errorf("Location: got %v, %v; want Europe/Amsterdam", loc, err)
	}
	if got := c.Log.Level.Level(); got != slog.LevelWarn {
		t.Errorf("Level: got %s; want WARN", got)
	}
	if !c.Log.NewHandler(&bytes.Buffer{}).Enabled(t.Context(), slog.LevelWarn) {
		t.Error("handler does not log at warn")
	}
}

func FuzzParse(f *testing.F) {
	if data, err := os.ReadFile(examplePath); err == nil {
		f.Add(data)
	}
	f.Add([]byte(minimal))
	f.Add([]byte("shop: [\n"))
	f.Add([]byte("a: &x {b: *x}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err == nil && c.Shop.Address == "" {
			t.Errorf("Parse accepted a configuration without shop.address")
		}
	})
}
