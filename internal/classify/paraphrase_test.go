package classify

import "testing"

// TestParaphrases says the phrasing families of the corpus READMEs in yet
// other words, as a check that the rules generalise beyond the sentences
// they were written from.
func TestParaphrases(t *testing.T) {
	run(t, []tcase{
		// non_delivery
		{name: "nd geen volger bij", subject: "volgers", text: "Er is nog geen volger bij gekomen sinds mijn bestelling van dinsdag.", want: NonDelivery, sure: confident},
		{name: "nd zelfde aantal", subject: "teller", text: "Ik zie nog steeds hetzelfde aantal likes onder mijn foto.", want: NonDelivery, sure: confident},
		{name: "nd count didn't go up", subject: "followers", text: "My follower count didn't go up at all after I paid.", want: NonDelivery, sure: confident},
		{name: "nd not there", subject: "likes", text: "The likes I ordered for my post on Saturday aren't there.", want: NonDelivery, sure: confident},
		{name: "nd staan er niet op", subject: "likes", text: "De likes staan er nog steeds niet op, ik heb zondag betaald.", want: NonDelivery, sure: confident},
		{name: "nd stuk of 30", subject: "bestelling", text: "Ik heb er maar een stuk of 30 bij gekregen van de 1000.", want: NonDelivery, sure: confident},
		{name: "nd handful", subject: "order", text: "Only a handful of the 2000 followers arrived.", want: NonDelivery, sure: confident},
		{name: "nd like 50 out of", subject: "order", text: "got like 50 out of 2000 lol, wheres the rest", want: NonDelivery, sure: confident},
		{name: "nd nada", subject: "nada", text: "its been almost a week and nada. order 554433", want: NonDelivery, sure: confident},
		{name: "nd al een week niks", subject: "likes", text: "al een week niks gezien van mijn likes", want: NonDelivery, sure: confident},
		{name: "nd hoe lang nog", subject: "volgers", text: "Ik heb 5 dagen geleden volgers besteld. Hoe lang moet ik nog wachten?", want: NonDelivery, sure: confident},
		{name: "nd become not one", subject: "followers", text: "Sir, I paid on Monday but until now I become not one follower on my page.", want: NonDelivery, sure: confident},
		{name: "nd nog niks toegekomen", subject: "bestelling", text: "Goeiedag, de views die ik bestelde zijn nog altijd niet toegekomen.", want: NonDelivery, sure: confident},
		{name: "nd views nowhere", subject: "views", text: "Paid for 10k views on friday, the video still sits at 800. What is going on?", want: NonDelivery, sure: confident},
		{name: "nd maar de helft", subject: "Half geleverd", text: "Ik heb maar de helft gekregen van wat ik besteld heb.", want: NonDelivery, sure: confident},
		{name: "nd geen resultaat van levering", subject: "bestelling 771234", text: "Ik wacht nu al 6 dagen op mijn abonnees.", want: NonDelivery, sure: confident},
		{name: "nd formal", subject: "Reclamatie", text: "Geachte heer/mevrouw, tot op heden heb ik de bestelde weergaven niet ontvangen. Ik verzoek u de bestelling alsnog uit te voeren of het bedrag te restitueren.", want: NonDelivery, sure: confident},
		{name: "nd kindly", subject: "Order not delivered", text: "Respected team, my order of 1000 likes is not delivered till date. Kindly refund my amount at the earliest.", want: NonDelivery, sure: confident},

		// not_as_described
		{name: "nad zelf 0 volgers", subject: "volgers", text: "Alle nieuwe volgers hebben zelf 0 volgers en volgen duizenden mensen.", want: NotAsDescribed, sure: confident},
		{name: "nad zonder bio", subject: "nep", text: "Het zijn profielen zonder foto en zonder bio, duidelijk nep.", want: NotAsDescribed, sure: confident},
		{name: "nad follow farm", subject: "followers", text: "This is obviously a follow farm, none of these accounts are real people.", want: NotAsDescribed, sure: confident},
		{name: "nad niet een nederlander", subject: "Nederlandse volgers?", text: "Ik betaalde voor Nederlandse volgers maar er zit niet één Nederlander tussen.", want: NotAsDescribed, sure: confident},
		{name: "nad unfollowed", subject: "unfollows", text: "Half of the followers unfollowed me within a day.", want: NotAsDescribed, sure: confident},
		{name: "nad helft weg", subject: "volgers", text: "De helft van de volgers die ik vorige week kreeg is alweer weg.", want: NotAsDescribed, sure: confident},
		{name: "nad lost percent", subject: "drop", text: "I lost 40% of the new followers within a week.", want: NotAsDescribed, sure: confident},
		{name: "nad analytics", subject: "views", text: "None of the views show up in my YouTube analytics.", want: NotAsDescribed, sure: confident},
		{name: "nad click away", subject: "views", text: "De kijkers klikken na 3 seconden weg, de kijktijd is bijna nul.", want: NotAsDescribed, sure: confident},
		{name: "nad one hour", subject: "likes", text: "All 1000 likes came in within one hour, it looks completely fake now.", want: NotAsDescribed, sure: confident},
		{name: "nad emoji comments", subject: "comments", text: "The comments I bought are just random emojis and 'nice pic', nothing about my actual post.", want: NotAsDescribed, sure: confident},
		{name: "nad wrong language comments", subject: "reacties", text: "De reacties zijn in het Portugees, ik had Nederlandstalige reacties besteld.", want: NotAsDescribed, sure: confident},
		{name: "nad guarantee drop", subject: "garantie", text: "Mijn volgers zakken elke dag verder terwijl jullie 30 dagen garantie geven.", want: NotAsDescribed, sure: confident},
		{name: "nad niet zoals geadverteerd", subject: "klacht", text: "De likes komen van accounts uit Azië, dat is niet zoals het geadverteerd werd.", want: NotAsDescribed, sure: confident},

		// cancel_recurring
		{name: "cr stoppen met abonnement", subject: "stoppen", text: "Ik wil stoppen met mijn abonnement.", want: CancelRecurring, sure: confident},
		{name: "cr no more monthly", subject: "payments", text: "No more monthly payments please, I'm done.", want: CancelRecurring, sure: confident},
		{name: "cr wil er vanaf", subject: "abonnement", text: "Ik wil van dat abonnement af, hoe regel ik dat?", want: CancelRecurring, sure: confident},
		{name: "cr want out", subject: "subscription", text: "I want out of this subscription as soon as possible.", want: CancelRecurring, sure: confident},
		{name: "cr close and stop billing", subject: "account", text: "Please close my account and stop billing me.", want: CancelRecurring, sure: confident},
		{name: "cr terminate contract", subject: "contract", text: "I hereby terminate my monthly contract with you.", want: CancelRecurring, sure: confident},
		{name: "cr maandelijkse likes stopzetten", subject: "likes", text: "Graag mijn maandelijkse likes stopzetten vanaf nu.", want: CancelRecurring, sure: confident},
		{name: "cr flemish", subject: "abonnement", text: "Ik zou mijn abonnement graag willen opzeggen, alvast bedankt.", want: CancelRecurring, sure: confident},
		{name: "cr finish", subject: "plan", text: "Could you finish my subscription this month?", want: CancelRecurring, sure: confident},

		// dissatisfied
		{name: "dis niet over te spreken", subject: "bestelling", text: "Ik ben er echt niet over te spreken, het heeft niks opgeleverd.", want: Dissatisfied, sure: confident},
		{name: "dis geldverspilling", subject: "pff", text: "Wat een geldverspilling was dit zeg.", want: Dissatisfied, sure: confident},
		{name: "dis not as good", subject: "order", text: "It's not as good as I thought it would be. I want my money back.", want: Dissatisfied, sure: confident},
		{name: "dis not really satisfied", subject: "feedback", text: "I'm not really satisfied with what I got.", want: Dissatisfied, sure: confident},
		{name: "dis toch maar niet", subject: "bestelling", text: "Ik wil het toch maar niet, mag ik mijn geld terug?", want: Dissatisfied},
		{name: "dis regret", subject: "purchase", text: "I regret buying the likes package, it did nothing for me.", want: Dissatisfied, sure: confident},
		{name: "dis no value", subject: "hmm", text: "I honestly don't see any value in what I bought.", want: Dissatisfied},

		// other
		{name: "other granted refund when", subject: "refund", text: "Your colleague said I'd get a refund for order 223344. When can I expect it?", want: Other},
		{name: "other stel dat drop", subject: "vraag", text: "Stel dat de volgers na een maand weggaan, krijg ik dan nieuwe?", want: Other},
		{name: "other what if not delivered", subject: "question", text: "What happens if the followers don't arrive within a week?", want: Other},
		{name: "other refill policy", subject: "refill", text: "Do you refill followers that drop?", want: Other},
		{name: "other how fast", subject: "vraag", text: "Hoe lang duurt het voordat de likes er staan als ik nu bestel?", want: Other},
		{name: "other pause", subject: "abonnement", text: "Kan ik mijn abonnement tijdelijk stilzetten tijdens de vakantie?", want: Other},
		{name: "other switch package", subject: "pakket", text: "Ik wil graag overstappen naar het TikTok pakket in plaats van Instagram.", want: Other},
		{name: "other price question", subject: "prijs", text: "Wat kost 5000 volgers en geven jullie korting bij grotere aantallen?", want: Other},
		{name: "other invoice company", subject: "factuur", text: "Graag een factuur op naam van mijn bedrijf voor de laatste betaling.", want: Other},
		{name: "other double charged", subject: "two payments", text: "My bank shows two payments of 14.95 for one order. Can you look at that?", want: Other},
		{name: "other account deletion", subject: "delete", text: "Please delete my account and all data you have about me.", want: Other},
		{name: "other newsletter stop", subject: "mails", text: "Stop met het sturen van reclamemails alsjeblieft.", want: Other},
		{name: "other newsletter missing", subject: "nieuwsbrief", text: "Ik krijg jullie nieuwsbrief niet meer binnen, klopt dat?", want: Other},
		{name: "other login", subject: "inloggen", text: "Ik kan niet inloggen op mijn account, de code komt niet aan.", want: Other},
		{name: "other influencer", subject: "collab", text: "Hi! I'm an influencer with 80k followers, would you like to collaborate?", want: Other},
		{name: "other compliment", subject: "dank", text: "Super snel geleverd en alle volgers zijn er, top!", want: Other},
		{name: "other ban question", subject: "question", text: "Can my account get banned if I buy likes from you?", want: Other},
		{name: "other gift", subject: "cadeau", text: "Kan ik een pakket cadeau geven aan een vriendin?", want: Other},
		{name: "other next payment", subject: "billing", text: "When is my next payment due for the monthly plan?", want: Other},
		{name: "other change link", subject: "link", text: "Oops, I put the wrong link in my order, it should be my other video. Can you change it?", want: Other},
	})
}

