// Package eval measures helpdesk on a labelled corpus (PRODUCT.md,
// "Evaluation corpus format"): every mail is read, classified and decided
// through the same code the daemon runs, against the corpus's orders in a
// fresh temporary database, and compared with its label.
package eval

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"helpdesk/internal/classify"
	"helpdesk/internal/decide"
	"helpdesk/internal/message"
	"helpdesk/internal/policy"
	"helpdesk/internal/store"
)

// Report is PRODUCT.md's evaluation report.
type Report struct {
	Total            int      `json:"total"`
	CategoryAccuracy float64  `json:"category_accuracy"`
	OutcomeAccuracy  float64  `json:"outcome_accuracy"`
	Harmful          int      `json:"harmful"`
	Automation       float64  `json:"automation"`
	Results          []Result `json:"results"`
}

// Result is one labelled mail and what helpdesk decided.
type Result struct {
	File         string   `json:"file"`
	WantCategory string   `json:"want_category"`
	GotCategory  string   `json:"got_category"`
	WantOutcome  string   `json:"want_outcome"`
	GotOutcome   string   `json:"got_outcome"`
	Reasons      []string `json:"reasons"`
}

// Harmful reports whether the decision acts on the customer (anything but
// human) and differs from the label: a wrong promise, a wrong refusal, a
// wrongly ignored mail.
func (r Result) Harmful() bool {
	return r.GotOutcome != string(policy.Human) && (r.GotCategory != r.WantCategory || r.GotOutcome != r.WantOutcome)
}

// Shop is the corpus's optional shop.json.
type Shop struct {
	Address    string `json:"address"`
	TimeZone   string `json:"time_zone"`
	WindowDays int    `json:"window_days"`
}

type label struct {
	line              int
	file              string
	category, outcome string
}

// Run evaluates the corpus in dir. base holds the program's configured
// settings; what the corpus's shop.json gives overrides them.
func Run(ctx context.Context, dir string, base decide.Shop) (*Report, error) {
	shop, err := loadShop(dir, base)
	if err != nil {
		return nil, err
	}
	labels, err := loadLabels(filepath.Join(dir, "labels.csv"), filepath.Join(dir, "mail"))
	if err != nil {
		return nil, err
	}

	tmp, err := os.MkdirTemp("", "helpdesk-eval-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	st, err := store.Open(ctx, filepath.Join(tmp, "eval.db"))
	if err != nil {
		return nil, err
	}
	defer st.Close()
	f, err := os.Open(filepath.Join(dir, "orders.csv"))
	if err != nil {
		return nil, fmt.Errorf("corpus orders: %w", err)
	}
	_, err = st.ImportOrdersCSV(ctx, f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "orders.csv"), err)
	}

	rep := &Report{Total: len(labels), Results: make([]Result, 0, len(labels))}
	var catOK, outOK, autoWant, autoOK int
	for _, l := range labels {
		res, err := decideFile(ctx, shop, st, filepath.Join(dir, "mail", l.file))
		if err != nil {
			return nil, fmt.Errorf("labels.csv line %d: %s: %w", l.line, l.file, err)
		}
		r := Result{
			File:         l.file,
			WantCategory: l.category,
			GotCategory:  string(res.Decision.Category),
			WantOutcome:  l.outcome,
			GotOutcome:   string(res.Decision.Outcome),
			Reasons:      res.Decision.Reasons,
		}
		if r.Reasons == nil {
			r.Reasons = []string{}
		}
		if r.GotCategory == r.WantCategory {
			catOK++
		}
		if r.GotOutcome == r.WantOutcome {
			outOK++
		}
		if r.Harmful() {
			rep.Harmful++
		}
		if r.WantOutcome != string(policy.Human) {
			autoWant++
			if r.GotCategory == r.WantCategory && r.GotOutcome == r.WantOutcome {
				autoOK++
			}
		}
		rep.Results = append(rep.Results, r)
	}
	rep.CategoryAccuracy = ratio(catOK, rep.Total)
	rep.OutcomeAccuracy = ratio(outOK, rep.Total)
	rep.Automation = ratio(autoOK, autoWant)
	return rep, nil
}

func decideFile(ctx context.Context, shop decide.Shop, st *store.Store, path string) (decide.Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return decide.Result{}, err
	}
	defer f.Close()
	m, err := message.Read(f, message.Options{})
	if err != nil {
		return decide.Result{}, err
	}
	return decide.Mail(ctx, shop, st, m, policy.History{}, nil)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func loadShop(dir string, base decide.Shop) (decide.Shop, error) {
	shop := base
	data, err := os.ReadFile(filepath.Join(dir, "shop.json"))
	if errors.Is(err, os.ErrNotExist) {
		return shop, nil
	}
	if err != nil {
		return shop, err
	}
	var s Shop
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return shop, fmt.Errorf("%s: %w", filepath.Join(dir, "shop.json"), err)
	}
	if s.Address != "" {
		shop.Addresses = append([]string{s.Address}, shop.Addresses...)
	}
	if s.TimeZone != "" {
		loc, err := time.LoadLocation(s.TimeZone)
		if err != nil {
			return shop, fmt.Errorf("%s: time_zone: %w", filepath.Join(dir, "shop.json"), err)
		}
		shop.Location = loc
	}
	if s.WindowDays != 0 {
		if s.WindowDays < 0 {
			return shop, fmt.Errorf("%s: window_days %d is negative", filepath.Join(dir, "shop.json"), s.WindowDays)
		}
		shop.WindowDays = s.WindowDays
	}
	return shop, nil
}

