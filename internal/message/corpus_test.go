package message

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io/fs"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sharedDir returns /work/shared: the module root's parent joined with
// "shared". Tests that need it skip when it is absent.
func sharedDir(t testing.TB, elem ...string) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join(append([]string{"..", "..", "..", "shared"}, elem...)...))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared test data not found (%v): these tests need the repository's sibling folder shared/", err)
	}
	return dir
}

// readFile parses one file, failing the test on a panic or an error.
func readFile(t *testing.T, path string) *Message {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return readBytes(t, b)
}

func readBytes(t *testing.T, b []byte) (m *Message) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("Read panicked: %v", r)
		}
	}()
	m, err := Read(bytes.NewReader(b), Options{})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return m
}

// TestReadPublic reads every .eml of the public fixture sets: none may
// panic, fail or hang (a hang trips go test's timeout).
func TestReadPublic(t *testing.T) {
	root := sharedDir(t, "testdata", "public")
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".eml") {
			return err
		}
		n++
		rel, _ := filepath.Rel(root, path)
		t.Run(rel, func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if len(b) == 0 {
				t.Skip("empty file")
			}
			readBytes(t, b)
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no .eml files found")
	}
}

// TestSisimai checks that every bounce, DSN and feedback report of the
// sisimai set is recognised as machine mail, and that its two mails that
// are not bounces (maildir/not/is-not-bounce-*) are not.
func TestSisimai(t *testing.T) {
	root := sharedDir(t, "testdata", "public", "sisimai-set-of-emails")
	files, err := filepath.Glob(filepath.Join(root, "maildir", "*", "*.eml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no sisimai fixtures: %v", err)
	}
	for _, f := range files {
		rel, _ := filepath.Rel(root, f)
		t.Run(rel, func(t *testing.T) {
			m := readFile(t, f)
			human := strings.HasPrefix(filepath.Base(f), "is-not-bounce")
			if human && len(m.Auto) > 0 {
				t.Errorf("got Auto %q; want none (a person's mail)", m.Auto)
			}
			if !human && len(m.Auto) == 0 {
				t.Errorf("got no Auto signal; want one (subject %q, from %v)", m.Subject, m.From)
			}
		})
	}
}

// corpus is one labelled corpus of PRODUCT.md.
type corpus struct {
	dir    string
	labels map[string]string // file -> category
	files  []string
	orders map[string]bool // order ids
	shop   string          // the shop's own address
}

func loadCorpus(t *testing.T, name string) *corpus {
	t.Helper()
	dir := sharedDir(t, "corpus", name)
	c := &corpus{dir: dir, labels: map[string]string{}, orders: map[string]bool{}}
	for _, r := range readCSV(t, filepath.Join(dir, "labels.csv")) {
		c.labels[r[0]] = r[1]
		c.files = append(c.files, r[0])
	}
	for _, r := range readCSV(t, filepath.Join(dir, "orders.csv")) {
		c.orders[strings.ToUpper(r[0])] = true
	}
	var shop struct {
		Address string `json:"address"`
	}
	if b, err := os.ReadFile(filepath.Join(dir, "shop.json")); err == nil {
		if err := json.Unmarshal(b, &shop); err != nil {
			t.Fatalf("shop.json: %v", err)
		}
	}
	c.shop = shop.Address
	return c
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows[1:]
}

// topmostReceived reads the date of the topmost Received: field with
// net/mail alone, as an independent check of Read's arrival time.
func topmostReceived(t *testing.T, raw []byte) string {
	t.Helper()
	msg, err := mail.ReadMessage(bufio.NewReader(bytes.NewReader(raw)))
	if err != nil {
		t.Fatalf("net/mail: %v", err)
	}
	rcvd := msg.Header["Received"]
	if len(rcvd) == 0 {
		return ""
	}
	v := rcvd[0]
	d, err := mail.ParseDate(strings.TrimSpace(v[strings.LastIndexByte(v, ';')+1:]))
	if err != nil {
		t.Fatalf("net/mail: Received date of %q: %v", v, err)
	}
	return d.UTC().Format("2006-01-02 15:04:05")
}