// TestMoreWording covers constructions found missing while writing the
// other tests: slow orders, renewals declined, imagined differently,
// escalation in other words.
func TestMoreWording(t *testing.T) {
	run(t, []tcase{
		{name: "nd duurt lang", subject: "bestelling", text: "Het duurt wel heel erg lang met mijn bestelling van 1000 volgers, ik heb nog niks gezien.", want: NonDelivery, sure: confident},
		{name: "nd taking forever", subject: "order", text: "My likes order is taking forever. Why is it so slow?", want: NonDelivery},
		{name: "nd stuck", subject: "stuck", text: "My order has been stuck on 'processing' since Saturday.", want: NonDelivery, sure: confident},
		{name: "nd in behandeling", subject: "status", text: "Mijn bestelling staat nog steeds op in behandeling, al vijf dagen.", want: NonDelivery, sure: confident},
		{name: "nd waarom zo lang", subject: "volgers", text: "Waarom duurt het zo lang voordat mijn volgers er zijn?", want: NonDelivery},
		{name: "nad same picture", subject: "nep", text: "De helft van de nieuwe volgers heeft dezelfde profielfoto.", want: NotAsDescribed, sure: confident},
		{name: "nad indian accounts", subject: "likes", text: "Most of the likes come from Indian accounts, while I ordered Dutch likes.", want: NotAsDescribed, sure: confident},
		{name: "cr niet verlengen", subject: "verlenging", text: "Ik wil mijn abonnement niet meer laten verlengen.", want: CancelRecurring, sure: confident},
		{name: "cr dont renew", subject: "renewal", text: "Please don't renew my subscription next month.", want: CancelRecurring, sure: confident},
		{name: "dis voorgesteld", subject: "hmm", text: "Ik had het me eerlijk gezegd heel anders voorgesteld.", want: Dissatisfied, sure: confident},
		{name: "dis looking for", subject: "order", text: "This is not what I was looking for, honestly a bit of a letdown.", want: Dissatisfied, sure: confident},
		{name: "dis jammer", subject: "likes", text: "Jammer, het heeft niks voor mijn bereik gedaan. Ik ben er niet blij mee.", want: Dissatisfied, sure: confident},
		{name: "esc rechter", subject: "geld", text: "Als ik niks hoor stap ik naar de rechter.", want: Other, esc: true},
		{name: "esc juridische stappen", subject: "volgers", text: "Ik heb mijn volgers niet ontvangen en overweeg juridische stappen.", want: NonDelivery, esc: true},
		{name: "esc sue", subject: "followers", text: "I never got my followers. I will sue you.", want: NonDelivery, esc: true},
		{name: "esc bank reverse", subject: "likes", text: "Still no likes. I'll ask my bank to reverse the charge.", want: NonDelivery, esc: true},
		{name: "esc buyer protection", subject: "PayPal", text: "I have filed a claim under PayPal buyer protection because nothing arrived.", want: NonDelivery, esc: true},
		{name: "esc creditcard terugdraaien", subject: "likes", text: "Nog steeds geen likes. Ik laat de betaling via mijn creditcard terugdraaien.", want: NonDelivery, esc: true},
		{name: "esc bbb", subject: "complaint", text: "Not delivered. Reporting you to the Better Business Bureau.", want: NonDelivery, esc: true},
		{name: "not esc social media", subject: "klacht", text: "Ik ben ontevreden en zet dit op Facebook.", want: Dissatisfied},
		{name: "not esc review", subject: "review", text: "Not happy at all, expect a one star review.", want: Dissatisfied},
	})
}

