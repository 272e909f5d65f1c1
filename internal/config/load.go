package config

import (
	"bytes"
	"encoding"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// FieldError is one invalid key or value.
type FieldError struct {
	Path string // key path such as "imap.tls" or "shop.other_addresses[1]"; "" for the whole file
	Line int    // line in the YAML file; 0 when not known (a default, or a value set in code)
	Msg  string // what is wrong, with a hint where one helps
}

func (e FieldError) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Error lists every invalid key and value of a configuration at once.
type Error struct {
	File   string // the file given to Load; "" for Parse and the Validate methods
	Fields []FieldError
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(": ")
	}
	if len(e.Fields) == 1 {
		b.WriteString(e.Fields[0].Error())
		return b.String()
	}
	fmt.Fprintf(&b, "%d invalid settings:", len(e.Fields))
	for _, f := range e.Fields {
		b.WriteString("\n\t")
		b.WriteString(f.Error())
	}
	return b.String()
}

// Load reads the configuration file at path: see Parse.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading configuration: %w", err)
	}
	c, err := parse(data)
	if e, ok := errors.AsType[*Error](err); ok {
		e.File = path
	} else if err != nil {
		err = fmt.Errorf("%s: %w", path, err)
	}
	return c, err
}

// Parse reads a configuration from YAML, fills in the defaults and
// validates it as Validate does. Unknown keys, values of the wrong type and
// invalid values are all reported in one *Error, each with its key path and
// line. The imap and smtp sections are checked further by ValidateMail.
func Parse(data []byte) (*Config, error) {
	return parse(data)
}

func parse(data []byte) (*Config, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("reading configuration: %w", err)
	}
	k := checker{lines: map[string]int{}}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		k.check(doc.Content[0], reflect.TypeFor[Config](), "")
	}

	c := &Config{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && err != io.EOF {
		// The checker should have found what the decoder did; if not, the
		// decoder's words are better than nothing.
		if len(k.errs) == 0 {
			te, ok := errors.AsType[*yaml.TypeError](err)
			if !ok {
				return nil, fmt.Errorf("reading configuration: %w", err)
			}
			for _, m := range te.Errors {
				k.errs = append(k.errs, FieldError{Msg: m})
			}
		}
	}
	c.lines = k.lines
	c.applyDefaults()
	errs := k.errs
	for _, fe := range c.validate() {
		if !k.reported(fe.Path) {
			errs = append(errs, fe)
		}
	}
	if len(errs) > 0 {
		return nil, c.error(errs)
	}
	return c, nil
}

// error returns errs as an *Error, with the lines of their keys, in the
// order of the file.
func (c *Config) error(errs []FieldError) *Error {
	for i := range errs {
		if errs[i].Line == 0 {
			errs[i].Line = c.lines[errs[i].Path]
		}
	}
	slices.SortStableFunc(errs, func(a, b FieldError) int {
		switch {
		case a.Line == b.Line:
			return 0
		case a.Line == 0:
			return 1
		case b.Line == 0:
			return -1
		}
		return a.Line - b.Line
	})
	return &Error{Fields: errs}
}

// checker walks the YAML tree beside the Config type. It finds what the
// yaml decoder reports without a key path (unknown keys, values of the
// wrong type), and notes the line of every key.
type checker struct {
	errs  []FieldError
	lines map[string]int // key path -> line
	bad   []string       // paths whose values could not be read
}

func (k *checker) add(path string, line int, format string, args ...any) {
	k.errs = append(k.errs, FieldError{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)})
	k.bad = append(k.bad, path)
}

// reported reports whether path, or a section holding it, already has an
// error, so that validation does not complain again about the default that
// stands in for an unreadable value.
func (k *checker) reported(path string) bool {
	for _, b := range k.bad {
		if b == "" || path == b || strings.HasPrefix(path, b+".") || strings.HasPrefix(path, b+"[") {
			return true
		}
	}
	return false
}

