package classify

import "testing"

// TestBlind was written in one go, before running it, as a check of how
// the rules do on wording they have not seen; what it found was fixed in
// general ways, not by adding its sentences.
func TestBlind(t *testing.T) {
	run(t, []tcase{
		{name: "nd 1", subject: "likes", text: "Hoi, sinds zaterdag wacht ik op 750 likes voor mijn post. Er staat er nog geen één extra op.", want: NonDelivery, sure: confident},
		{name: "nd 2", subject: "Order", text: "Hello, my 2,000 followers order from Tuesday has still not been fulfilled.", want: NonDelivery, sure: confident},
		{name: "nd 3", subject: "weergaven", text: "Goedendag, de weergaven die ik heb aangeschaft zijn tot op heden niet verschenen bij mijn video.", want: NonDelivery, sure: confident},
		{name: "nd 4", subject: "abonnees", text: "Ik heb betaald voor 1000 abonnees maar mijn kanaal zit nog altijd op 57.", want: NonDelivery, sure: confident},
		{name: "nd 5", subject: "likes", text: "My TikTok still shows the same 1,204 likes as before my purchase.", want: NonDelivery, sure: confident},
		{name: "nd 6", subject: "views", text: "Van mijn bestelling van 5000 views zijn er maar zo'n 900 aangekomen.", want: NonDelivery, sure: confident},
		{name: "nd 7", subject: "volgers", text: "Dag, ik ben 4 dagen geleden klant geworden maar van die 500 volgers is nog geen spoor.", want: NonDelivery, sure: confident},
		{name: "nd 8", subject: "problem?", text: "Hi, is there a problem with my order? I don't see any new followers on my account since I paid on Monday.", want: NonDelivery, sure: confident},
		{name: "nad 9", subject: "likes", text: "De likes zijn wel geleverd, maar het zijn allemaal accounts van 1 dag oud zonder volgers.", want: NotAsDescribed, sure: confident},
		{name: "nad 10", subject: "followers", text: "The followers are obviously purchased accounts: no posts, no bio, default avatar.", want: NotAsDescribed, sure: confident},
		{name: "nad 11", subject: "Belgische volgers", text: "Jullie beloven Belgische volgers maar ik zie alleen maar Aziatische namen.", want: NotAsDescribed, sure: confident},
		{name: "nad 12", subject: "drop", text: "After two days I had 1,400 of the 2,000 followers left.", want: NotAsDescribed, sure: confident},
		{name: "nad 13", subject: "views", text: "Mijn views worden niet meegerekend door TikTok, ze verschijnen niet in mijn analytics.", want: NotAsDescribed, sure: confident},
		{name: "nad 14", subject: "levering", text: "Iedereen kan zien dat de 2000 volgers in één nacht zijn gekomen, dat is toch niet geleidelijk?", want: NotAsDescribed, sure: confident},
		{name: "cr 15", subject: "pakket", text: "Wil je de maandelijkse betaling voor mijn TikTok pakket stoppen? Ik heb het niet meer nodig.", want: CancelRecurring, sure: confident},
		{name: "cr 16", subject: "Subscription", text: "Please terminate my subscription effective immediately and refund the charge from this week.", want: CancelRecurring, sure: confident},
		{name: "cr 17", subject: "lidmaatschap", text: "Zou u mijn lidmaatschap willen beëindigen per eind deze maand?", want: CancelRecurring, sure: confident},
		{name: "cr 18", subject: "renewal", text: "Cancel the auto-renewal please, I only wanted one month.", want: CancelRecurring, sure: confident},
		{name: "cr 19", subject: "abonnement", text: "Mag het abonnement eraf? Ik gebruik het niet.", want: CancelRecurring},
		{name: "dis 20", subject: "tja", text: "Eerlijk is eerlijk: ik vind het tegenvallen. Heel veel heb ik er niet aan gehad.", want: Dissatisfied, sure: confident},
		{name: "dis 21", subject: "page", text: "To be frank, it hasn't helped my page at all and I feel I wasted my money.", want: Dissatisfied, sure: confident},
		{name: "dis 22", subject: "verwachting", text: "Ik had er meer van verwacht. Kan ik een deel van het bedrag terugkrijgen?", want: Dissatisfied, sure: confident},
		{name: "dis 23", subject: "bestelling", text: "Het is gewoon niet wat ik zocht, ik wil graag mijn geld terug.", want: Dissatisfied, sure: confident},
		{name: "other 24", subject: "terugbetaling", text: "Hoi, mijn terugbetaling is vorige week verwerkt maar ik zie het nog niet op mijn rekening. Klopt dat?", want: Other},
		{name: "other 25", subject: "invoice", text: "Can I get an invoice in my company's name for the subscription payments?", want: Other},
		{name: "other 26", subject: "bedankt", text: "Mijn volgers zijn binnen, bedankt! Kan ik ook likes bij jullie bestellen?", want: Other},
		{name: "other 27", subject: "verdelen", text: "Is het mogelijk om mijn bestelling te verdelen over twee accounts?", want: Other},
		{name: "other 28", subject: "iDEAL", text: "Mag ik vragen waarom mijn betaling met iDEAL steeds mislukt?", want: Other},
		{name: "other 29", subject: "top up", text: "If my followers drop below what I ordered, do you top them up?", want: Other},
		{name: "other 30", subject: "YouTube", text: "Ik wil graag weten of jullie ook YouTube abonnees leveren en hoe lang dat duurt.", want: Other},
	})
}

