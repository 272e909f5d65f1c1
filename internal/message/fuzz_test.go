package message

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
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

// fuzzLimits are the limits FuzzRead reads each input with: loose ones,
// and tight ones that every small input can reach.
var fuzzLimits = [...]Limits{
	{MaxParts: 50, MaxDepth: 8, MaxTextSize: 64 << 10},
	{MaxSize: 2048, MaxParts: 4, MaxDepth: 2, MaxHeaderSize: 256, MaxTextSize: 128},
}

func FuzzRead(f *testing.F) {
	addSeeds(f, func(b []byte) { f.Add(b) })
	for _, s := range []string{
		"Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>y</p>\r\n--b--\r\n--a--\r\n",
		"Content-Type: multipart/mixed; boundary=a\n\n--a\nX-Long: " + strings.Repeat("x", 300) + "\n\nbody\n--a--\n",
		"Content-Type: text/html\n\n" + strings.Repeat("<div>", 600) + "diep",
		"Subject: =?utf-8?Q?a=00b=0D=0Ac?=\nFrom: =?utf-8?Q?A=0D=0AB?= <a@example.nl>\nContent-Transfer-Encoding: base64\n\nQUJD\n!!\n",
		"From: a\x00b <a@example.nl>\n\nx\x00y\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, lim := range fuzzLimits {
			m, err := Read(bytes.NewReader(b), Options{Limits: lim})
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
			if strings.ContainsFunc(m.Subject, isControl) || m.From != nil && strings.ContainsFunc(m.From.Name, isControl) {
				t.Errorf("got Subject %q, From %v; want no control characters", m.Subject, m.From)
			}
			lim = lim.withDefaults()
			if want := min(int64(len(b)), lim.MaxSize); m.Size != want {
				t.Errorf("got Size %d; want %d", m.Size, want)
			}
			if int64(len(b)) > lim.MaxSize && !m.OverLimit {
				t.Errorf("%d bytes over MaxSize %d: got OverLimit false", len(b), lim.MaxSize)
			}
			if m.OverLimit && !slices.ContainsFunc(m.Problems, func(p string) bool { return strings.Contains(p, "Max") }) {
				t.Errorf("got OverLimit with Problems %q; want one naming the limit", m.Problems)
			}
			// Text guessed as windows-1252 grows up to three times in UTF-8.
			if len(m.Text) > 3*lim.MaxTextSize {
				t.Errorf("got %d bytes of Text; want at most 3 × MaxTextSize %d", len(m.Text), lim.MaxTextSize)
			}
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
