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

// TestArrivedButNoEffect: a customer who says the order arrived and then
// complains about what it did not bring is disappointed; the statement
// that it arrived contradicts a non-delivery reading of the same order.
func TestArrivedButNoEffect(t *testing.T) {
	run(t, []tcase{
		{name: "nl alles binnen niks gemerkt", subject: "volgers", text: "Alle 1000 volgers zijn netjes binnen. Alleen merk ik er helemaal niks van, geen extra likes of reacties.", want: Dissatisfied, sure: confident},
		{name: "en got them same engagement", subject: "followers", text: "I got the followers alright, but my engagement is exactly the same as before.", want: Dissatisfied, sure: confident},
		{name: "nl staan erop geen klant", subject: "likes", text: "De likes staan erop, dat wel. Maar ik heb er geen enkele nieuwe klant door gekregen.", want: Dissatisfied, sure: confident},
		{name: "en typo came thru", subject: "views", text: "the views came thru fine, no issue there. but my video still isnt getting any more comments or shares", want: Dissatisfied, sure: confident},
		{name: "flemish toegekomen geen verschil", subject: "bestelling", text: "Alles is toegekomen hoor, maar ik zie echt geen verschil op mijn pagina.", want: Dissatisfied, sure: confident},
		{name: "mixed zelfde bereik", subject: "followers", text: "De followers zijn er wel maar honestly nothing has changed, zelfde bereik als voorheen.", want: Dissatisfied, sure: confident},
		{name: "en delivery fine but", subject: "meh", text: "Delivery went fine, I'm not saying it didn't. I just don't see any new customers coming from it.", want: Dissatisfied, sure: confident},

		// Look-alikes.
		{name: "not: arrived thanks", subject: "wow", text: "Wow, the followers showed up within an hour, thank you!", want: Other},
		{name: "not: other product missing nl", subject: "bestelling", text: "De volgers zijn binnen, maar de likes die ik ook bestelde nog niet.", want: NonDelivery, sure: confident},
		{name: "not: other product missing en", subject: "order", text: "The followers arrived but the views I ordered never came through.", want: NonDelivery, sure: confident},
		{name: "not: second order missing", subject: "bestellingen", text: "Mijn eerste bestelling kwam netjes aan, maar de tweede is nog niet geleverd.", want: NonDelivery, sure: confident},
		{name: "not: arrived but bots", subject: "followers", text: "The followers came, but they are all bots.", want: NotAsDescribed, sure: confident},
		{name: "not: shop says delivered", subject: "volgers", text: "Volgens jullie site is alles geleverd, maar ik zie nog steeds geen nieuwe volgers.", want: NonDelivery, sure: confident},
		{name: "not: part arrived", subject: "followers", text: "Only 300 of the 1000 followers came.", want: NonDelivery, sure: confident},
		{name: "not: came and went", subject: "volgers", text: "Ze kwamen binnen maar zijn na twee dagen weer verdwenen.", want: NotAsDescribed, sure: confident},
		{name: "not: if they arrive and nothing changes", subject: "vraag", text: "Als de volgers binnen zijn en er verandert niks, krijg ik dan mijn geld terug?", want: Other},
	})
}

// TestCounterNotMoving: the many ways of saying a counter does not move
// after an order are non-delivery; questions about whether it will stay
// and counters stuck for reasons of the customer's own are not.
func TestCounterNotMoving(t *testing.T) {
	run(t, []tcase{
		{name: "en budged", subject: "followers", text: "My follower count hasn't budged an inch since I paid on Friday.", want: NonDelivery, sure: confident},
		{name: "en frozen at", subject: "views", text: "views frozen on 1,540 for three days now", want: NonDelivery, sure: confident},
		{name: "en remains at", subject: "order", text: "I bought 500 followers but the number remains at 1,310.", want: NonDelivery, sure: confident},
		{name: "en static", subject: "views", text: "The view count is static, nothing new since I bought the package.", want: NonDelivery, sure: confident},
		{name: "en hovering", subject: "likes", text: "Paid for 2k likes on sunday and my post is still hovering around 150.", want: NonDelivery, sure: confident},
		{name: "en stalled typo", subject: "subs", text: "my subscriber count has stalled compleatly since i ordered", want: NonDelivery, sure: confident},
		{name: "nl staan stil", subject: "volgers", text: "Mijn volgers staan stil sinds ik besteld heb.", want: NonDelivery, sure: confident},
		{name: "nl verroert zich niet", subject: "volgers", text: "het aantal volgers verroert zich niet", want: NonDelivery, sure: confident},
		{name: "nl blijven steken", subject: "likes", text: "De likes blijven steken op 88.", want: NonDelivery, sure: confident},
		{name: "nl waar hij stond", subject: "likes", text: "De teller staat nog precies waar hij stond.", want: NonDelivery, sure: confident},
		{name: "nl teller al dagen stil", subject: "abonnees", text: "Mijn abonneeteller staat al dagen stil op 312.", want: NonDelivery, sure: confident},
		{name: "flemish komt niet vooruit", subject: "bestelling", text: "Ik heb maandag 1000 volgers besteld, maar de teller komt niet vooruit.", want: NonDelivery, sure: confident},
		{name: "nl geen beweging typo", subject: "views", text: "al 3 dagen geen beweging in m'n weergaves na de bestelling", want: NonDelivery, sure: confident},
		{name: "mixed zit vast", subject: "likes", text: "Mijn likes zitten vast op 420, I paid for 1000 extra.", want: NonDelivery, sure: confident},

		// Look-alikes.
		{name: "not: will it stay", subject: "question", text: "Will my follower count stay at that level after delivery?", want: Other},
		{name: "not: account quiet own doing", subject: "vraag", text: "Mijn account staat stil sinds ik minder post, kunnen jullie helpen met groei?", want: Other},
		{name: "not: engagement stuck presale", subject: "engagement", text: "My engagement has been stuck for months, which package do you recommend?", want: Other},
		{name: "not: counter went up thanks", subject: "bedankt", text: "De teller ging gisteren eindelijk omhoog, alles is binnen. Top!", want: Other},
		{name: "not: followers stay question nl", subject: "vraagje", text: "Blijft het aantal volgers staan na de levering, of zakt het weer?", want: Other},
	})
}

