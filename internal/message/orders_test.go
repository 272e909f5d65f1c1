package message

import (
	"slices"
	"testing"
)

func TestFindOrderNumbers(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"hash", "Mijn order #100234 is er niet", []string{"100234"}},
		{"hash with space", "order # 100234", []string{"100234"}},
		{"order nr.", "order nr. 100234.", []string{"100234"}},
		{"ordernummer glued", "ordernummer:100234", []string{"100234"}},
		{"nr glued", "nr.100234, graag snel", []string{"100234"}},
		{"bestelnummer subscription", "bestelnummer: S-7781", []string{"S-7781"}},
		{"bestelling", "bestelling 729060 is nog niet binnen", []string{"729060"}},
		{"prefix id", "mijn abonnement AB-1212 opzeggen", []string{"AB-1212"}},
		{"prefix id lower, no hyphen", "abonnement ab1212 stoppen", []string{"AB1212", "AB-1212"}},
		{"spaced digits after order word", "order # 100 234 please", []string{"100234"}},
		{"bare number", "Het gaat om 100234.", []string{"100234"}},
		{"in parentheses", "views not delivered (order 100247)", []string{"100247"}},
		{"several, in order, no duplicates", "#100235 en #100234, ook 100235", []string{"100235", "100234"}},
		{"list without spaces", "orders 100234,100235", []string{"100234", "100235"}},
		{"order URL", "zie https://volgersfabriek.nl/account/bestellingen/100292 aub", []string{"100292"}},
		{"other URL digits", "kijk https://vm.tiktok.com/ZGeQx4kPd/1234567 aub", nil},
		{"quantity followers", "1000 volgers besteld", nil},
		{"quantity with platform", "2500 Instagram followers", nil},
		{"quantity likes", "500 likes en 10000 views", nil},
		{"quantity dotted", "10.000 streams", nil},
		{"money euro sign", "€ 14,95 betaald, ook €1495", nil},
		{"money decimal", "I paid 29.99", nil},
		{"money dash", "1000,- is te veel", nil},
		{"date", "besteld op 15-11-2026 om 14:05", nil},
		{"date slashes", "on 11/15/2026", nil},
		{"year alone", "in november 2026 besteld", nil},
		{"phone", "bel me op 0612345678 of +31612345678", nil},
		{"phone grouped", "tel 06 12345678", nil},
		{"postcode", "Dorpsstraat 12, 3881 AB Putten", nil},
		{"email address", "mail jan1234@example.com", nil},
		{"quantity then order", "1000 volgers, order 100234", []string{"100234"}},
		{"order word then quantity", "bestelling 1000 volgers", nil},
		{"order word then year", "bestelling van 15 november 2026", nil},
		{"short numbers", "3 dagen, 12 uur, 300 van de 1000", nil},
		{"three digits after hash", "#123", []string{"123"}},
		{"mixed language", "my order nr is 729060 thanks", []string{"729060"}},
		{"invoice word", "factuurnummer 2026-0042", nil},
		{"kvk and btw", "KvK 12345678 btw NL001234567B01", nil},
		{"phone in groups after nummer", "bel ons algemene nummer 0318 - 123 400.", nil},
		{"phone international groups", "call +31 6 1234 5678", nil},
		{"vat number", "VAT number GB 123 4567 89", nil},
		{"leading zero", "klantnummer 00123456", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FindOrderNumbers(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("FindOrderNumbers(%q) got %q; want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzFindOrderNumbers(f *testing.F) {
	for _, s := range []string{"order #100234", "bestelnummer: S-7781", "€ 14,95", "order # 100 234", "ab1212", "https://x.nl/bestelling/100292", "nr.100234"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := FindOrderNumbers(s)
		seen := map[string]bool{}
		for _, n := range got {
			if n == "" || seen[n] {
				t.Fatalf("FindOrderNumbers(%q) = %q: empty or duplicate", s, got)
			}
			seen[n] = true
		}
	})
}