// TestGermanFrench covers the odd German or French mail.
func TestGermanFrench(t *testing.T) {
	run(t, []tcase{
		{name: "de nd", subject: "Bestellung", text: "Ich habe meine Follower noch nicht erhalten, obwohl ich vor vier Tagen bezahlt habe.", want: NonDelivery, sure: confident},
		{name: "de nad", subject: "Fake", text: "Die Follower sind alle gefälscht, das sind nur Bots.", want: NotAsDescribed, sure: confident},
		{name: "de cr", subject: "Abo", text: "Bitte kündigen Sie mein Abo zum nächsten Monat.", want: CancelRecurring, sure: confident},
		{name: "de dis", subject: "Unzufrieden", text: "Ich bin sehr enttäuscht von den Likes und möchte mein Geld zurück.", want: Dissatisfied, sure: confident},
		{name: "fr nd", subject: "Commande", text: "Je n'ai pas reçu mes abonnés, j'ai payé il y a cinq jours.", want: NonDelivery, sure: confident},
		{name: "fr nad", subject: "Faux", text: "Ce sont des faux comptes, aucun n'a de photo de profil.", want: NotAsDescribed, sure: confident},
		{name: "fr cr", subject: "Résiliation", text: "Je souhaite résilier mon abonnement mensuel.", want: CancelRecurring, sure: confident},
		{name: "fr dis", subject: "Déçu", text: "Je suis très déçu de ma commande, je voudrais un remboursement.", want: Dissatisfied, sure: confident},
	})
}
