// Package config owns helpdesk's configuration: the one documented Config
// struct, read from YAML, its defaults, its validation, and the passwords,
// which come from the environment or a file and never from the YAML itself.
// config.example.yaml at the module root shows every key; a test keeps the
// two in step. It knows nothing of mail.
package config

import (
	"strings"
	"time"
)

// Config is helpdesk's configuration. A zero value means "the default"
// (see Default); every key of the YAML file is a field here, named by its
// yaml tag. Relative paths are relative to the working directory.
type Config struct {
	// Mode is live (replies are sent) or shadow (replies go to the Drafts
	// folder and are never sent). Default live.
	Mode Mode `yaml:"mode"`
	// Schedule says when to poll the mailbox: a cron spec or descriptor as
	// robfig/cron/v3's ParseStandard reads it ("*/5 * * * *", "@every 1m").
	// Default "@every 1m".
	Schedule string `yaml:"schedule"`
	// Database is the path of the SQLite database. Default helpdesk.db.
	Database string `yaml:"database"`
	// Shop describes the shop and its refund policy.
	Shop Shop `yaml:"shop"`
	// IMAP is the support mailbox. Only commands that read mail need it.
	IMAP IMAP `yaml:"imap"`
	// SMTP is the submission server replies are sent through. Only
	// commands that send mail need it.
	SMTP SMTP `yaml:"smtp"`
	// Reply shapes the replies.
	Reply Reply `yaml:"reply"`
	// Limits bound what helpdesk reads of one mail; a mail beyond them
	// goes to a person.
	Limits Limits `yaml:"limits"`
	// Log sets the log output.
	Log Log `yaml:"log"`

	lines map[string]int // key path -> line in the file read by Parse, for errors
}

// Mode says whether replies are sent.
type Mode string

// The modes.
const (
	Live   Mode = "live"   // replies are sent
	Shadow Mode = "shadow" // replies go to Drafts, never sent
)

// Shop describes the shop.
type Shop struct {
	// Name is the shop's name as customers know it.
	Name string `yaml:"name"`
	// Address is the support address: required. Replies come from it, and
	// mail from it is machine mail (category auto).
	Address string `yaml:"address"`
	// OtherAddresses are further own addresses (noreply@, nieuws@): mail
	// from them is machine mail too.
	OtherAddresses []string `yaml:"other_addresses"`
	// StaffAddresses are the addresses of staff who answer from their own
	// mail client: their mail in a thread makes the thread theirs.
	StaffAddresses []string `yaml:"staff_addresses"`
	// TimeZone is the IANA time zone days are counted in. Default
	// Europe/Amsterdam.
	TimeZone string `yaml:"time_zone"`
	// WindowDays is the refund window in days. Default 7.
	WindowDays int `yaml:"window_days"`
	// TrustedAuthservID is the authserv-id (RFC 8601 section 2.5) with
	// which our receiving server writes Authentication-Results; results
	// with another id are the sender's and are not trusted. Empty: none is
	// trusted.
	TrustedAuthservID string `yaml:"trusted_authserv_id"`
}

// TLSMode says how a connection to a mail server is secured.
type TLSMode string

// The TLS modes.
const (
	TLSImplicit TLSMode = "implicit" // TLS from the first byte (IMAPS 993, SMTPS 465)
	TLSStartTLS TLSMode = "starttls" // plain text, then STARTTLS (RFC 9051, RFC 3207)
	TLSNone     TLSMode = "none"     // no TLS: loopback only, unless AllowPlaintext
)

// Server is what an IMAP and an SMTP connection share.
type Server struct {
	// Address is the server's host:port.
	Address string `yaml:"address"`
	// TLS is implicit, starttls or none. Default implicit for IMAP,
	// starttls for SMTP.
	TLS TLSMode `yaml:"tls"`
	// AllowPlaintext permits tls: none with a host that is not loopback,
	// which sends the password in clear text.
	AllowPlaintext bool `yaml:"allow_plaintext"`
	// InsecureSkipVerify skips the check of the server's certificate; only
	// allowed with a loopback host (for tests).
	InsecureSkipVerify bool `yaml:"insecure_skip_verify"`
	// CAFile is a PEM bundle of further CAs to trust beside the system's.
	CAFile string `yaml:"ca_file"`
	// Username is the login name.
	Username string `yaml:"username"`
	// PasswordEnv names the environment variable that holds the password.
	// Default HELPDESK_IMAP_PASSWORD or HELPDESK_SMTP_PASSWORD, unless
	// PasswordFile is set.
	PasswordEnv string `yaml:"password_env"`
	// PasswordFile is a file that holds the password; a trailing newline
	// is ignored.
	PasswordFile string `yaml:"password_file"`
	// Timeout bounds every network operation. Default 60s.
	Timeout time.Duration `yaml:"timeout"`

	// Password is read from PasswordEnv or PasswordFile by ValidateMail;
	// it is never read from the YAML.
	Password Secret `yaml:"-"`
}

// IMAP is the support mailbox.
type IMAP struct {
	Server `yaml:",inline"`
	// Inbox is the mailbox where customer mail arrives. Default INBOX.
	Inbox string `yaml:"inbox"`
	// Folders are where handled mail is filed.
	Folders Folders `yaml:"folders"`
	// Start is an RFC 3339 time: mail that arrived before it is never
	// handled. Empty: the time of the first run.
	Start string `yaml:"start"`
}

// Folders are the mailboxes helpdesk files mail into.
type Folders struct {
	// Answered receives mail that got an automatic reply. Default
	// Helpdesk/Beantwoord.
	Answered string `yaml:"answered"`
	// Ignored receives machine mail. Default Helpdesk/Genegeerd.
	Ignored string `yaml:"ignored"`
	// Sent receives a copy of each reply. Empty: the mailbox with the
	// \Sent special-use attribute (RFC 6154), else "Sent".
	Sent string `yaml:"sent"`
	// Drafts receives the replies of shadow mode. Empty: the mailbox with
	// the \Drafts special-use attribute (RFC 6154), else "Drafts".
	Drafts string `yaml:"drafts"`
}

