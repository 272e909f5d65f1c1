package message

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// addSeeds adds every .eml under testdata to the fuzz corpus.
func addSeeds(f *testing.F, add func([]byte)) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.eml"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seeds in testdata: %v", err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		add(b)
	}
}

func FuzzRead(f *testing.F) {
	addSeeds(f, func(b []byte) { f.Add(b) })
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Read(bytes.NewReader(b), Options{Limits: Limits{MaxParts: 50, MaxDepth: 8, MaxTextSize: 64 << 10}})
		if err != nil {
			if len(b) > 0 {
				t.Fatalf("Read of %d bytes: %v; want a best effort", len(b), err)
			}
			return
		}
		for name, s := range map[string]string{"Subject": m.Subject, "Text": m.Text, "OwnText": m.OwnText, "Quoted": m.Quoted} {
			if !utf8.ValidString(s) {
				t.Errorf("%s is not valid UTF-8: %q", name, s)
			}
		}
		if m.Size != int64(len(b)) {
			t.Errorf("got Size %d; want %d", m.Size, len(b))
		}
	})
}

// nonBlankLines returns the lines of s that hold more than white space,
// with trailing white space cut, as SplitQuoted sees them.
func nonBlankLines(s string) []string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = strings.TrimRight(l, " \t"); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func FuzzSplitQuoted(f *testing.F) {
	addSeeds(f, func(b []byte) {
		if i := bytes.Index(b, []byte("\r\n\r\n")); i >= 0 {
			f.Add(string(b[i+4:]))
		}
	})
	for _, s := range []string{
		"Hoi\n\nOp zo 15 nov 2026 om 13:46 schreef X <x@example.nl>:\n> oud\n",
		"a\n> b\nc\n> d\n",
		"Help\n\n-- \nJan",
		"Graag.\n\nMet vriendelijke groet,\n\nJan\nBedrijf",
		"x\n________________________________\nVan: a\nVerzonden: b\nAan: c\nOnderwerp: d\n\ne",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		own, quoted := SplitQuoted(s)
		// Every line goes to exactly one side, unchanged.
		in := nonBlankLines(s)
		out := append(nonBlankLines(own), nonBlankLines(quoted)...)
		if len(in) != len(out) {
			t.Fatalf("SplitQuoted(%q): %d non-blank lines in, %d out (own %q, quoted %q)", s, len(in), len(out), own, quoted)
		}
		seen := map[string]int{}
		for _, l := range in {
			seen[l]++
		}
		for _, l := range out {
			if seen[l]--; seen[l] < 0 {
				t.Fatalf("SplitQuoted(%q): line %q is not in the input", s, l)
			}
		}
	})
}
