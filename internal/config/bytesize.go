package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// ByteSize is a number of bytes. In YAML it is a whole number of bytes or
// a whole number with a unit: B, KB, MB, GB (powers of 1000) or KiB, MiB,
// GiB (powers of 1024), with or without a space: 52428800, "50MB",
// "512 KiB". Units are read case-insensitively.
type ByteSize int64

// Units of ByteSize.
const (
	B   ByteSize = 1
	KB  ByteSize = 1000
	MB  ByteSize = 1000 * KB
	GB  ByteSize = 1000 * MB
	KiB ByteSize = 1024
	MiB ByteSize = 1024 * KiB
	GiB ByteSize = 1024 * MiB
)

type byteUnit struct {
	name string
	size ByteSize
}

// byteUnits lists the units, largest first.
func byteUnits() []byteUnit {
	return []byteUnit{{"GiB", GiB}, {"GB", GB}, {"MiB", MiB}, {"MB", MB}, {"KiB", KiB}, {"KB", KB}, {"B", B}}
}

// byteSizeHint ends the message for a value ByteSize cannot read.
const byteSizeHint = "is not a size such as 1048576, 512KiB or 50MB"

// UnmarshalText reads a size as described on ByteSize.
func (b *ByteSize) UnmarshalText(text []byte) error {
	s := strings.TrimSpace(string(text))
	i := strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if i == -1 {
		i = len(s)
	}
	n, err := strconv.ParseInt(s[:i], 10, 64)
	if err != nil {
		return fmt.Errorf("%q %s", text, byteSizeHint)
	}
	unit := strings.TrimSpace(s[i:])
	size := B
	if unit != "" {
		size = 0
		for _, u := range byteUnits() {
			if strings.EqualFold(unit, u.name) {
				size = u.size
			}
		}
		if size == 0 {
			return fmt.Errorf("%q %s", text, byteSizeHint)
		}
	}
	if n > math.MaxInt64/int64(size) {
		return fmt.Errorf("%q is too large", text)
	}
	*b = ByteSize(n) * size
	return nil
}

// UnmarshalYAML reads a size from a scalar. Its errors are *yaml.TypeError,
// so that the decoder goes on to report the other keys' errors too.
func (b *ByteSize) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: a size is a single value", n.Line)}}
	}
	if err := b.UnmarshalText([]byte(n.Value)); err != nil {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %v", n.Line, err)}}
	}
	return nil
}

// MarshalText writes the size as String does.
func (b ByteSize) MarshalText() ([]byte, error) { return []byte(b.String()), nil }

// String returns the size in the largest unit that divides it: "50MB",
// "256KiB", "1000B".
func (b ByteSize) String() string {
	for _, u := range byteUnits() {
		if b != 0 && b%u.size == 0 {
			return fmt.Sprintf("%d%s", b/u.size, u.name)
		}
	}
	return fmt.Sprintf("%dB", int64(b))
}
