package classify

import "testing"

// TestWholeMails are invented mails written the way customers write them:
// greeting, story, the point somewhere in the middle, sign-off; in Dutch,
// Flemish, English, Indian English and a mix.
func TestWholeMails(t *testing.T) {
	run(t, []tcase{
		{name: "nd story", subject: "Vraag over mijn bestelling",
			text: "Beste,\n\nIk gebruik Instagram voor mijn bloemenwinkel en wilde wat meer zichtbaarheid. Daarom heb ik afgelopen donderdag een pakket van 1000 volgers gekocht. " +
				"Inmiddels is het maandag en mijn account telt nog precies evenveel volgers als voor de bestelling.\n\nKunnen jullie uitzoeken wat er fout ging?\n\nMet vriendelijke groet,\nEls",
			want: NonDelivery, sure: confident},
		{name: "nd flemish", subject: "bestelling 738291",
			text: "Hallo,\n\nIk heb vorige week 2500 volgers besteld voor mijn zaak maar tot op heden is er nog niks toegekomen. Kunnen jullie dat eens bekijken of mij mijn geld terugstorten?\n\nVriendelijke groeten\nJef",
			want: NonDelivery, sure: confident},
		{name: "nd indian", subject: "Urgent: views not credited",
			text: "Dear Team,\n\nGreetings of the day. I had purchased 5000 views for my YouTube channel on 12th November but the same are not credited till now. " +
				"Request you to please look into this on priority basis.\n\nWarm regards,\nSanjay",
			want: NonDelivery, sure: confident},
		{name: "nd mixed", subject: "order",
			text: "hey guys, ik heb vrijdag 1k likes besteld maar honestly there's nothing on my post yet. kunnen jullie checken? thx",
			want: NonDelivery, sure: confident},
		{name: "nd partial formal", subject: "Onvolledige levering bestelling 712345",
			text: "Geachte klantenservice,\n\nOp 3 november bestelde ik 5.000 TikTok-weergaven. Volgens mijn statistieken zijn er slechts circa 1.200 bijgekomen. " +
				"Graag verneem ik wanneer de resterende weergaven worden geleverd.\n\nHoogachtend,\nP. de Boer",
			want: NonDelivery, sure: confident},
		{name: "nad long", subject: "Klacht over kwaliteit",
			text: "Hallo,\n\nIk heb bij jullie 1000 'echte Nederlandse volgers' gekocht. Ze zijn wel binnengekomen, maar als ik de profielen bekijk zijn het bijna allemaal accounts zonder foto, " +
				"met Russische namen en zonder een enkel bericht. Zo staat het niet op jullie site.\n\nGroet,\nMarieke",
			want: NotAsDescribed, sure: confident},
		{name: "nad en drop guarantee", subject: "Drop",
			text: "Hi there,\n\nLast Monday I bought 3000 followers with your 'no drop' guarantee. Today my account shows 1900 fewer followers than on Tuesday. Please refill or refund.\n\nThanks, Ollie",
			want: NotAsDescribed, sure: confident},
		{name: "nad link evidence", subject: "Fake views",
			text: "Your views are clearly fake: look at https://example.com/screen.png, all from one country that isn't even where my audience is.",
			want: NotAsDescribed, sure: confident},
		{name: "cr formal", subject: "Opzegging abonnement",
			text: "Geachte heer, mevrouw,\n\nHierbij wil ik mijn abonnement op het maandelijkse groeipakket beëindigen. Ik verzoek u tevens de betaling van 2 november te crediteren.\n\nMet vriendelijke groet,\nA. Janssen",
			want: CancelRecurring, requests: []Category{CancelRecurring}, sure: confident},
		{name: "cr casual", subject: "stoppen",
			text: "hoi! ff m'n abbo stopzetten aub, ben er klaar mee. en kan de laatste betaling terug? xx",
			want: CancelRecurring, requests: []Category{CancelRecurring}, sure: confident},
		{name: "cr en renew", subject: "Renewal",
			text: "Hello, I just noticed my plan renewed automatically this morning. I didn't want that — please cancel it and refund today's charge. Thanks, Priya",
			want: CancelRecurring, sure: confident},
		{name: "dis long", subject: "Teleurgesteld",
			text: "Hoi,\n\nIk had gehoopt dat mijn account met de extra volgers meer zou opvallen, maar eerlijk gezegd merk ik er weinig van. " +
				"De volgers zijn er wel, maar het voelt als weggegooid geld. Kunnen jullie iets voor me doen?\n\nGroetjes, Sanne",
			want: Dissatisfied, sure: confident},
		{name: "dis en", subject: "Not what I hoped",
			text: "Hi,\n\nThe likes arrived, but it really didn't do anything for my page. I'm disappointed and would like some kind of refund.\n\nBest, Tom",
			want: Dissatisfied, sure: confident},
		{name: "dis ik bedenk me", subject: "Bestelling annuleren",
			text: "Hallo, ik heb vanochtend likes besteld maar ik bedenk me. Kan ik mijn geld terugkrijgen?",
			want: Dissatisfied},
		{name: "two: dis then cancel", subject: "Teleurgesteld + abonnement",
			text: "De volgers die ik vorige week kocht vielen me echt tegen. Verder wil ik mijn maandelijkse likes-abonnement opzeggen.",
			want: Dissatisfied, requests: []Category{Dissatisfied, CancelRecurring}},
		{name: "two: nd and cancel en", subject: "Two issues",
			text: "Hi, my order of 500 likes from Friday never showed up. Separately, please stop my monthly subscription before the next payment.",
			want: NonDelivery, requests: []Category{NonDelivery, CancelRecurring}},
		{name: "esc en", subject: "Last warning",
			text: "I paid 49 euros two weeks ago and received nothing at all. If I don't get a refund by tomorrow I'm contacting my bank to reverse the payment.",
			want: NonDelivery, esc: true},
		{name: "esc nl negated", subject: "volgers",
			text: "Ik heb nog steeds niks ontvangen. Ik wil er geen advocaat bij halen, maar dit duurt wel erg lang.",
			want: NonDelivery, esc: true},
		{name: "other pre-sale long", subject: "Vraag voordat ik bestel",
			text: "Hallo,\n\nIk heb een kleine webshop en twijfel of ik volgers bij jullie ga kopen. Ik heb gelezen dat volgers soms na een tijdje verdwijnen " +
				"en dat het bots kunnen zijn. Hoe zit dat bij jullie? En als ik niet tevreden ben, kan ik dan mijn geld terugkrijgen?\n\nGroet,\nRik",
			want: Other},
		{name: "other refund timing long", subject: "Re: Terugbetaling",
			text: "Hoi,\n\nDank voor jullie mail van gisteren waarin jullie de terugbetaling van mijn bestelling bevestigden. Ik zie het bedrag nog niet op mijn rekening; " +
				"hoe lang duurt dat meestal?\n\nGroetjes, Noor",
			want: Other},
	})
}