// TestBlind2 is a second blind round, written the same way.
func TestBlind2(t *testing.T) {
	run(t, []tcase{
		{name: "nd a", subject: "Wachten...", text: "Beste, op 10 november bestelde ik 3000 volgers. Vandaag is het de 14e en de teller is niet veranderd.", want: NonDelivery, sure: confident},
		{name: "nd b", subject: "no delivery", text: "Hey, paid for likes over the weekend, nothing showing yet on my reel. Can you push it?", want: NonDelivery, sure: confident},
		{name: "nd c", subject: "bestelling 733001", text: "Er is helemaal niets bijgekomen sinds mijn bestelling.", want: NonDelivery, sure: confident},
		{name: "nd d", subject: "partial", text: "Only about a third of my 1500 followers have come through. The rest?", want: NonDelivery, sure: confident},
		{name: "nd e", subject: "hallo?", text: "Ik heb 3x gemaild en mijn 500 likes zijn nog steeds niet gekomen!!", want: NonDelivery, sure: confident},
		{name: "nd f", subject: "Order #723344", text: "Good afternoon, I am writing regarding my order. The followers have not been added to my profile yet.", want: NonDelivery, sure: confident},
		{name: "nad a", subject: "nep", text: "Van de 1000 volgers die ik kreeg zijn er zeker 900 nep, ze volgen allemaal 5000+ mensen.", want: NotAsDescribed, sure: confident},
		{name: "nad b", subject: "views", text: "The views came in but YouTube removed most of them the next day.", want: NotAsDescribed},
		{name: "nad c", subject: "Engelse reacties", text: "Ik kreeg alleen maar Engelse reacties zoals 'nice' en 'cool', terwijl ik Nederlandse had besteld.", want: NotAsDescribed, sure: confident},
		{name: "nad d", subject: "followers", text: "These followers are all from the same country and none of them ever posted anything.", want: NotAsDescribed, sure: confident},
		{name: "nad e", subject: "Retentie", text: "Mijn gemiddelde kijkduur is ingestort sinds de views erbij kwamen, niemand kijkt langer dan 3 seconden.", want: NotAsDescribed, sure: confident},
		{name: "cr a", subject: "Stoppen abonnement", text: "Ik wil per direct stoppen met het maandabonnement. Kunnen jullie bevestigen dat er niets meer wordt afgeschreven?", want: CancelRecurring, sure: confident},
		{name: "cr b", subject: "Cancel", text: "Hi, I want to cancel my recurring likes package. It renews tomorrow.", want: CancelRecurring, sure: confident},
		{name: "cr c", subject: "geen abonnement meer", text: "Ik wil geen abonnement meer, graag afmelden.", want: CancelRecurring, sure: confident},
		{name: "cr d", subject: "membership", text: "Please discontinue my monthly membership, thanks.", want: CancelRecurring, sure: confident},
		{name: "cr e", subject: "incasso", text: "Ik heb de machtiging ingetrokken, graag ook het abonnement beëindigen.", want: CancelRecurring, sure: confident},
		{name: "dis a", subject: "Niet tevreden", text: "Helaas ben ik niet tevreden over het resultaat van mijn aankoop.", want: Dissatisfied, sure: confident},
		{name: "dis b", subject: "refund", text: "I'd like my money back. I just don't think it was worth it.", want: Dissatisfied, sure: confident},
		{name: "dis c", subject: "spijt", text: "Ik had het achteraf niet moeten kopen, ik heb er spijt van.", want: Dissatisfied, sure: confident},
		{name: "dis d", subject: "hmm", text: "It all arrived but honestly it's pretty underwhelming.", want: Dissatisfied, sure: confident},
		{name: "other a", subject: "Btw", text: "Zijn jullie prijzen inclusief of exclusief btw?", want: Other},
		{name: "other b", subject: "refund question", text: "You refunded my order last Friday, but my bank statement doesn't show it yet. Is that normal?", want: Other},
		{name: "other c", subject: "pause", text: "Kan ik mijn abonnement in de zomer even stopzetten en daarna weer verder?", want: Other},
		{name: "other d", subject: "order 2", text: "My first order arrived perfectly. I'd like to order again but for a different account, how do I do that?", want: Other},
		{name: "other e", subject: "Black Friday", text: "Komt er een Black Friday actie dit jaar?", want: Other},
		{name: "other f", subject: "Privacy", text: "Wat doen jullie met mijn gegevens en kan ik die laten verwijderen?", want: Other},
		{name: "other g", subject: "vraag over levering", text: "Worden de volgers in één keer geleverd of geleidelijk? Ik wil niet dat het opvalt.", want: Other},
		{name: "other h", subject: "safety", text: "Is it safe? I don't want Instagram to remove my account.", want: Other},
		{name: "other i", subject: "Bedankt!", text: "Thanks for the quick refund, much appreciated.", want: Other},
		{name: "other j", subject: "Abonnement wijzigen", text: "Ik wil mijn abonnement niet opzeggen, maar wel omzetten naar het kleinere pakket.", want: Other},
	})
}

