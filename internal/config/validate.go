package config

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/mail"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// Validate fills in the defaults of zero values and checks every value but
// what only mail needs (see ValidateMail). It reports every problem at once
// in an *Error.
func (c *Config) Validate() error {
	c.applyDefaults()
	if errs := c.validate(); len(errs) > 0 {
		return c.error(errs)
	}
	return nil
}

// ValidateMail checks what the commands that read and send mail need on
// top of Validate: the imap and smtp sections and their CA files. It reads
// the passwords from the environment or from files into IMAP.Password and
// SMTP.Password; a password already set (NewSecret) is kept. It reports
// every problem at once in an *Error.
func (c *Config) ValidateMail() error {
	c.applyDefaults()
	var v validator
	c.IMAP.Server.validateMail(&v, "imap", true)
	c.SMTP.Server.validateMail(&v, "smtp", false)
	if len(v.errs) > 0 {
		return c.error(v.errs)
	}
	return nil
}

// validator collects FieldErrors.
type validator struct {
	errs []FieldError
}

func (v *validator) add(path, format string, args ...any) {
	v.errs = append(v.errs, FieldError{Path: path, Msg: fmt.Sprintf(format, args...)})
}

// oneOf checks that value is one of allowed.
func oneOf[T ~string](v *validator, path string, value T, allowed ...T) {
	for _, a := range allowed {
		if value == a {
			return
		}
	}
	names := make([]string, len(allowed))
	for i, a := range allowed {
		names[i] = string(a)
	}
	v.add(path, "%q is not one of %s", value, strings.Join(names, ", "))
}

// address checks that a is a bare address such as support@example.nl.
func (v *validator) address(path, a string) {
	if addr, err := mail.ParseAddress(a); err != nil || addr.Name != "" || addr.Address != a {
		v.add(path, "%q is not a bare address such as support@example.nl", a)
	}
}

func (v *validator) positive(path string, n int64) {
	if n <= 0 {
		v.add(path, "must be more than 0")
	}
}

