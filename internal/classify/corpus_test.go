package classify

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"helpdesk/internal/message"
)

// sharedDir locates /work/shared relative to the module root.
func sharedDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared corpora not found at %s: %v", dir, err)
	}
	return dir
}

// labelled is one corpus mail with its label.
type labelled struct {
	file string
	want Category
	msg  *message.Message
}

// readCorpus reads a labelled corpus: its mails, labels and shop settings.
func readCorpus(t testing.TB, dir string) ([]labelled, Settings) {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "labels.csv"))
	if err != nil {
		t.Skipf("corpus %s: %v", dir, err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("labels.csv: %v", err)
	}
	var s Settings
	if b, err := os.ReadFile(filepath.Join(dir, "shop.json")); err == nil {
		var shop struct {
			Address string `json:"address"`
		}
		if err := json.Unmarshal(b, &shop); err != nil {
			t.Fatalf("shop.json: %v", err)
		}
		s.Addresses = []string{shop.Address}
	}
	var out []labelled
	for _, row := range rows[1:] {
		raw, err := os.Open(filepath.Join(dir, "mail", row[0]))
		if err != nil {
			t.Fatalf("%s: %v", row[0], err)
		}
		m, err := message.Read(raw, message.Options{})
		raw.Close()
		if err != nil {
			t.Fatalf("%s: %v", row[0], err)
		}
		out = append(out, labelled{file: row[0], want: Category(row[1]), msg: m})
	}
	return out, s
}

// TestCorpora runs Classify over both labelled corpora and holds the
// figures reached so they cannot regress. The harmful count is the one
// that matters most: a confident claim category on a mail labelled other,
// or a confident wrong claim category.
func TestCorpora(t *testing.T) {
	shared := sharedDir(t)
	for _, c := range []struct {
		name        string
		minAccuracy float64
		maxHarmful  int
	}{
		{"dev", 0.98, 0},
		{"wording", 0.98, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			mails, s := readCorpus(t, filepath.Join(shared, "corpus", c.name))
			right, doubt, harmful := 0, 0, 0
			confusion := map[[2]Category]int{}
			for _, l := range mails {
				r := Classify(l.msg, s)
				confusion[[2]Category{l.want, r.Category}]++
				if r.Category == l.want {
					right++
				}
				if !r.Confident {
					doubt++
				}
				bad := r.Confident && !r.Escalation && r.Category != l.want && l.want != Auto &&
					(r.Category != Other || l.want == Other)
				if bad {
					harmful++
				}
				if r.Category != l.want || bad || os.Getenv("CLASSIFY_VERBOSE") != "" {
					t.Logf("%s: got %s (confident %v, requests %v, escalation %v); want %s\n\t%s",
						l.file, r.Category, r.Confident, r.Requests, r.Escalation, l.want, strings.Join(r.Reasons, "\n\t"))
				}
			}
			acc := float64(right) / float64(len(mails))
			t.Logf("%s: category accuracy %.3f (%d/%d), not confident %d, confident and wrong %d",
				c.name, acc, right, len(mails), doubt, harmful)
			for _, want := range Categories {
				var b strings.Builder
				for _, got := range Categories {
					b.WriteString(strings.Repeat(" ", 4))
					b.WriteString(padLeft(confusion[[2]Category{want, got}]))
				}
				t.Logf("%-17s%s", want, b.String())
			}
			if acc < c.minAccuracy {
				t.Errorf("category accuracy %.3f; want at least %.3f", acc, c.minAccuracy)
			}
			if harmful > c.maxHarmful {
				t.Errorf("confident and wrong: %d; want at most %d", harmful, c.maxHarmful)
			}
		})
	}
}

func padLeft(n int) string {
	s := strings.Repeat(" ", 3) + itoa(n)
	return s[len(s)-3:]
}

func itoa(n int) string {
	if n == 0 {
		return "."
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