// TestBlind3 is a third blind round, mostly questions and requests dressed
// in the words of claims.
func TestBlind3(t *testing.T) {
	others := []tcase{
		{name: "o1", subject: "Vraag over mijn abonnement", text: "Als ik mijn abonnement opzeg, houd ik dan tot het einde van de maand mijn likes?"},
		{name: "o2", subject: "Terugbetaling?", text: "Hoe werkt jullie terugbetaling als de volgers niet binnen 7 dagen komen? Ik overweeg een groot pakket."},
		{name: "o3", subject: "volgers", text: "Mijn volgers zijn allemaal goed aangekomen. Kan ik volgende keer ook Nederlandse volgers kiezen?"},
		{name: "o4", subject: "order", text: "I just placed an order, it hasn't started yet but that's fine. Can I add a second video link to it?"},
		{name: "o5", subject: "bots?", text: "My friend says your followers are bots. Is that true? I'm thinking of ordering."},
		{name: "o6", subject: "factuur", text: "Ik heb nog geen factuur ontvangen voor mijn laatste bestelling, kunnen jullie die sturen?"},
		{name: "o7", subject: "Refund received", text: "I got my refund for the views that didn't arrive, thanks a lot!"},
		{name: "o8", subject: "abonnement", text: "Is het mogelijk om mijn abonnement over te zetten naar een ander Instagram account?"},
		{name: "o9", subject: "Prijs", text: "Waarom is het maandpakket duurder geworden? Ik betaal nu 5 euro meer."},
		{name: "o10", subject: "Pakket", text: "I love the monthly plan! Could I get more likes per post for the same price?"},
		{name: "o11", subject: "Vraagje", text: "Stel dat ik geen zin meer heb in het abonnement, hoe zeg ik het dan op?"},
		{name: "o12", subject: "drop?", text: "Is it normal for a few followers to unfollow after a purchase, or should I expect the full number to stay?"},
		{name: "o13", subject: "levering", text: "Kan ik de levering laten beginnen op 1 december? Dan start mijn actie."},
		{name: "o14", subject: "Two accounts", text: "Can I split my next order of 2000 followers over two accounts?"},
		{name: "o15", subject: "Nieuwsbrief", text: "Ik krijg jullie nieuwsbrief twee keer, kunnen jullie dat oplossen?"},
	}
	for i := range others {
		others[i].want = Other
	}
	run(t, others)
	run(t, []tcase{
		{name: "c1", subject: "Re: Je bestelling is voltooid", text: "Voltooid? Ik zie echt helemaal niks veranderen aan mijn account.", want: NonDelivery, sure: confident},
		{name: "c2", subject: "likes", text: "The likes came from accounts that look like they were made yesterday.", want: NotAsDescribed, sure: confident},
		{name: "c3", subject: "stop", text: "Wil niet meer elke maand betalen, zet het stop aub.", want: CancelRecurring, sure: confident},
		{name: "c4", subject: "zonde", text: "Zonde van de 20 euro, ik merk er niks van.", want: Dissatisfied, sure: confident},
		{name: "c5", subject: "order", text: "Ordered 1000 followers 5 days ago. Received 0. Please advise.", want: NonDelivery, sure: confident},
	})
}