func loadLabels(path, mailDir string) ([]label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("corpus labels: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	var (
		labels []label
		seen   = map[string]int{}
	)
	for first := true; ; first = false {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		line, _ := r.FieldPos(0)
		if first {
			if strings.Join(rec, ",") != "file,category,outcome" {
				return nil, fmt.Errorf("%s line %d: header is %q; want \"file,category,outcome\"", path, line, strings.Join(rec, ","))
			}
			continue
		}
		if len(rec) != 3 {
			return nil, fmt.Errorf("%s line %d: %d fields; want 3 (file,category,outcome)", path, line, len(rec))
		}
		l := label{line: line, file: strings.TrimSpace(rec[0]), category: strings.TrimSpace(rec[1]), outcome: strings.TrimSpace(rec[2])}
		if !classify.Category(l.category).Valid() {
			return nil, fmt.Errorf("%s line %d: unknown category %q", path, line, l.category)
		}
		if !policy.Outcome(l.outcome).Valid() {
			return nil, fmt.Errorf("%s line %d: unknown outcome %q", path, line, l.outcome)
		}
		if l.file == "" || filepath.IsAbs(l.file) || strings.Contains(filepath.ToSlash(l.file), "../") {
			return nil, fmt.Errorf("%s line %d: file %q is not a path inside mail/", path, line, l.file)
		}
		if prev, ok := seen[l.file]; ok {
			return nil, fmt.Errorf("%s line %d: %s already labelled on line %d", path, line, l.file, prev)
		}
		if _, err := os.Stat(filepath.Join(mailDir, l.file)); err != nil {
			return nil, fmt.Errorf("%s line %d: mail file %s: %w", path, line, l.file, err)
		}
		seen[l.file] = line
		labels = append(labels, l)
	}
	if len(labels) == 0 {
		return nil, fmt.Errorf("%s: no labelled mail", path)
	}
	return labels, nil
}

// WriteText prints the report for people: the figures, a confusion matrix
// of wanted against decided outcome per category, and every miss.
func WriteText(w io.Writer, rep *Report) {
	fmt.Fprintf(w, "mails               %d\n", rep.Total)
	fmt.Fprintf(w, "category accuracy   %.3f\n", rep.CategoryAccuracy)
	fmt.Fprintf(w, "outcome accuracy    %.3f\n", rep.OutcomeAccuracy)
	fmt.Fprintf(w, "harmful             %d\n", rep.Harmful)
	fmt.Fprintf(w, "automation          %.3f\n\n", rep.Automation)

	type key struct{ cat, out string }
	counts := map[key]map[key]int{}
	for _, r := range rep.Results {
		k := key{r.WantCategory, r.WantOutcome}
		if counts[k] == nil {
			counts[k] = map[key]int{}
		}
		counts[k][key{r.GotCategory, r.GotOutcome}]++
	}
	fmt.Fprintln(w, "category × outcome: labelled (rows) against decided (columns: outcome, with the category when it differs)")
	var rows []key
	for k := range counts {
		rows = append(rows, k)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].cat != rows[j].cat {
			return catIndex(rows[i].cat) < catIndex(rows[j].cat)
		}
		return outIndex(rows[i].out) < outIndex(rows[j].out)
	})
	fmt.Fprintf(w, "  %-34s", "")
	for _, o := range policy.Outcomes {
		fmt.Fprintf(w, "%14s", o)
	}
	fmt.Fprintf(w, "%16s\n", "other category")
	for _, k := range rows {
		fmt.Fprintf(w, "  %-34s", k.cat+" / "+k.out)
		wrongCat := 0
		for _, o := range policy.Outcomes {
			n := counts[k][key{k.cat, string(o)}]
			cell := "."
			if n > 0 {
				cell = fmt.Sprint(n)
			}
			fmt.Fprintf(w, "%14s", cell)
		}
		for g, n := range counts[k] {
			if g.cat != k.cat {
				wrongCat += n
			}
		}
		cell := "."
		if wrongCat > 0 {
			cell = fmt.Sprint(wrongCat)
		}
		fmt.Fprintf(w, "%16s\n", cell)
	}

	var misses []Result
	for _, r := range rep.Results {
		if r.GotCategory != r.WantCategory || r.GotOutcome != r.WantOutcome {
			misses = append(misses, r)
		}
	}
	if len(misses) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%d mail(s) decided otherwise than labelled:\n", len(misses))
	for _, r := range misses {
		mark := ""
		if r.Harmful() {
			mark = "  HARMFUL"
		}
		fmt.Fprintf(w, "  %s: want %s/%s, got %s/%s%s\n", r.File, r.WantCategory, r.WantOutcome, r.GotCategory, r.GotOutcome, mark)
		for _, why := range r.Reasons {
			fmt.Fprintf(w, "      %s\n", why)
		}
	}
}

func catIndex(c string) int {
	for i, k := range classify.Categories {
		if string(k) == c {
			return i
		}
	}
	return len(classify.Categories)
}

func outIndex(o string) int {
	for i, k := range policy.Outcomes {
		if string(k) == o {
			return i
		}
	}
	return len(policy.Outcomes)
}
