package reply

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"text/template"
	"time"
	"unicode/utf8"

	"helpdesk/templates"
)

// Template names beyond the "<category>.<outcome>" ones (see Name).
const (
	// Acknowledgement is the optional short reply to a mail flagged for a
	// person: someone answers within 24 to 48 hours.
	Acknowledgement = "human.ack"
	// NeedOrder asks for the order number and the address used to order;
	// one text serves every category.
	NeedOrder = "need_order"
	// common defines the pieces every reply of a language shares:
	// "greeting", "signature", "order", "subscription" and "subject" (the
	// subject of a reply to a mail that had none).
	common = "common"
)

// The words of PRODUCT.md, in its order.
var (
	categories = []string{"non_delivery", "not_as_described", "cancel_recurring", "dissatisfied", "other", "auto"}
	outcomes   = []string{"eligible", "expired", "need_evidence", "need_order", "human", "ignore"}
	// languages the texts are written in; the first is the default.
	languages = []string{"nl", "en"}
)

// Name returns the template that answers a mail decided as (category,
// outcome), or "" when that decision sends no mail. Following PRODUCT.md's
// decision table, only non_delivery and cancel_recurring can be eligible;
// every refund category can be expired or need_order; need_evidence is
// not_as_described's alone; human gets the acknowledgement (which the shop
// may switch off); other is always human and auto always ignored.
func Name(category, outcome string) string {
	switch outcome {
	case "eligible":
		switch category {
		case "non_delivery", "cancel_recurring":
			return category + ".eligible"
		}
	case "expired":
		switch category {
		case "non_delivery", "not_as_described", "cancel_recurring", "dissatisfied":
			return category + ".expired"
		}
	case "need_evidence":
		if category == "not_as_described" {
			return "not_as_described.need_evidence"
		}
	case "need_order":
		switch category {
		case "non_delivery", "not_as_described", "cancel_recurring", "dissatisfied":
			return NeedOrder
		}
	case "human":
		switch category {
		case "non_delivery", "not_as_described", "cancel_recurring", "dissatisfied", "other":
			return Acknowledgement
		}
	}
	return ""
}

// Pair is a (category, outcome) decision.
type Pair struct{ Category, Outcome string }

// Replies lists every decision that sends mail, in PRODUCT.md's order.
func Replies() []Pair {
	var ps []Pair
	for _, o := range outcomes {
		for _, c := range categories {
			if Name(c, o) != "" {
				ps = append(ps, Pair{c, o})
			}
		}
	}
	return ps
}

// Names lists every reply template name, without "common".
func Names() []string {
	var ns []string
	for _, p := range Replies() {
		if n := Name(p.Category, p.Outcome); !slices.Contains(ns, n) {
			ns = append(ns, n)
		}
	}
	return ns
}

// Languages lists the languages every template exists in; the first is
// the default.
func Languages() []string { return slices.Clone(languages) }

// Templates is a parsed and validated set of reply texts, safe for
// concurrent use.
type Templates struct {
	set    map[string]*template.Template // "nl/need_order" -> template, with common's pieces
	origin map[string]string             // "nl/need_order" -> where the text came from
}

// Load reads the embedded texts (package helpdesk/templates) and, when dir
// is not "", the overrides in dir: a file dir/<language>/<name>.txt wins
// over the embedded one of the same name. Every template is parsed and
// executed with sample data here, so that a broken override stops the
// program at start rather than at the first reply. Files in dir that are
// not templates are an error too: a misspelt name would otherwise be
// ignored without a word.
func Load(dir string) (*Templates, error) {
	if dir == "" {
		return LoadFS(templates.FS, nil)
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: templates_dir: %w", ErrTemplates, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%w: templates_dir %s is not a directory", ErrTemplates, dir)
	}
	return LoadFS(templates.FS, dirFS{os.DirFS(dir), dir})
}

// dirFS names the directory in errors.
type dirFS struct {
	fs.FS
	dir string
}

// LoadFS is Load with the embedded set and the overrides given as file
// systems (override may be nil).
func LoadFS(base, override fs.FS) (*Templates, error) {
	var errs []error
	if override != nil {
		errs = append(errs, checkOverride(override)...)
	}
	t := &Templates{set: map[string]*template.Template{}, origin: map[string]string{}}
	for _, lang := range languages {
		commonText, commonFrom, err := readTemplate(base, override, lang, common)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, name := range Names() {
			text, from, err := readTemplate(base, override, lang, name)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			tpl, err := template.New(name).Option("missingkey=error").Parse(text)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", from, err))
				continue
			}
			if _, err := tpl.New(common).Parse(commonText); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", commonFrom, err))
				continue
			}
			key := lang + "/" + name
			t.set[key], t.origin[key] = tpl, from
			if err := t.validate(lang, name); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", from, err))
			}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%w:\n%w", ErrTemplates, errors.Join(errs...))
	}
	return t, nil
}

// checkOverride reports every file of an override directory that is not a
// template: only <language>/<name>.txt files are read.
func checkOverride(fsys fs.FS) []error {
	var errs []error
	known := append(Names(), common)
	where := "templates_dir"
	if d, ok := fsys.(dirFS); ok {
		where = d.dir
	}
	err := fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		if p == "." || strings.HasPrefix(e.Name(), ".") {
			if e.IsDir() && p != "." {
				return fs.SkipDir
			}
			return nil
		}
		dir, file := path.Split(p)
		dir = strings.TrimSuffix(dir, "/")
		switch {
		case e.IsDir() && dir == "" && slices.Contains(languages, file):
			return nil
		case e.IsDir():
			errs = append(errs, fmt.Errorf("%s/%s: not a language directory (want one of %s)", where, p, strings.Join(languages, ", ")))
			return fs.SkipDir
		case dir == "" || !strings.HasSuffix(file, ".txt") || !slices.Contains(known, strings.TrimSuffix(file, ".txt")):
			errs = append(errs, fmt.Errorf("%s/%s: not a template (want <language>/<name>.txt with a name among %s)", where, p, strings.Join(known, ", ")))
		}
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	return errs
}