// TestBlind4 is a fourth blind round: two requests, escalation and
// negation.
func TestBlind4(t *testing.T) {
	run(t, []tcase{
		{name: "two a", subject: "Opzeggen + klacht", text: "Ik wil het maandpakket opzeggen. Bovendien zijn de volgers van mijn losse bestelling allemaal nepaccounts.", want: CancelRecurring, requests: []Category{CancelRecurring, NotAsDescribed}},
		{name: "two b", subject: "Missing likes and cancel", text: "My likes never arrived, and while you're at it please cancel the monthly subscription too.", want: NonDelivery, requests: []Category{NonDelivery, CancelRecurring}},
		{name: "two c", subject: "Abonnement en factuur", text: "Graag mijn abonnement beëindigen. Kunt u ook een factuur van de laatste betaling sturen?", want: CancelRecurring, requests: []Category{CancelRecurring, Other}},
		{name: "two d", subject: "disappointed + stop", text: "I'm disappointed with the views I bought for my last video. Also stop my monthly plan please.", want: Dissatisfied, requests: []Category{Dissatisfied, CancelRecurring}},
		{name: "one e", subject: "opzeggen", text: "Ik ben ontevreden over het abonnement en wil het daarom opzeggen. Graag de laatste betaling terug.", want: CancelRecurring, requests: []Category{CancelRecurring}},
		{name: "esc a", subject: "fraude", text: "Dit is gewoon fraude, ik heb betaald en niks gekregen.", want: NonDelivery, esc: true},
		{name: "esc b", subject: "dispute", text: "If the followers don't show up by Monday I'll dispute the payment with my card issuer.", want: Other, esc: true},
		{name: "esc c", subject: "ACM", text: "Jullie incasseren zonder toestemming. Stop het abonnement of ik meld het bij de ACM.", want: CancelRecurring, esc: true},
		{name: "esc d", subject: "geen gedoe", text: "Ik wil geen gedoe met terugboekingen, stort gewoon mijn geld terug want er is niks geleverd.", want: NonDelivery, esc: true},
		{name: "esc e", subject: "oplichters?", text: "Zijn jullie oplichters? Ik heb nog steeds niks ontvangen.", want: NonDelivery, esc: true},
		{name: "no esc a", subject: "bank", text: "Ik betaalde via mijn bank app maar de volgers zijn er nog niet.", want: NonDelivery},
		{name: "no esc b", subject: "paypal", text: "Can you refund to my PayPal instead of my card? The likes never arrived.", want: NonDelivery},
		{name: "neg a", subject: "abonnement", text: "Nee, ik wil mijn abonnement zeker niet beëindigen, ik wilde alleen weten wanneer de volgende likes komen.", want: Other},
		{name: "neg b", subject: "feedback", text: "Never had a problem with you guys, no bots and no drops. Keep it up!", want: Other},
		{name: "neg c", subject: "ok", text: "De volgers zijn niet nep, ik was in de war. Sorry voor de vorige mail!", want: Other},
		{name: "neg d", subject: "Geen klacht", text: "Geen klacht hoor, ik wil alleen weten of mijn bestelling al gestart is.", want: Other},
	})
}

