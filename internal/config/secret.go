package config

import (
	"fmt"
	"log/slog"
)

// hidden is what a Secret shows instead of its value.
const hidden = "***"

// Secret is a password. Printing, logging or marshalling it shows "***"
// (or "" when it is empty), never the value; only Reveal returns it.
type Secret struct {
	value string
}

// NewSecret returns a Secret holding value, for passwords that do not come
// from a configuration file (tests, the demo).
func NewSecret(value string) Secret { return Secret{value: value} }

// Reveal returns the password, for the one place that sends it.
func (s Secret) Reveal() string { return s.value }

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s.value == "" }

func (s Secret) shown() string {
	if s.value == "" {
		return ""
	}
	return hidden
}

// String returns "***".
func (s Secret) String() string { return s.shown() }

// GoString returns "***" for %#v.
func (s Secret) GoString() string { return fmt.Sprintf("%q", s.shown()) }

// Format prints "***" for every verb, so that %v, %+v, %#v, %s, %q and %x
// of a struct holding a Secret never show the value.
func (s Secret) Format(f fmt.State, verb rune) {
	switch verb {
	case 'q':
		fmt.Fprintf(f, "%q", s.shown())
	case 'v':
		if f.Flag('#') {
			fmt.Fprint(f, s.GoString())
			return
		}
		fmt.Fprint(f, s.shown())
	default:
		fmt.Fprint(f, s.shown())
	}
}

// LogValue makes slog log "***".
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.shown()) }

// MarshalText returns "***", which also covers JSON and YAML.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.shown()), nil }

// MarshalJSON returns "***" as a JSON string.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + s.shown() + `"`), nil }