// TestSubscriptionSlang: slang and shortenings for a subscription in a
// cancellation; a pause, a switch or a question about one is no
// cancellation, and "plan" as a verb is no subscription.
func TestSubscriptionSlang(t *testing.T) {
	run(t, []tcase{
		{name: "nl abbo stop", subject: "abbo", text: "kan mijn abbo stop?", want: CancelRecurring, sure: confident},
		{name: "nl abbo eraf", subject: "abbo", text: "ff me abbo eraf halen aub, thx", want: CancelRecurring, sure: confident},
		{name: "nl abootje mag weg", subject: "abo", text: "Mijn abootje mag weg, ik gebruik het toch niet.", want: CancelRecurring, sure: confident},
		{name: "nl abo beeindigen", subject: "abo", text: "Kunnen jullie het abo per vandaag beëindigen?", want: CancelRecurring, sure: confident},
		{name: "nl maandpakket hoeft niet meer", subject: "maandpakket", text: "Het maandpakket hoeft niet meer.", want: CancelRecurring, sure: confident},
		{name: "flemish lidmaatschap opzeggen", subject: "lidmaatschap", text: "Ik zou graag mijn lidmaatschap opzeggen, merci.", want: CancelRecurring, sure: confident},
		{name: "en sub", subject: "sub", text: "cancel my sub pls, dont need it anymore", want: CancelRecurring, sure: confident},
		{name: "en subscr", subject: "subscription", text: "end my subscr please", want: CancelRecurring, sure: confident},
		{name: "en get off plan", subject: "plan", text: "I'd like to get off the monthly plan.", want: CancelRecurring, sure: confident},
		{name: "en membership no renew", subject: "membership", text: "Please don't renew my membership next month, I'm done.", want: CancelRecurring, sure: confident},
		{name: "en bare plan", subject: "Cancel plan", text: "Cancel plan asap, not using it.", want: CancelRecurring, sure: confident},
		{name: "mixed abo", subject: "abo", text: "Hi, please stop mijn abo, ik heb het niet meer nodig.", want: CancelRecurring, sure: confident},

		// Look-alikes.
		{name: "not: pause abbo", subject: "abbo", text: "can I pause my abbo?", want: Other},
		{name: "not: abbo on hold", subject: "abbo", text: "kan mijn abbo een maandje on hold?", want: Other},
		{name: "not: plan as a verb", subject: "plan", text: "I plan to stop posting for a while, can I keep my subscription?", want: Other},
		{name: "not: which plan", subject: "plan", text: "What plan would you recommend for a small bakery?", want: Other},
		{name: "not: switch abo", subject: "abo", text: "Mag ik mijn abo omzetten naar het grotere pakket?", want: Other},
		{name: "not: membership renews?", subject: "membership", text: "Does the membership renew automatically?", want: Other},
		{name: "not: upgrade sub", subject: "sub", text: "I want to upgrade my sub to the premium tier.", want: Other},
		{name: "not: subs are subscribers", subject: "YouTube", text: "How many subs do I get with the monthly plan?", want: Other},
	})
}

