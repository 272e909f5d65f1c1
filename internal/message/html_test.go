package message

import (
	"strings"
	"testing"
)

func TestHTMLText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"paragraphs", "<p>Hallo,</p><p>waar blijft mijn order?</p>", "Hallo,\n\nwaar blijft mijn order?"},
		{"br and divs", "<div>Hoi<br>regel twee</div><div>nieuw blok</div>", "Hoi\nregel twee\nnieuw blok"},
		{"entities", "<p>&euro; 14,95 &amp; &lt;snel&gt; caf&eacute;&nbsp;!</p>", "€ 14,95 & <snel> café !"},
		{"white space collapses", "<p>  veel\n\n   ruimte   hier </p>", "veel ruimte hier"},
		{"inline elements keep spaces", "<p>dit is <b>vet</b> en <i>schuin</i>.</p>", "dit is vet en schuin."},
		{"list", "<ul><li>een</li><li>twee</li></ul>", "- een\n- twee"},
		{"table", "<table><tr><td>Bestelnummer:</td><td>100292</td></tr><tr><td>Totaal:</td><td>7,95</td></tr></table>", "Bestelnummer: 100292\nTotaal: 7,95"},
		{"head style script dropped", "<html><head><title>T</title><style>p{color:red}</style></head><body><script>alert(1)</script><p>tekst</p></body></html>", "tekst"},
		{"link keeps target", `<p>zie <a href="https://example.com/a?b=1">mijn profiel</a></p>`, "zie mijn profiel (https://example.com/a?b=1)"},
		{"link label is the URL", `<a href="https://example.com/x">https://example.com/x</a>`, "https://example.com/x"},
		{"mailto is no link", `<a href="mailto:a@example.com">a@example.com</a>`, "a@example.com"},
		{"cid image", `<p>kijk:</p><img src="cid:abc@x">`, "kijk:\n\n[cid:abc@x]"},
		{"pre keeps lines", "<pre>a  b\nc</pre>", "a  b\nc"},
		{"xmlns is no text", `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns="http://www.w3.org/TR/REC-html40"><body><p>hoi</p></body></html>`, "hoi"},
		{"broken markup", "<p>open <b>nooit dicht<div>blok", "open nooit dicht\n\nblok"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HTMLText(tt.in); got != tt.want {
				t.Errorf("HTMLText(%q) got %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSplitHTML(t *testing.T) {
	tests := []struct {
		name, in       string
		own, quotedHas string
	}{
		{"blockquote", `<p>Nog niks.</p><blockquote>Order 100292</blockquote>`, "Nog niks.", "100292"},
		{"gmail", `<div dir="ltr">Nog niks.</div><div class="gmail_quote"><div class="gmail_attr">Op zo 15 nov schreef X:</div><blockquote class="gmail_quote">Order 100292</blockquote></div>`, "Nog niks.", "schreef"},
		{"gmail signature", `<div>Help.</div><div class="gmail_signature">Jan<br>https://jan.example</div>`, "Help.", "jan.example"},
		{"outlook divRplyFwdMsg", `<div>Graag terug.</div><hr><div id="divRplyFwdMsg"><b>Van:</b> Shop</div><div>Order 100292 <a href="https://shop.example/o/1">volg</a></div>`, "Graag terug.", "https://shop.example/o/1"},
		{"outlook appendonsend", `<div>Graag.</div><div id="appendonsend"></div><div>Order 100292</div>`, "Graag.", "100292"},
		{"outlook border-top", `<div class="WordSection1"><p>Graag.</p><div><div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p><b>Van:</b> Shop</p></div></div><p>Order 100292</p></div>`, "Graag.", "100292"},
		{"apple cite", `<div>Kijk.</div><div><blockquote type="cite">Order 100292</blockquote></div>`, "Kijk.", "100292"},
		{"yahoo", `<div>Hallo.</div><div class="yahoo_quoted">Order 100292</div>`, "Hallo.", "100292"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			own, quoted, text, _ := splitHTML(tt.in)
			if strings.TrimSpace(own) != tt.own {
				t.Errorf("got own %q; want %q", own, tt.own)
			}
			if !strings.Contains(quoted, tt.quotedHas) {
				t.Errorf("got quoted %q; want it to hold %q", quoted, tt.quotedHas)
			}
			if want := HTMLText(tt.in); text != want {
				t.Errorf("got text %q; want HTMLText's %q", text, want)
			}
		})
	}
}

func FuzzHTMLText(f *testing.F) {
	for _, s := range []string{
		"<p>Hallo<br>wereld</p>",
		`<div class="gmail_quote"><blockquote>x</blockquote></div>`,
		`<a href="https://example.com">x</a><img src="cid:y">`,
		"<table><tr><td>a<td>b</table><pre>c\nd</pre>",
		"<ul><li>a<li>b</ul>&amp;&#x20AC;",
		strings.Repeat("<div><b>", 300) + "diep" + strings.Repeat("</b></div>", 300) + "<blockquote>oud</blockquote>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := HTMLText(s)
		if strings.Contains(got, "\n\n\n") {
			t.Errorf("HTMLText(%q) = %q: more than one blank line in a row", s, got)
		}
		own, quoted, text, _ := splitHTML(s)
		if text != got {
			t.Errorf("splitHTML(%q) gives text %q; want HTMLText's %q", s, text, got)
		}
		_ = own + quoted
	})
}

// TestHTMLTextHostile converts HTML built to be slow or deep: the text
// comes out, without tags, with no stack overflow and in linear time.
func TestHTMLTextHostile(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"800,000 nested divs", strings.Repeat("<div>", 800000) + "diep", "diep"},
		{"a million nested i", strings.Repeat("<i>", 1000000) + "schuin", "schuin"},
		{"a million unclosed b", strings.Repeat("<b>", 1000000) + "vet", "vet"},
		{"nested tables", strings.Repeat("<table><tr><td>", 100000) + "cel", "cel"},
		{"nested blockquotes", strings.Repeat("<blockquote>", 100000) + "oud", "oud"},
		{"misnested formatting", strings.Repeat("<b><i><u></b></i></u><a href=x><p></a>", 30000) + "eind", "eind"},
		{"100,000 links", strings.Repeat(`<a href="https://example.com/">x</a>`, 100000) + "eind", "eind"},
		{"deep, then closed", strings.Repeat("<div><span>", 600) + "midden" + strings.Repeat("</span></div>", 600) + "<p>na</p>", "midden\n\nna"},
		{"unclosed style", "<p>voor</p><style>" + strings.Repeat("<div>", 1000), "voor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := HTMLText(tt.in)
			if !strings.HasSuffix(got, tt.want) {
				t.Errorf("HTMLText got %.100q…%q; want it to end in %q", got, got[max(0, len(got)-100):], tt.want)
			}
			if strings.Contains(got, "<") {
				t.Errorf("HTMLText got %.200q; want no tags", got)
			}
		})
	}
}