// readTemplate returns the text of lang/name.txt, from override when it
// has the file, and where it came from.
func readTemplate(base, override fs.FS, lang, name string) (text, from string, err error) {
	p := lang + "/" + name + ".txt"
	if override != nil {
		b, err := fs.ReadFile(override, p)
		switch {
		case err == nil:
			from = "templates_dir " + p
			if d, ok := override.(dirFS); ok {
				from = path.Join(d.dir, p)
			}
			if !utf8.Valid(b) {
				return "", from, fmt.Errorf("%s: not UTF-8", from)
			}
			return string(b), from, nil
		case !errors.Is(err, fs.ErrNotExist):
			return "", p, fmt.Errorf("templates_dir %s: %w", p, err)
		}
	}
	b, err := fs.ReadFile(base, p)
	if err != nil {
		return "", "embedded " + p, fmt.Errorf("embedded %s: %w", p, err)
	}
	return string(b), "embedded " + p, nil
}

// validate executes one template with full and with minimal sample data
// and checks what a customer would see.
func (t *Templates) validate(lang, name string) error {
	pair := Pair{}
	for _, p := range Replies() {
		if Name(p.Category, p.Outcome) == name {
			pair = p
			break
		}
	}
	var errs []error
	for _, d := range []Data{SampleData(lang, pair, true), SampleData(lang, pair, false)} {
		kind := "full"
		if d.Order == nil {
			kind = "minimal"
		}
		body, err := t.render(lang+"/"+name, d)
		if err != nil {
			errs = append(errs, fmt.Errorf("with %s data: %w", kind, err))
			continue
		}
		for _, bad := range []string{"<no value>", "<nil>", "%!"} {
			if strings.Contains(body, bad) {
				errs = append(errs, fmt.Errorf("with %s data the text contains %q", kind, bad))
			}
		}
		if !strings.Contains(body, d.ShopName) {
			errs = append(errs, fmt.Errorf("with %s data the text does not name the shop: sign it with {{template \"signature\" .}}", kind))
		}
		subject, err := t.defaultSubject(lang+"/"+name, d)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("subject with %s data: %w", kind, err))
		case subject == "":
			errs = append(errs, fmt.Errorf("common.txt: \"subject\" is empty with %s data", kind))
		}
	}
	return errors.Join(errs...)
}

// SampleData is the data templates are validated with at start-up, for
// one language and decision: full has an order and every date, minimal
// has neither (nor a customer name).
func SampleData(lang string, p Pair, full bool) Data {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		loc = time.FixedZone("CET", 3600)
	}
	d := Data{Category: p.Category, Outcome: p.Outcome, Language: lang, ShopName: "Volgersfabriek", Location: loc}
	if !full {
		return d
	}
	placed := time.Date(2026, 11, 2, 14, 5, 0, 0, loc)
	d.CustomerName = "Anna Peters"
	d.Order = &Order{ID: "100234", Product: "1000 Instagram volgers", PlacedAt: placed, AmountCents: 1495, Currency: "EUR"}
	d.ReferenceDate = placed
	if p.Category == "cancel_recurring" {
		last := time.Date(2026, 11, 15, 9, 0, 0, 0, loc)
		d.Order = &Order{ID: "S-7781", Product: "Maandelijks TikTok pakket", PlacedAt: time.Date(2026, 9, 15, 9, 0, 0, 0, loc), LastPaymentAt: last, AmountCents: 2999, Currency: "EUR", Recurring: true}
		d.ReferenceDate = last
	}
	d.Deadline = time.Date(d.ReferenceDate.Year(), d.ReferenceDate.Month(), d.ReferenceDate.Day()+7, 0, 0, 0, 0, loc)
	d.Days = 3
	if p.Outcome == "expired" {
		d.Days = 12
	}
	return d
}

// Origin says where the text of lang/name came from ("embedded nl/….txt"
// or its path in templates_dir), for the start-up log.
func (t *Templates) Origin(lang, name string) string { return t.origin[lang+"/"+name] }

// render executes a template and tidies the text: no trailing blanks, at
// most one empty line in a row, none at the start, one line end at the end.
func (t *Templates) render(key string, d Data) (string, error) {
	tpl, ok := t.set[key]
	if !ok {
		return "", fmt.Errorf("%w: %s", ErrNoTemplate, key)
	}
	var b bytes.Buffer
	if err := tpl.Execute(&b, d); err != nil {
		return "", err
	}
	return tidy(b.String()), nil
}

// defaultSubject is the subject of a reply to a mail without one, from
// the "subject" piece of common.txt.
func (t *Templates) defaultSubject(key string, d Data) (string, error) {
	tpl, ok := t.set[key]
	if !ok {
		return "", fmt.Errorf("%w: %s", ErrNoTemplate, key)
	}
	var b bytes.Buffer
	if err := tpl.ExecuteTemplate(&b, "subject", d); err != nil {
		return "", err
	}
	return headerText(b.String()), nil
}

func tidy(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	var out []string
	blank := true // drops empty lines at the start
	for _, l := range lines {
		l = strings.TrimRight(l, " \t")
		if l == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		out = append(out, l)
		blank = false
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n") + "\n"
}
