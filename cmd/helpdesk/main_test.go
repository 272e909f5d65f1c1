package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// helpdesk runs the command line in a temporary directory (so the default
// helpdesk.db lands there) and returns stdout, stderr and the error.
func helpdesk(t *testing.T, dir string, args ...string) (string, string, error) {
	t.Helper()
	t.Chdir(dir)
	t.Setenv("HELPDESK_CONFIG", "")
	var out, errw bytes.Buffer
	err := run(context.Background(), args, &out, &errw)
	return out.String(), errw.String(), err
}

func TestUsage(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{nil, {"frobnicate"}, {"orders"}, {"eval"}, {"refunds", "done", "x"}} {
		_, stderr, err := helpdesk(t, dir, args...)
		if !errors.Is(err, errUsage) || stderr == "" {
			t.Errorf("helpdesk %v: got %v, stderr %q; want a usage error", args, err, stderr)
		}
	}
	if out, _, err := helpdesk(t, dir, "help"); err != nil || !strings.Contains(out, "helpdesk demo") {
		t.Errorf("help: %v %q", err, out)
	}
}

func TestOrdersImportAndRefunds(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "orders.csv")
	os.WriteFile(good, []byte("order_id,email,product,placed_at,amount_cents,currency,recurring,last_payment_at,status\n"+
		"100234,anna@example.nl,1000 volgers,2026-11-02T14:05:00+01:00,1495,EUR,false,,processing\n"), 0o644)
	out, _, err := helpdesk(t, dir, "orders", "import", good)
	if err != nil || !strings.Contains(out, "1 added") {
		t.Fatalf("import: %v, %q", err, out)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("order_id,email,product,placed_at,amount_cents,currency,recurring,last_payment_at,status\n"+
		"100235,anna@example.nl,x,yesterday,1,EUR,false,,processing\n"+
		"100236,anna@example.nl,x,2026-11-02T14:05:00+01:00,1,EUR,false,,lost\n"), 0o644)
	_, _, err = helpdesk(t, dir, "orders", "import", bad)
	if err == nil || !strings.Contains(err.Error(), "line 2") || !strings.Contains(err.Error(), "line 3") || !strings.Contains(err.Error(), "nothing was imported") {
		t.Fatalf("bad import: got %v; want both lines named", err)
	}
	out, _, err = helpdesk(t, dir, "refunds")
	if err != nil || !strings.Contains(out, "No open refunds") {
		t.Errorf("refunds: %v, %q", err, out)
	}
	out, _, err = helpdesk(t, dir, "refunds", "--csv")
	if err != nil || !strings.HasPrefix(out, "id,order_id,") {
		t.Errorf("refunds --csv: %v, %q", err, out)
	}
	if _, _, err := helpdesk(t, dir, "refunds", "done", "7"); err == nil || !strings.Contains(err.Error(), "no open refund 7") {
		t.Errorf("refunds done of an unknown id: %v", err)
	}
}

func TestEvalJSON(t *testing.T) {
	corpus, err := filepath.Abs(filepath.Join("..", "..", "..", "shared", "corpus", "dev"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("corpus not found (../shared beside the repository): %v", err)
	}
	out, _, err := helpdesk(t, t.TempDir(), "eval", "--json", corpus)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Total   int `json:"total"`
		Harmful int `json:"harmful"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Total == 0 {
		t.Fatalf("eval --json printed no report: %v\n%s", err, out)
	}
}

func TestBadConfigIsOneClearError(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "helpdesk.yaml")
	os.WriteFile(cfg, []byte("mode: loud\nshop:\n  window_days: -1\n  adress: x\nimap:\n  password: secret\n"), 0o644)
	_, _, err := helpdesk(t, dir, "poll", "--config", cfg)
	if err == nil {
		t.Fatal("a broken config was accepted")
	}
	for _, want := range []string{"mode", "window_days", "adress", "password"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not name %s:\n%v", want, err)
		}
	}
	if strings.Contains(err.Error(), "secret") {
		t.Errorf("the error shows the password: %v", err)
	}
}