// TestWrongLanguage: comments or followers in another language or from
// another country than ordered differ from the description; asking for a
// language, or apologising for one's own, does not.
func TestWrongLanguage(t *testing.T) {
	run(t, []tcase{
		{name: "nl besteld kreeg", subject: "reacties", text: "Ik had Nederlandse reacties besteld maar ik kreeg Engelse.", want: NotAsDescribed, sure: confident},
		{name: "en english ordered dutch came", subject: "comments", text: "I ordered English comments, but they are all in Dutch.", want: NotAsDescribed, sure: confident},
		{name: "en written in dutch", subject: "comments", text: "Half the comments are written in Dutch, which my English audience can't read.", want: NotAsDescribed, sure: confident},
		{name: "nl talig", subject: "reacties", text: "De comments zijn Engelstalig, ik koos voor Nederlandstalige.", want: NotAsDescribed, sure: confident},
		{name: "nl volgers spreken", subject: "volgers", text: "De volgers spreken allemaal Spaans, ik had Nederlandse volgers gekocht.", want: NotAsDescribed, sure: confident},
		{name: "flemish profielen frans", subject: "volgers", text: "Ik bestelde Vlaamse volgers maar de meeste profielen zijn Frans.", want: NotAsDescribed, sure: confident},
		{name: "en typo portugese", subject: "comments", text: "the coments on my reel are all in portugese?? i paid for english ones", want: NotAsDescribed, sure: confident},
		{name: "nl ipv", subject: "reacties", text: "de reacties zijn in t engels ipv nederlands", want: NotAsDescribed, sure: confident},
		{name: "en followers write arabic", subject: "followers", text: "All these new followers only post in Arabic, I asked for British accounts.", want: NotAsDescribed, sure: confident},
		{name: "mixed wrong country", subject: "followers", text: "Ik had Belgian followers gevraagd, but most of them are from Brazil.", want: NotAsDescribed, sure: confident},

		// Look-alikes.
		{name: "not: asks for a language", subject: "comments", text: "Can the comments be in Dutch instead of English?", want: Other},
		{name: "not: own english, non-delivery", subject: "comments", text: "Sorry for my English, my comments order has not arrived yet.", want: NonDelivery, sure: confident},
		{name: "not: can you deliver english", subject: "reacties", text: "Kunnen jullie ook Engelstalige reacties leveren?", want: Other},
		{name: "not: praise", subject: "comments", text: "Great comments, all in perfect Dutch, thanks!", want: Other},
		{name: "not: answer in dutch", subject: "volgers", text: "Ik spreek geen Engels, kunnen jullie in het Nederlands antwoorden?", want: Other},
		{name: "not: where from question", subject: "volgers", text: "Mijn volgers komen vooral uit Nederland, kan ik ook Belgische bestellen?", want: Other},
	})
}

// TestRegretMoneyBack: regret with a request for money back, however
// short, is a confident disappointment; "als" and "as if" that compare
// set no condition.
func TestRegretMoneyBack(t *testing.T) {
	run(t, []tcase{
		{name: "nl voelt als weggegooid", subject: "volgers", text: "Het voelt als mijn geld is weggegooid. Ik wil het terug.", want: Dissatisfied, sure: confident},
		{name: "nl niet moeten kopen", subject: "bestelling", text: "Achteraf gezien had ik dit niet moeten kopen. Kan ik mijn geld terug krijgen?", want: Dissatisfied, sure: confident},
		{name: "nl had ik maar nooit", subject: "geld", text: "Had ik het maar nooit besteld. Geld terug graag.", want: Dissatisfied, sure: confident},
		{name: "en as if", subject: "followers", text: "It feels as if I threw my money away. Can I get a refund?", want: Dissatisfied, sure: confident},
		{name: "en shouldn't have", subject: "views", text: "I shouldn't have bought these views, please refund.", want: Dissatisfied, sure: confident},
		{name: "en down the drain typo", subject: "refund", text: "feels like my money went strait down the drain, want it back", want: Dissatisfied, sure: confident},
		{name: "flemish geld door de wc", subject: "likes", text: "Dat was geld door de wc gespoeld, ik wil het terug aub.", want: Dissatisfied, sure: confident},

		// Look-alikes.
		{name: "not: if I regret", subject: "vraag", text: "Als ik spijt krijg, kan ik dan mijn geld terugkrijgen?", want: Other},
		{name: "not: wish I had ordered sooner", subject: "top", text: "Had ik maar eerder besteld, echt top!", want: Other},
		{name: "not: should not have charged", subject: "charge", text: "You should not have charged me twice, please refund one.", want: Other},
		{name: "not: net als vorige keer", subject: "volgers", text: "Net als vorige keer zijn de volgers snel binnen, dank!", want: Other},
	})
}

// TestArrivalTraps: words that look like a statement of arrival but are
// not the customer's (the shop's mail, a status), are negated, or are
// about something else than the product; and claims worded elliptically
// next to something that did arrive.
func TestArrivalTraps(t *testing.T) {
	run(t, []tcase{
		{name: "shop's mail says delivered", subject: "order", text: "I got an email that the followers were delivered, but I see nothing on my profile.", want: NonDelivery, sure: confident},
		{name: "order not fine, some missing", subject: "bestelling", text: "De bestelling is nog niet goed, er missen volgers.", want: NonDelivery, sure: confident},
		{name: "confirmation but no likes", subject: "likes", text: "Ik heb de bevestiging ontvangen maar geen likes.", want: NonDelivery, sure: confident},
		{name: "payment but no followers", subject: "order", text: "The payment came through but no followers.", want: NonDelivery, sure: confident},
		{name: "none received", subject: "followers", text: "I received 0 followers so far.", want: NonDelivery, sure: confident},
		{name: "not: ordered followers but no likes", subject: "vraag", text: "Ik wilde volgers maar geen likes, klopt dat?", want: Other},
		{name: "not: wrong video is no non-delivery", subject: "views", text: "De views zijn geleverd maar niet op de juiste video.", want: Other},
	})
}