// SMTP is the submission server.
type SMTP struct {
	Server `yaml:",inline"`
	// HELO is the name helpdesk gives in EHLO. Default the domain of
	// shop.address.
	HELO string `yaml:"helo"`
}

// Reply shapes the replies.
type Reply struct {
	// FromName is the display name of the replies' From. Default the shop's
	// name.
	FromName string `yaml:"from_name"`
	// TemplatesDir holds templates that override the built-in ones, so
	// they can change without a rebuild. Empty: built-in only.
	TemplatesDir string `yaml:"templates_dir"`
	// AcknowledgeHuman sends a short "a person will answer within 24-48
	// hours" when a mail goes to a person.
	AcknowledgeHuman bool `yaml:"acknowledge_human"`
	// MaxPerCorrespondent is the number of automatic replies to one
	// address in 24 hours; further mail goes to a person. Default 3.
	MaxPerCorrespondent int `yaml:"max_per_correspondent"`
	// Retry says how a reply whose sending failed temporarily is retried.
	Retry Retry `yaml:"retry"`
}

// Retry is the back-off for temporary sending failures.
type Retry struct {
	// Initial is the first wait. Default 1m.
	Initial time.Duration `yaml:"initial"`
	// Max is the longest wait; waits double up to it. Default 1h.
	Max time.Duration `yaml:"max"`
	// GiveUpAfter is how long to keep trying before a person takes over.
	// Default 24h.
	GiveUpAfter time.Duration `yaml:"give_up_after"`
}

// Limits bound what helpdesk reads of one mail.
type Limits struct {
	// MaxMessageSize is the largest mail read in full. Default 50MB.
	MaxMessageSize ByteSize `yaml:"max_message_size"`
	// MaxParts is the most MIME parts read. Default 500.
	MaxParts int `yaml:"max_parts"`
	// MaxDepth is the deepest nesting of MIME parts read. Default 20.
	MaxDepth int `yaml:"max_depth"`
	// MaxHeaderSize is the largest header section read. Default 256KiB.
	MaxHeaderSize ByteSize `yaml:"max_header_size"`
	// MaxTextSize is the most decoded text read of one mail. Default 1MiB.
	MaxTextSize ByteSize `yaml:"max_text_size"`
}

// Log sets the log output.
type Log struct {
	// Level is debug, info, warn or error. Default info.
	Level LogLevel `yaml:"level"`
	// Format is text or json. Default text.
	Format LogFormat `yaml:"format"`
}

// LogLevel is the least severe level logged.
type LogLevel string

// The log levels.
const (
	LevelDebug LogLevel = "debug"
	LevelInfo  LogLevel = "info"
	LevelWarn  LogLevel = "warn"
	LevelError LogLevel = "error"
)

// LogFormat is the log line format.
type LogFormat string

// The log formats.
const (
	FormatText LogFormat = "text" // slog.TextHandler
	FormatJSON LogFormat = "json" // slog.JSONHandler
)

// Default returns the configuration with every default filled in. It is
// not valid as it is: shop.address has no default.
func Default() *Config {
	c := &Config{}
	c.applyDefaults()
	return c
}

// applyDefaults fills every zero value that has a default. It is the one
// place defaults are set.
func (c *Config) applyDefaults() {
	setDefault(&c.Mode, Live)
	setDefault(&c.Schedule, "@every 1m")
	setDefault(&c.Database, "helpdesk.db")

	setDefault(&c.Shop.TimeZone, "Europe/Amsterdam")
	setDefault(&c.Shop.WindowDays, 7)

	c.IMAP.Server.applyDefaults(TLSImplicit, "HELPDESK_IMAP_PASSWORD")
	setDefault(&c.IMAP.Inbox, "INBOX")
	setDefault(&c.IMAP.Folders.Answered, "Helpdesk/Beantwoord")
	setDefault(&c.IMAP.Folders.Ignored, "Helpdesk/Genegeerd")

	c.SMTP.Server.applyDefaults(TLSStartTLS, "HELPDESK_SMTP_PASSWORD")
	if at := strings.LastIndexByte(c.Shop.Address, '@'); at >= 0 {
		setDefault(&c.SMTP.HELO, c.Shop.Address[at+1:])
	}

	setDefault(&c.Reply.FromName, c.Shop.Name)
	setDefault(&c.Reply.MaxPerCorrespondent, 3)
	setDefault(&c.Reply.Retry.Initial, time.Minute)
	setDefault(&c.Reply.Retry.Max, time.Hour)
	setDefault(&c.Reply.Retry.GiveUpAfter, 24*time.Hour)

	setDefault(&c.Limits.MaxMessageSize, 50*MB)
	setDefault(&c.Limits.MaxParts, 500)
	setDefault(&c.Limits.MaxDepth, 20)
	setDefault(&c.Limits.MaxHeaderSize, 256*KiB)
	setDefault(&c.Limits.MaxTextSize, 1*MiB)

	setDefault(&c.Log.Level, LevelInfo)
	setDefault(&c.Log.Format, FormatText)
}

func (s *Server) applyDefaults(tls TLSMode, passwordEnv string) {
	setDefault(&s.TLS, tls)
	if s.PasswordFile == "" {
		setDefault(&s.PasswordEnv, passwordEnv)
	}
	setDefault(&s.Timeout, 60*time.Second)
}

func setDefault[T comparable](p *T, v T) {
	var zero T
	if *p == zero {
		*p = v
	}
}