// TestBlind5 is a fifth blind round, written in one go with the expected
// labels before it was run, after the families of families_test.go were
// added. Four of the thirty came out wrong, one a confident claim of the
// wrong category (an order made by accident that "has not started yet"
// read as non-delivery); TestBlind5Fixes holds the look-alikes of the
// general fixes.
func TestBlind5(t *testing.T) {
	run(t, []tcase{
		{name: "nd formal", subject: "Bestelling 734412", text: "Goedemorgen,\n\nAfgelopen zaterdag heb ik het pakket met 2500 TikTok volgers afgerekend. Tot nu toe zie ik geen verschil in mijn volgersaantal, het staat nog steeds op 3.412.\n\nKunnen jullie nagaan wat er mis is gegaan?\n\nMet vriendelijke groet,\nFemke", want: NonDelivery, sure: confident},
		{name: "nd terse", subject: "??", text: "bought 1k likes tuesday. zero so far. whats up", want: NonDelivery, sure: confident},
		{name: "nd indian", subject: "Followers not reflecting", text: "Hello Sir/Madam, I have made payment of Rs 1500 for 3000 followers on 14th but followers are not reflecting in my account. Please do the needful at the earliest.", want: NonDelivery, sure: confident},
		{name: "nd partial mixed", subject: "half", text: "Hoi, van de 5000 views zijn er maybe 2000 binnengekomen, rest is nowhere. Kunnen jullie het afmaken?", want: NonDelivery, sure: confident},
		{name: "nad names", subject: "Nepvolgers!", text: "Ik heb 1000 volgers gekregen maar als ik door de lijst scroll zie ik alleen maar accounts met namen als user84729 en geen enkele foto. Dit is toch niet wat jullie op de site beloven?", want: NotAsDescribed, sure: confident},
		{name: "nad melting", subject: "dropping fast", text: "Day 1: 10.2k. Today: 9.1k. The 1000 followers I bought last week are melting away and your page says no drop.", want: NotAsDescribed},
		{name: "nad retention", subject: "YouTube views", text: "The views came in, but YouTube Studio shows an average view duration of 0:03. That's not real viewers.", want: NotAsDescribed, sure: confident},
		{name: "cr terse", subject: "stop", text: "abbo stoppen pls. tnx", want: CancelRecurring, sure: confident},
		{name: "cr formal", subject: "Termination of subscription S-4471", text: "Dear Sir or Madam,\n\nI hereby give notice to terminate my monthly Instagram growth subscription with immediate effect. Please confirm the termination in writing and ensure no further payments are collected.\n\nKind regards,\nMr. J. Peters", want: CancelRecurring, sure: confident},
		{name: "cr with refund", subject: "Opzeggen + terugbetaling", text: "Hallo, mijn abonnement is gisteren weer verlengd terwijl ik het niet meer gebruik. Wil het graag opzeggen en de afschrijving van gisteren terug.", want: CancelRecurring, requests: []Category{CancelRecurring}, sure: confident},
		{name: "cr flemish", subject: "abonnement", text: "Dag, mag mijn abonnement stopgezet worden vanaf volgende maand? Merci!", want: CancelRecurring, sure: confident},
		{name: "dis expected more", subject: "Tja", text: "De likes zijn er allemaal, maar eerlijk gezegd had ik meer verwacht van de reacties van mensen. Het levert me niets op.", want: Dissatisfied, sure: confident},
		{name: "dis let down", subject: "Disappointed", text: "I'm honestly a bit let down. Everything was delivered as promised but my shop hasn't seen a single extra sale. Not sure it was worth the 60 euros.", want: Dissatisfied, sure: confident},
		{name: "dis by accident", subject: "Annuleren", text: "Ik heb net per ongeluk het verkeerde pakket besteld, het is nog niet gestart. Kan ik het annuleren en mijn geld terugkrijgen?", want: Dissatisfied},
		{name: "other invoice", subject: "Factuur oktober", text: "Beste, voor onze boekhouding hebben wij een factuur nodig van de bestelling van 3 oktober, graag op naam van Bakkerij De Korenschoof BV.", want: Other},
		{name: "other refund before signing up", subject: "Question about refunds", text: "Hi there, before I sign up for the monthly plan: if I cancel after two weeks, do I get part of my money back?", want: Other},
		{name: "other normal to drop", subject: "volgers weg?", text: "Is het normaal dat er na een week een paar volgers afvallen? Ik heb nog niks gemerkt maar vraag het voor de zekerheid.", want: Other},
		{name: "other thanks", subject: "Bedankt!", text: "Alles is binnen en mijn account ziet er top uit. Volgende maand bestel ik zeker weer!", want: Other, sure: confident},
		{name: "other password", subject: "Wachtwoord", text: "Ik krijg de mail om mijn wachtwoord te resetten maar niet binnen. Spam al gecheckt.", want: Other},
		{name: "other pause travel", subject: "Pauze", text: "Ik ga 2 maanden op reis. Kan ik mijn abonnement zolang stilzetten in plaats van opzeggen?", want: Other},
		{name: "other bump up", subject: "Upgrade", text: "Hey! Loving the 500 likes/month plan. Could I bump it up to 1000 from next month?", want: Other},
		{name: "other refund status", subject: "refund status", text: "You told me on Monday my refund for order 741200 was approved. It's Friday and nothing on my card yet. When can I expect it?", want: Other},
		{name: "other trustpilot", subject: "Trustpilot", text: "Jullie service was snel en vriendelijk, ik heb jullie 5 sterren gegeven op Trustpilot!", want: Other},
		{name: "two nd cancel", subject: "Twee dingen", text: "Ten eerste: mijn likes van vorige week zijn nooit aangekomen. Ten tweede wil ik mijn maandabonnement opzeggen.", want: NonDelivery, requests: []Category{NonDelivery, CancelRecurring}},
		{name: "two cancel invoice", subject: "cancel + invoice", text: "Please cancel my monthly plan. On a separate note, could you resend last month's invoice? Our bookkeeper can't find it.", want: CancelRecurring, requests: []Category{CancelRecurring, Other}},
		{name: "esc consumentenbond", subject: "LAATSTE KANS", text: "Nog steeds niks ontvangen na 9 dagen. Als ik morgen niks hoor ga ik naar de Consumentenbond.", want: NonDelivery, esc: true},
		{name: "esc chargeback", subject: "Chargeback", text: "I've already filed a chargeback with my bank because the followers never came.", want: NonDelivery, esc: true},
		{name: "nd mixed same count", subject: "order", text: "Yo, ik heb vrijdag views gekocht voor mn reel maar the count is literally the same. Fix pls", want: NonDelivery, sure: confident},
		{name: "other wrong handle", subject: "Wrong account", text: "I put the wrong Instagram handle in my order this morning (@mike.fitnes instead of @mike.fitness). Can you change it before it starts?", want: Other},
		{name: "nad generic comments", subject: "Comments", text: "The comments I got are generic stuff like 'nice 🔥' on a post about my grandmother's funeral. That's not 'relevant comments' as your site says.", want: NotAsDescribed, sure: confident},
	})
}