// validate checks every value but those of ValidateMail, after defaults.
func (c *Config) validate() []FieldError {
	var v validator
	oneOf(&v, "mode", c.Mode, Live, Shadow)
	if _, err := cron.ParseStandard(c.Schedule); err != nil {
		v.add("schedule", "%q is not a schedule (%v); write a cron spec such as \"*/5 * * * *\" or a descriptor such as \"@every 1m\"", c.Schedule, err)
	}

	s := c.Shop
	if s.Address == "" {
		v.add("shop.address", "is required: the shop's support address, such as support@example.nl")
	} else {
		v.address("shop.address", s.Address)
	}
	for i, a := range s.OtherAddresses {
		v.address(fmt.Sprintf("shop.other_addresses[%d]", i), a)
	}
	for i, a := range s.StaffAddresses {
		p := fmt.Sprintf("shop.staff_addresses[%d]", i)
		v.address(p, a)
		if c.IsOwnAddress(a) {
			v.add(p, "%q is also one of the shop's own addresses; staff answer from addresses of their own", a)
		}
	}
	if _, err := time.LoadLocation(s.TimeZone); err != nil {
		v.add("shop.time_zone", "%q is not an IANA time zone such as Europe/Amsterdam", s.TimeZone)
	}
	if s.WindowDays < 0 {
		v.add("shop.window_days", "must be at least 1")
	}
	if strings.ContainsAny(s.TrustedAuthservID, " \t\r\n;()\"") {
		v.add("shop.trusted_authserv_id", "%q is not an authserv-id (RFC 8601 section 2.2): write the host name our server puts first in Authentication-Results", s.TrustedAuthservID)
	}

	c.IMAP.Server.validate(&v, "imap")
	f := c.IMAP.Folders
	if f.Answered == f.Ignored {
		v.add("imap.folders.ignored", "%q is also the answered folder; machine mail would mix with answered mail", f.Ignored)
	}
	for _, x := range []struct{ path, name string }{
		{"imap.folders.answered", f.Answered}, {"imap.folders.ignored", f.Ignored},
		{"imap.folders.sent", f.Sent}, {"imap.folders.drafts", f.Drafts},
	} {
		if strings.EqualFold(x.name, c.IMAP.Inbox) {
			v.add(x.path, "%q is the inbox; handled mail must leave it", x.name)
		}
	}
	if c.IMAP.Start != "" {
		if _, err := time.Parse(time.RFC3339, c.IMAP.Start); err != nil {
			v.add("imap.start", "%q is not an RFC 3339 time such as 2026-11-01T00:00:00+01:00", c.IMAP.Start)
		}
	}
	c.SMTP.Server.validate(&v, "smtp")

	r := c.Reply
	if r.TemplatesDir != "" {
		if fi, err := os.Stat(r.TemplatesDir); err != nil || !fi.IsDir() {
			v.add("reply.templates_dir", "%q is not a directory", r.TemplatesDir)
		}
	}
	v.positive("reply.max_per_correspondent", int64(r.MaxPerCorrespondent))
	v.positive("reply.retry.initial", int64(r.Retry.Initial))
	v.positive("reply.retry.max", int64(r.Retry.Max))
	v.positive("reply.retry.give_up_after", int64(r.Retry.GiveUpAfter))
	if r.Retry.Initial > 0 && r.Retry.Max > 0 && r.Retry.Max < r.Retry.Initial {
		v.add("reply.retry.max", "%s is shorter than reply.retry.initial (%s)", r.Retry.Max, r.Retry.Initial)
	}
	if r.Retry.Initial > 0 && r.Retry.GiveUpAfter > 0 && r.Retry.GiveUpAfter < r.Retry.Initial {
		v.add("reply.retry.give_up_after", "%s is shorter than reply.retry.initial (%s)", r.Retry.GiveUpAfter, r.Retry.Initial)
	}

	l := c.Limits
	v.positive("limits.max_message_size", int64(l.MaxMessageSize))
	v.positive("limits.max_parts", int64(l.MaxParts))
	v.positive("limits.max_depth", int64(l.MaxDepth))
	v.positive("limits.max_header_size", int64(l.MaxHeaderSize))
	v.positive("limits.max_text_size", int64(l.MaxTextSize))
	if l.MaxHeaderSize > l.MaxMessageSize && l.MaxMessageSize > 0 {
		v.add("limits.max_header_size", "%s is more than limits.max_message_size (%s)", l.MaxHeaderSize, l.MaxMessageSize)
	}

	oneOf(&v, "log.level", c.Log.Level, LevelDebug, LevelInfo, LevelWarn, LevelError)
	oneOf(&v, "log.format", c.Log.Format, FormatText, FormatJSON)
	return v.errs
}

// validate checks the values of a server section that are set, for every
// command.
func (s *Server) validate(v *validator, section string) {
	oneOf(v, section+".tls", s.TLS, TLSImplicit, TLSStartTLS, TLSNone)
	if s.Timeout < 0 {
		v.add(section+".timeout", "must be more than 0")
	}
	if s.PasswordEnv != "" && s.PasswordFile != "" {
		v.add(section+".password_file", "is set together with %s.password_env; set one", section)
	}
	if s.PasswordEnv != "" && !isEnvName(s.PasswordEnv) {
		// The value is not shown: it may be the password itself.
		v.add(section+".password_env", "is not the name of an environment variable (letters, digits and _); it names the variable that holds the password")
	}
}

