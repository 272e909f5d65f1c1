package classify

import "testing"

// TestStyles says the same things tersely, in capitals, with emoji and
// typos, and at length.
func TestStyles(t *testing.T) {
	run(t, []tcase{
		{name: "terse nd", subject: "likes", text: "nog steeds niks binnen 😡", want: NonDelivery, sure: confident},
		{name: "terse nd en", subject: "order 712233", text: "where are they??", want: NonDelivery},
		{name: "caps nd", subject: "BESTELLING", text: "IK HEB BETAALD EN ER IS NIKS GELEVERD. DIT IS BELACHELIJK", want: NonDelivery, sure: confident},
		{name: "typos nd", subject: "volgers", text: "heb volgers bestelt maar nog niks gekrege, wanneer komen ze", want: NonDelivery, sure: confident},
		{name: "typos nd 2", subject: "views", text: "i orderd 5k views 3 days ago and havnt recieved anyting", want: NonDelivery, sure: confident},
		{name: "emoji nad", subject: "🤖🤖", text: "allemaal bots 🙄 echt geen 1 echt account", want: NotAsDescribed, sure: confident},
		{name: "typos nad", subject: "volgers", text: "de volgers zijn allemaal nep acounts zonder profielfoto", want: NotAsDescribed, sure: confident},
		{name: "terse cr", subject: "opzeggen", text: "Graag opzeggen. Mvg", want: CancelRecurring, sure: confident},
		{name: "caps cr", subject: "STOP", text: "STOP MET HET AFSCHRIJVEN VAN MIJN REKENING!!! IK HEB GEEN ABONNEMENT GEWILD", want: CancelRecurring, sure: confident},
		{name: "typos cr", subject: "abonement", text: "ik wil men abonnemnt opzeggen pls", want: CancelRecurring, sure: confident},
		{name: "terse dis", subject: "meh", text: "meh, had meer verwacht", want: Dissatisfied, sure: confident},
		{name: "caps dis", subject: "SLECHT", text: "WAT EEN SLECHTE DIENST, IK WIL MIJN GELD TERUG", want: Dissatisfied, sure: confident},
		{name: "formal dis", subject: "Klacht",
			text: "Geachte heer/mevrouw, Met deze brief wil ik mijn ongenoegen uiten over de dienstverlening. De aangeschafte volgers hebben niet het beoogde effect gehad en ik verzoek u om een passende oplossing.",
			want: Dissatisfied},
		{name: "formal nd", subject: "Ingebrekestelling",
			text: "Geachte heer/mevrouw, Op 2 november heb ik bij u 2.000 volgers besteld en betaald. Tot op heden is hiervan niets geleverd. Ik verzoek u binnen zeven dagen alsnog te leveren.",
			want: NonDelivery, sure: confident},
		{name: "terse other", subject: "factuur?", text: "factuur graag", want: Other},
		{name: "terse other thanks", subject: "👍", text: "alles binnen, thx!", want: Other},
		{name: "emoji other question", subject: "?", text: "blijven de volgers staan of gaan ze weer weg? 🤔", want: Other},
		{name: "caps other", subject: "VRAAG", text: "HOE SNEL WORDT MIJN BESTELLING GELEVERD ALS IK NU BETAAL?", want: Other},
		{name: "long other", subject: "Samenwerking",
			text: "Beste team, wij zijn een jong bureau in Utrecht dat social media doet voor lokale ondernemers. Veel klanten vragen ons om sneller te groeien. Zouden jullie interesse hebben in een structurele samenwerking met staffelkorting?",
			want: Other},
	})
}