// TestCorpus runs sanity checks over every labelled mail: machine-mail
// signals exactly on the mails labelled auto (mail from the shop's own
// address is the classifier's to decide), own text for every person's
// mail, and the arrival time of PRODUCT.md.
func TestCorpus(t *testing.T) {
	for _, name := range []string{"dev", "wording"} {
		c := loadCorpus(t, name)
		for _, file := range c.files {
			t.Run(name+"/"+file, func(t *testing.T) {
				raw, err := os.ReadFile(filepath.Join(c.dir, "mail", file))
				if err != nil {
					t.Fatal(err)
				}
				m := readBytes(t, raw)
				own := m.From != nil && strings.EqualFold(m.From.Address, c.shop)
				auto := c.labels[file] == "auto"
				switch {
				case !auto && len(m.Auto) > 0:
					t.Errorf("got Auto %q on a mail labelled %s; want none", m.Auto, c.labels[file])
				case auto && !own && len(m.Auto) == 0:
					t.Errorf("got no Auto signal; want one (labelled auto)")
				}
				if !auto && strings.TrimSpace(m.OwnText) == "" {
					t.Errorf("got empty own text; want the customer's text (Text %q)", m.Text)
				}
				if m.From == nil {
					t.Errorf("got no From address")
				}
				if len(m.Problems) > 0 {
					t.Errorf("got Problems %q; want none", m.Problems)
				}
				want := topmostReceived(t, raw)
				got := m.Arrival.UTC().Format("2006-01-02 15:04:05")
				if m.ArrivalSource != "received" || got != want {
					t.Errorf("got arrival %s (%s); want %s (received)", got, m.ArrivalSource, want)
				}
			})
		}
	}
}

// TestCorpusEdgeCases checks the edge cases the corpus READMEs name.
func TestCorpusEdgeCases(t *testing.T) {
	read := func(t *testing.T, c *corpus, file string) *Message {
		return readFile(t, filepath.Join(c.dir, "mail", file))
	}
	dev, wording := loadCorpus(t, "dev"), loadCorpus(t, "wording")

	// The only order number is in quoted history: it is no OrderRef.
	for _, tc := range []struct {
		c    *corpus
		file string
	}{{dev, "026.eml"}, {wording, "022.eml"}, {wording, "198.eml"}, {wording, "207.eml"}} {
		t.Run("quoted order number "+filepath.Base(tc.c.dir)+"/"+tc.file, func(t *testing.T) {
			m := read(t, tc.c, tc.file)
			var quoted []string
			for _, n := range FindOrderNumbers(m.Quoted) {
				if tc.c.orders[n] {
					quoted = append(quoted, n)
				}
			}
			if len(quoted) == 0 {
				t.Fatalf("got no known order number in Quoted %q; want one", m.Quoted)
			}
			for _, n := range quoted {
				if slices.Contains(m.OrderRefs, n) {
					t.Errorf("got OrderRefs %q; want no %s (only quoted)", m.OrderRefs, n)
				}
			}
		})
	}

	// Links only in quoted history are no links.
	for _, tc := range []struct {
		c    *corpus
		file string
	}{{dev, "051.eml"}, {dev, "054.eml"}, {dev, "065.eml"}, {wording, "171.eml"}} {
		t.Run("quoted links "+filepath.Base(tc.c.dir)+"/"+tc.file, func(t *testing.T) {
			m := read(t, tc.c, tc.file)
			if len(m.Links) > 0 {
				t.Errorf("got Links %q; want none", m.Links)
			}
			if !strings.Contains(m.Quoted, "http") {
				t.Errorf("got Quoted %q; want the quoted links in it", m.Quoted)
			}
		})
	}

	// A screenshot pasted inline is an attachment and no signature.
	for _, tc := range []struct {
		c    *corpus
		file string
	}{{dev, "004.eml"}, {wording, "179.eml"}} {
		t.Run("inline screenshot "+filepath.Base(tc.c.dir)+"/"+tc.file, func(t *testing.T) {
			m := read(t, tc.c, tc.file)
			ok := false
			for _, a := range m.Attachments {
				if a.Inline && strings.HasPrefix(a.ContentType, "image/") && !a.Signature {
					ok = true
				}
			}
			if !ok {
				t.Errorf("got Attachments %+v; want an inline image that is no signature", m.Attachments)
			}
		})
	}
}
