package message

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"testing/iotest"
)

// guardModel is what headerGuard must do, line by line: the bytes it
// passes before it stops, and whether a part header went over max.
func guardModel(in []byte, boundary string, max int) (passed []byte, over bool) {
	delim := []byte("--" + boundary)
	inHeader, n := false, 0
	for len(in) > 0 {
		line := in
		if i := bytes.IndexByte(in, '\n'); i >= 0 {
			line = in[:i+1]
		}
		in = in[len(line):]
		switch {
		case inHeader:
			n += len(line)
			if n > max {
				return passed, true
			}
			if string(line) == "\n" || string(line) == "\r\n" {
				inHeader = false
			}
		case bytes.HasPrefix(line, delim):
			rest := bytes.TrimLeft(line[len(delim):], " \t")
			if string(rest) == "\n" || string(rest) == "\r\n" {
				inHeader, n = true, 0
			}
		}
		passed = append(passed, line...)
	}
	return passed, false
}

// readGuard reads in through a headerGuard, its input cut in pieces by
// wrap.
func readGuard(in []byte, boundary string, max int, wrap func(io.Reader) io.Reader) ([]byte, bool, error) {
	g := newHeaderGuard(wrap(bytes.NewReader(in)), boundary, max)
	out, err := io.ReadAll(g)
	return out, g.over, err
}

func TestHeaderGuard(t *testing.T) {
	long := strings.Repeat("x", 5000)
	tests := []struct {
		name string
		in   string
		max  int
		over bool
	}{
		{"small header", "--b\r\nX: y\r\n\r\nbody\r\n--b--\r\n", 100, false},
		{"header at the limit", "--b\r\nX: yy\r\n\r\nbody", 10, false},
		{"header one over", "--b\r\nX: yyyy\r\n\r\nbody", 10, true},
		{"LF only", "--b\nX: " + long + "\n\nbody", 100, true},
		{"white space after the boundary", "--b \t\r\nX: " + long + "\r\n\r\n", 100, true},
		{"not a delimiter", "--bx\r\nX: " + long + "\r\n\r\n", 100, false},
		{"final boundary", "--b--\r\nX: " + long + "\r\n\r\n", 100, false},
		{"delimiter mid-line", "a--b\r\nX: " + long + "\r\n\r\n", 100, false},
		{"long body line", long + "\r\n--b\r\nX: " + long + "\r\n\r\n", 100, true},
		{"body past the buffer", strings.Repeat("regel\r\n", 1000) + "--b\r\nX: " + long + "\r\n\r\n", 100, true},
		{"many parts", strings.Repeat("--b\r\nX: y\r\n\r\nbody\r\n", 1000), 20, false},
		{"header after many parts", strings.Repeat("--b\r\nX: y\r\n\r\nbody\r\n", 1000) + "--b\r\n" + long, 20, true},
		{"no line end at the end", "--b\r\nX: y", 100, false},
	}
	wraps := map[string]func(io.Reader) io.Reader{
		"whole":    func(r io.Reader) io.Reader { return r },
		"one byte": iotest.OneByteReader,
		"half":     iotest.HalfReader,
		"data err": iotest.DataErrReader,
	}
	for _, tt := range tests {
		for wname, wrap := range wraps {
			t.Run(tt.name+"/"+wname, func(t *testing.T) {
				want, wantOver := guardModel([]byte(tt.in), "b", tt.max)
				if wantOver != tt.over {
					t.Fatalf("the model says over %v; the test %v", wantOver, tt.over)
				}
				got, over, err := readGuard([]byte(tt.in), "b", tt.max, wrap)
				if over != tt.over || over != errors.Is(err, errPartHeader) {
					t.Errorf("got over %v, err %v; want over %v", over, err, tt.over)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("passed %d bytes %.80q; want %d bytes %.80q", len(got), got, len(want), want)
				}
			})
		}
	}
}

// TestHeaderGuardGenerated compares headerGuard with its model on inputs
// made of lines that are, or almost are, delimiter lines.
func TestHeaderGuardGenerated(t *testing.T) {
	pieces := []string{"--bb\r\n", "--bb\n", "--bb \r\n", "--bbx\r\n", "--bb--\r\n", "--b\r\n", "\r\n", "\n",
		"X: y\r\n", " folded\r\n", "tekst\r\n", "-", "--", "b", "\r", strings.Repeat("z", 3000), strings.Repeat("y", 4094) + "\r\n"}
	rng := rand.New(rand.NewPCG(1, 2))
	overs := 0
	defer func() { t.Logf("%d of 2000 over", overs) }()
	for i := range 2000 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		in := []byte(b.String())
		max := 1 + rng.IntN(200)
		want, wantOver := guardModel(in, "bb", max)
		if wantOver {
			overs++
		}
		for _, wrap := range []func(io.Reader) io.Reader{iotest.OneByteReader, iotest.HalfReader, func(r io.Reader) io.Reader { return r }} {
			got, over, _ := readGuard(in, "bb", max, wrap)
			if over != wantOver || !bytes.Equal(got, want) {
				t.Fatalf("input %d %q, max %d: got over %v, %d bytes; want over %v, %d bytes", i, in, max, over, len(got), wantOver, len(want))
			}
		}
	}
}
