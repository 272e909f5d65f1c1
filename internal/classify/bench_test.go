package classify

import (
	"net/mail"
	"testing"

	"helpdesk/internal/message"
)

// BenchmarkClassify classifies a realistic customer mail: a subject, a
// greeting, a few sentences with a claim, a condition and a sign-off.
func BenchmarkClassify(b *testing.B) {
	m := &message.Message{
		Subject: "Re: Bestelling #100234 nog niet ontvangen",
		OwnText: "Hoi,\n\nMaandag heb ik 1000 Instagram volgers besteld (bestelling #100234) voor mijn account " +
			"@lisa.nails.nl maar er is nog helemaal niks bijgekomen. Ik zit nog steeds op 842 volgers.\n" +
			"Kunnen jullie even kijken wat er mis is? Als het niet meer geleverd kan worden wil ik graag mijn geld terug.\n\n" +
			"Groetjes,\nLisa",
		From: &mail.Address{Address: "lisa.devries@example.nl"},
	}
	s := Settings{Addresses: []string{"support@volgersfabriek.nl"}}
	b.ReportAllocs()
	for b.Loop() {
		Classify(m, s)
	}
}
