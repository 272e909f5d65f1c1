package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"helpdesk/internal/decide"
)

func sharedCorpus(t *testing.T, name string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "corpus", name)
	if _, err := os.Stat(filepath.Join(dir, "labels.csv")); err != nil {
		t.Skipf("corpus %s not found (../shared beside the repository): %v", dir, err)
	}
	return dir
}

// TestCorpora holds the figures issue 3 asks for on every shared corpus.
func TestCorpora(t *testing.T) {
	for _, name := range []string{"dev", "wording"} {
		t.Run(name, func(t *testing.T) {
			rep, err := Run(context.Background(), sharedCorpus(t, name), decide.Shop{})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: total %d, category %.3f, outcome %.3f, harmful %d, automation %.3f",
				name, rep.Total, rep.CategoryAccuracy, rep.OutcomeAccuracy, rep.Harmful, rep.Automation)
			if rep.Harmful != 0 {
				var b bytes.Buffer
				WriteText(&b, rep)
				t.Errorf("got %d harmful decisions; want 0\n%s", rep.Harmful, b.String())
			}
			if rep.CategoryAccuracy < 0.95 || rep.OutcomeAccuracy < 0.95 {
				t.Errorf("got category accuracy %.3f, outcome accuracy %.3f; want >= 0.95 each", rep.CategoryAccuracy, rep.OutcomeAccuracy)
			}
		})
	}
}

func TestJSONShape(t *testing.T) {
	rep, err := Run(context.Background(), sharedCorpus(t, "dev"), decide.Shop{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"total", "category_accuracy", "outcome_accuracy", "harmful", "automation", "results"} {
		if _, ok := got[k]; !ok {
			t.Errorf("report lacks %q", k)
		}
	}
	res := got["results"].([]any)[0].(map[string]any)
	for _, k := range []string{"file", "want_category", "got_category", "want_outcome", "got_outcome", "reasons"} {
		if _, ok := res[k]; !ok {
			t.Errorf("result lacks %q", k)
		}
	}
}

// writeCorpus makes a small corpus whose labels.csv is labels.
func writeCorpus(t *testing.T, labels string, mails ...string) string {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "mail"), 0o755)
	os.WriteFile(filepath.Join(dir, "orders.csv"), []byte("order_id,email,product,placed_at,amount_cents,currency,recurring,last_payment_at,status\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "labels.csv"), []byte(labels), 0o644)
	for _, m := range mails {
		os.WriteFile(filepath.Join(dir, "mail", m), []byte("From: a@example.nl\r\nSubject: hoi\r\n\r\nhoi\r\n"), 0o644)
	}
	return dir
}

func TestMalformedCorpus(t *testing.T) {
	tests := []struct {
		name, labels string
		mails        []string
		want         string
	}{
		{"missing mail file", "file,category,outcome\n001.eml,other,human\n002.eml,other,human\n", []string{"001.eml"}, "line 3: mail file 002.eml"},
		{"unknown category", "file,category,outcome\n001.eml,refund,human\n", []string{"001.eml"}, `line 2: unknown category "refund"`},
		{"unknown outcome", "file,category,outcome\n001.eml,other,maybe\n", []string{"001.eml"}, `line 2: unknown outcome "maybe"`},
		{"wrong header", "name,label\n", nil, "line 1: header"},
		{"short row", "file,category,outcome\n001.eml,other\n", []string{"001.eml"}, "line 2: 2 fields"},
		{"path outside mail/", "file,category,outcome\n../x.eml,other,human\n", nil, "line 2: file"},
		{"duplicate", "file,category,outcome\n001.eml,other,human\n001.eml,other,human\n", []string{"001.eml"}, "line 3: 001.eml already labelled on line 2"},
		{"empty", "file,category,outcome\n", nil, "no labelled mail"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Run(context.Background(), writeCorpus(t, tt.labels, tt.mails...), decide.Shop{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got error %v; want one containing %q", err, tt.want)
			}
		})
	}
	t.Run("missing orders.csv", func(t *testing.T) {
		dir := writeCorpus(t, "file,category,outcome\n001.eml,other,human\n", "001.eml")
		os.Remove(filepath.Join(dir, "orders.csv"))
		if _, err := Run(context.Background(), dir, decide.Shop{}); err == nil || !strings.Contains(err.Error(), "orders.csv") {
			t.Fatalf("got %v; want an error naming orders.csv", err)
		}
	})
	t.Run("bad shop.json", func(t *testing.T) {
		dir := writeCorpus(t, "file,category,outcome\n001.eml,other,human\n", "001.eml")
		os.WriteFile(filepath.Join(dir, "shop.json"), []byte(`{"time_zone": "Mars/Olympus"}`), 0o644)
		if _, err := Run(context.Background(), dir, decide.Shop{}); err == nil || !strings.Contains(err.Error(), "time_zone") {
			t.Fatalf("got %v; want an error naming time_zone", err)
		}
	})
}