// validateMail checks what connecting needs, and reads the password.
func (s *Server) validateMail(v *validator, section string, needLogin bool) {
	switch host, port, err := net.SplitHostPort(s.Address); {
	case s.Address == "":
		v.add(section+".address", "is required: the server's host:port")
	case err != nil || host == "":
		v.add(section+".address", "%q is not host:port", s.Address)
	default:
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			v.add(section+".address", "%q has no port number", s.Address)
		}
	}
	loopback := isLoopback(s.Host())
	if s.TLS == TLSNone && !loopback && !s.AllowPlaintext {
		v.add(section+".tls", "none would send the password in clear text to %s; use implicit or starttls, or set %s.allow_plaintext: true", s.Host(), section)
	}
	if s.InsecureSkipVerify && !loopback {
		v.add(section+".insecure_skip_verify", "is only allowed with a loopback host, not %s; give the server's CA with %s.ca_file instead", s.Host(), section)
	}
	if s.CAFile != "" {
		if pem, err := os.ReadFile(s.CAFile); err != nil {
			v.add(section+".ca_file", "%v", err)
		} else if !x509.NewCertPool().AppendCertsFromPEM(pem) {
			v.add(section+".ca_file", "%q holds no PEM certificate", s.CAFile)
		}
	}
	if needLogin && s.Username == "" {
		v.add(section+".username", "is required")
	}
	if s.Username == "" || !s.Password.IsZero() {
		return
	}
	switch {
	case s.PasswordFile != "":
		data, err := os.ReadFile(s.PasswordFile)
		if err != nil {
			v.add(section+".password_file", "%v", err)
			return
		}
		s.Password = NewSecret(strings.TrimRight(string(data), "\r\n"))
		if s.Password.IsZero() {
			v.add(section+".password_file", "%q is empty", s.PasswordFile)
		}
	case s.PasswordEnv != "" && isEnvName(s.PasswordEnv):
		pw, ok := os.LookupEnv(s.PasswordEnv)
		if !ok || pw == "" {
			v.add(section+".password_env", "environment variable %s is not set; it must hold the password of %s", s.PasswordEnv, s.Username)
			return
		}
		s.Password = NewSecret(pw)
	}
}

// Host returns the host part of Address.
func (s Server) Host() string {
	host, _, err := net.SplitHostPort(s.Address)
	if err != nil {
		return s.Address
	}
	return host
}

// TLSConfig returns the TLS settings of the connection: nil for tls: none,
// else the system's CAs plus CAFile, the host as ServerName, and
// InsecureSkipVerify as configured (ValidateMail allows it only with a
// loopback host).
func (s Server) TLSConfig() (*tls.Config, error) {
	if s.TLS == TLSNone {
		return nil, nil
	}
	tc := &tls.Config{ServerName: s.Host(), MinVersion: tls.VersionTLS12, InsecureSkipVerify: s.InsecureSkipVerify}
	if s.CAFile != "" {
		pem, err := os.ReadFile(s.CAFile)
		if err != nil {
			return nil, fmt.Errorf("reading CA file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("CA file %s holds no PEM certificate", s.CAFile)
		}
		tc.RootCAs = pool
	}
	return tc, nil
}

// StartTime returns imap.start, or the zero time when it is empty.
func (m IMAP) StartTime() time.Time {
	t, err := time.Parse(time.RFC3339, m.Start)
	if err != nil {
		return time.Time{}
	}
	return t
}

// IsOwnAddress reports whether addr is shop.address or one of
// shop.other_addresses, compared case-insensitively (PRODUCT.md, "Sender").
func (c *Config) IsOwnAddress(addr string) bool {
	if strings.EqualFold(addr, c.Shop.Address) {
		return true
	}
	for _, a := range c.Shop.OtherAddresses {
		if strings.EqualFold(addr, a) {
			return true
		}
	}
	return false
}

// Location returns the shop's time zone; Validate has checked it loads.
func (s Shop) Location() (*time.Location, error) {
	return time.LoadLocation(s.TimeZone)
}

// Level returns the slog level.
func (l LogLevel) Level() slog.Level {
	switch l {
	case LevelDebug:
		return slog.LevelDebug
	case LevelWarn:
		return slog.LevelWarn
	case LevelError:
		return slog.LevelError
	}
	return slog.LevelInfo
}

// NewHandler returns a slog handler writing to w in the configured format
// and level.
func (l Log) NewHandler(w io.Writer) slog.Handler {
	opts := &slog.HandlerOptions{Level: l.Level.Level()}
	if l.Format == FormatJSON {
		return slog.NewJSONHandler(w, opts)
	}
	return slog.NewTextHandler(w, opts)
}

func isLoopback(host string) bool {
	if strings.EqualFold(strings.TrimSuffix(host, "."), "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// isEnvName reports whether name can be an environment variable's name.
func isEnvName(name string) bool {
	for i, r := range name {
		switch {
		case r == '_', 'A' <= r && r <= 'Z', 'a' <= r && r <= 'z':
		case '0' <= r && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return name != ""
}