func (k *checker) check(n *yaml.Node, t reflect.Type, path string) {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if isSection(t) {
		k.checkSection(n, t, path)
		return
	}
	if t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode {
		for i, e := range n.Content {
			k.lines[fmt.Sprintf("%s[%d]", path, i)] = e.Line
		}
	}
	v := reflect.New(t)
	if err := n.Decode(v.Interface()); err != nil {
		k.add(path, n.Line, "%s", valueMessage(n, t, err))
		return
	}
	if isInt(t) && n.Kind == yaml.ScalarNode && n.ShortTag() == "!!float" {
		// The decoder would silently drop the fraction.
		k.add(path, n.Line, "%q is not a whole number", n.Value)
	}
}

func (k *checker) checkSection(n *yaml.Node, t reflect.Type, path string) {
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return // an empty section: all defaults
	}
	if n.Kind != yaml.MappingNode {
		k.add(path, n.Line, "is %s; want keys and values", describe(n))
		return
	}
	fields := yamlFields(t)
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		p := joinPath(path, key.Value)
		if first, ok := k.lines[p]; ok {
			// The decoder then drops the whole section.
			k.add(p, key.Line, "is set again (first on line %d)", first)
			k.bad = append(k.bad, path)
			continue
		}
		k.lines[p] = key.Line
		ft, ok := fields[key.Value]
		if !ok {
			k.add(p, key.Line, "%s", unknownKey(key.Value, fields))
			continue
		}
		k.check(val, ft, p)
	}
}

// unknownKey says that name is not a key here, and what to write instead.
func unknownKey(name string, fields map[string]reflect.Type) string {
	if name == "<<" {
		return "YAML merge keys are not read here; write the keys out"
	}
	if _, ok := fields["password_env"]; ok && strings.EqualFold(name, "password") {
		return "a password is never read from the configuration file: name an environment variable that holds it with password_env, or a file with password_file"
	}
	var keys []string
	for key := range fields {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	best, bestDist := "", 3
	for _, key := range keys {
		if d := editDistance(strings.ToLower(name), key); d < bestDist {
			best, bestDist = key, d
		}
	}
	if best != "" {
		return fmt.Sprintf("unknown key; did you mean %s?", best)
	}
	return "unknown key; the keys here are " + strings.Join(keys, ", ")
}

// valueMessage says why the value of node n cannot be read into type t.
func valueMessage(n *yaml.Node, t reflect.Type, err error) string {
	if u, ok := reflect.New(t).Interface().(encoding.TextUnmarshaler); ok && n.Kind == yaml.ScalarNode {
		if err := u.UnmarshalText([]byte(n.Value)); err != nil {
			return err.Error() // the type's own words
		}
	}
	switch {
	case t == reflect.TypeFor[time.Duration]():
		if n.Kind == yaml.ScalarNode && (n.ShortTag() == "!!int" || n.ShortTag() == "!!float") {
			return fmt.Sprintf("%s has no unit; write a duration such as 60s, 5m or 1h30m", n.Value)
		}
		return fmt.Sprintf("%s is not a duration such as 60s, 5m or 1h30m", describe(n))
	case t.Kind() == reflect.Bool:
		return fmt.Sprintf("%s is not true or false", describe(n))
	case isInt(t):
		return fmt.Sprintf("%s is not a whole number", describe(n))
	case t.Kind() == reflect.String:
		return fmt.Sprintf("is %s; want a single value", describe(n))
	case t.Kind() == reflect.Slice:
		return fmt.Sprintf("is %s; want a list of single values", describe(n))
	}
	return err.Error()
}

// describe names a node's value for an error message.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a set of keys and values"
	case yaml.SequenceNode:
		return "a list"
	}
	return strconv.Quote(n.Value)
}

// yamlFields returns the keys of a section's struct type and their types,
// with inline structs flattened, as yaml.v3 reads them.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for f := range t.Fields() {
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		switch {
		case name == "-":
			continue
		case opts == "inline":
			for key, ft := range yamlFields(f.Type) {
				m[key] = ft
			}
			continue
		case name == "":
			name = strings.ToLower(f.Name)
		}
		m[name] = f.Type
	}
	return m
}

// isSection reports whether t is read as a set of keys.
func isSection(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t != reflect.TypeFor[time.Time]()
}

func isInt(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	}
	return false
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// editDistance is the Levenshtein distance of a and b, for "did you mean".
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
