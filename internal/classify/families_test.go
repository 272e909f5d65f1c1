package classify

import "testing"

// The tests in this file cover families of wording that an independent
// corpus showed the rules missed. Each family has its own invented
// sentences (Dutch, Flemish, English, with typos) and look-alikes that
// must not be read as members of it.

// TestFurtherRequest: a request of another kind (an invoice, changed
// details) added after a claim with a connector is a second request.
func TestFurtherRequest(t *testing.T) {
	run(t, []tcase{
		{name: "nl los daarvan", subject: "opzeggen", text: "Graag mijn abonnement stopzetten. Los daarvan: onze boekhouder heeft nog de factuur van augustus nodig.", want: CancelRecurring, requests: []Category{CancelRecurring, Other}},
		{name: "en separately address", subject: "plan", text: "Please end my monthly plan. Separately, my company's billing address has changed to Kerkstraat 5.", want: CancelRecurring, requests: []Category{CancelRecurring, Other}},
		{name: "nl verder bankgegevens", subject: "abbo", text: "Zeg mijn abonnement maar op. Verder zijn mijn bankgegevens veranderd, het nieuwe IBAN volgt.", want: CancelRecurring, requests: []Category{CancelRecurring, Other}},
		{name: "en also needs", subject: "cancel", text: "Cancel my subscription please. Also our bookkeeper needs copies of the invoices.", want: CancelRecurring, requests: []Category{CancelRecurring, Other}},
		{name: "nl daarnaast nodig", subject: "likes", text: "Mijn likes zijn nooit aangekomen. Daarnaast heb ik een factuur nodig voor de administratie.", want: NonDelivery, requests: []Category{NonDelivery, Other}},
		{name: "flemish nog iets", subject: "opzegging", text: "Ik zeg mijn abonnement op. Nog iets: ons rekeningnummer is gewijzigd.", want: CancelRecurring, requests: []Category{CancelRecurring, Other}},
		{name: "en one more thing typo", subject: "sub", text: "pls cancel my subscribtion. one more thing, i need a reciept for the last payment", want: CancelRecurring, requests: []Category{CancelRecurring, Other}},
		{name: "mixed trouwens", subject: "stoppen", text: "Wil graag stoppen met het abonnement. Ons btw-nummer is trouwens veranderd, kunnen jullie dat aanpassen?", want: CancelRecurring, requests: []Category{CancelRecurring, Other}},

		// Look-alikes: one request only.
		{name: "not: invoice question alone", subject: "factuur", text: "do you have an invoice?", want: Other, requests: []Category{Other}},
		{name: "not: refund to bank account", subject: "cancel", text: "Please cancel my subscription and refund the last payment to my bank account.", want: CancelRecurring, requests: []Category{CancelRecurring}},
		{name: "not: payment back on account", subject: "opzeggen", text: "Ik wil mijn abonnement opzeggen. De laatste betaling mag terug op mijn rekening.", want: CancelRecurring, requests: []Category{CancelRecurring}},
		{name: "not: also thanks", subject: "cancel", text: "Please cancel my plan. Also, thanks for the great service so far!", want: CancelRecurring, requests: []Category{CancelRecurring}},
		{name: "not: verder prima", subject: "opzeggen", text: "Ik zeg mijn abonnement op. Verder was alles prima.", want: CancelRecurring, requests: []Category{CancelRecurring}},
		{name: "not: invoice as reference", subject: "cancel", text: "Cancel my subscription. My invoice from last month shows the charge I mean.", want: CancelRecurring, requests: []Category{CancelRecurring}},
		{name: "not: iban for the refund", subject: "opzeggen", text: "Ik wil opzeggen, stort het bedrag terug op rekeningnummer NL91ABNA0417164300.", want: CancelRecurring, requests: []Category{CancelRecurring}},
	})
}