// TestBlind5Fixes checks the fixes of the fifth blind round against
// look-alikes: a change of mind explains "not started yet" in its own
// sentence only, money places are not where followers show, a guarantee's
// name is no negation, and a count "of N" needs a verb of arriving.
func TestBlind5Fixes(t *testing.T) {
	run(t, []tcase{
		{name: "changed mind explains not started", subject: "oeps", text: "I ordered the wrong package by mistake, it hasn't started yet, can I get my money back?", want: Dissatisfied},
		{name: "not started is still a claim", subject: "order", text: "My campaign still hasn't started and I paid four days ago.", want: NonDelivery, sure: confident},
		{name: "nothing on my card", subject: "refund", text: "You approved my refund last week but there is still nothing on my card.", want: Other},
		{name: "nothing on my account", subject: "followers", text: "Paid for followers on Monday, still nothing on my account.", want: NonDelivery, sure: confident},
		{name: "melting away", subject: "volgers", text: "Mijn nieuwe volgers smelten als sneeuw voor de zon, elke dag zijn er weer minder.", want: NotAsDescribed, sure: confident},
		{name: "will they melt", subject: "question", text: "Will the followers melt away after a month?", want: Other},
		{name: "no drops praise", subject: "top", text: "Two months later and still no drops at all, great job.", want: Other},
		{name: "reversed fraction", subject: "likes", text: "Of the 2000 likes I paid for, maybe 300 have arrived.", want: NonDelivery, sure: confident},
		{name: "fraction without arriving", subject: "thanks", text: "Of the 3 videos I boosted, 2 went viral. Thanks!", want: Other},
	})
}
