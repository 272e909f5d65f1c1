package authres

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	f := Parse(`mx1.volgersfabriek.nl; dkim=pass (2048-bit key; unprotected) header.d=example.nl header.i=@example.nl header.s=mail;
	dmarc=fail (p=reject dis=none) header.from=example.nl; spf=softfail smtp.mailfrom=example.nl`)
	if f.AuthservID != "mx1.volgersfabriek.nl" || len(f.Results) != 3 {
		t.Fatalf("got %+v", f)
	}
	if r := f.Results[1]; r.Method != "dmarc" || r.Value != "fail" || r.Props["header.from"] != "example.nl" {
		t.Errorf("got %+v", r)
	}
}

func TestFailures(t *testing.T) {
	const ours = "mx1.volgersfabriek.nl"
	tests := []struct {
		name    string
		fields  []string
		trusted string
		from    string
		want    []string // substrings, one per failure
	}{
		{"all pass", []string{ours + "; dkim=pass header.d=example.nl; dmarc=pass header.from=example.nl; spf=pass smtp.mailfrom=example.nl"}, ours, "example.nl", nil},
		{"dmarc fail", []string{ours + "; dmarc=fail (p=reject) header.from=example.nl"}, ours, "example.nl", []string{"dmarc=fail"}},
		{"spf fail with a full address", []string{ours + "; spf=fail smtp.mailfrom=anna@example.nl"}, ours, "example.nl", []string{"spf=fail"}},
		{"dkim fail of another domain does not count", []string{ours + "; dkim=fail header.d=list.example.org"}, ours, "example.nl", nil},
		{"a forged field of another server is ignored", []string{"evil.example; dmarc=pass header.from=example.nl", ours + "; dmarc=fail header.from=example.nl"}, ours, "example.nl", []string{"dmarc=fail"}},
		{"only our topmost field counts", []string{ours + "; dmarc=fail header.from=example.nl", ours + "; dmarc=pass header.from=example.nl"}, ours, "example.nl", []string{"dmarc=fail"}},
		{"a forged pass below our fail does not help", []string{ours + "; dmarc=fail header.from=example.nl", ours + "; dmarc=pass header.from=example.nl"}, ours, "EXAMPLE.NL", []string{"dmarc=fail"}},
		{"no trusted id: nothing is trusted", []string{ours + "; dmarc=fail header.from=example.nl"}, "", "example.nl", nil},
		{"authserv-id compares case-insensitively", []string{"MX1.VolgersFabriek.NL; dmarc=fail header.from=example.nl"}, ours, "example.nl", []string{"dmarc=fail"}},
		{"garbage", []string{"(((", ";;;==", ""}, ours, "example.nl", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Failures(tt.fields, tt.trusted, tt.from)
			if len(got) != len(tt.want) {
				t.Fatalf("got %q; want %d failures like %q", got, len(tt.want), tt.want)
			}
			for i := range got {
				if !strings.Contains(got[i], tt.want[i]) {
					t.Errorf("got %q; want it to contain %q", got[i], tt.want[i])
				}
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add("mx.example; dkim=pass (a (nested) comment) header.d=example.nl; spf=fail smtp.mailfrom=x@y")
	f.Fuzz(func(t *testing.T, s string) {
		Parse(s)
		Failures([]string{s}, "mx.example", "y")
	})
}
