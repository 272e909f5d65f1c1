package classify

import "testing"

// TestOtherTraps are questions and requests that use the words of a claim
// without making one: answering them as claims would be a harmful decision.
// Each must come out as other, or at least not as a confident claim.
func TestOtherTraps(t *testing.T) {
	cases := []tcase{
		{name: "granted refund nl", subject: "Terugbetaling bestelling 776655", text: "Hallo, gisteren kreeg ik bericht dat mijn terugbetaling is goedgekeurd. Binnen hoeveel werkdagen staat het geld op mijn rekening?\nGroet, Kim"},
		{name: "granted refund en", subject: "Re: Your refund", text: "Hi, thanks for approving the refund for my views order. Just checking how long it usually takes to reach my PayPal balance?"},
		{name: "refund received thanks", subject: "Geld ontvangen", text: "Het geld staat weer op mijn rekening, bedankt voor de snelle afhandeling!"},
		{name: "refund received thanks en", subject: "Refund received", text: "Just confirming the refund came through today. Thanks for sorting it out so quickly."},
		{name: "stel dat nl", subject: "Vraagje vooraf", text: "Hoi, ik twijfel nog. Stel dat de likes niet binnenkomen, hoe werkt het dan met terugbetalen?"},
		{name: "what if en", subject: "Before I order", text: "What if I order 2000 followers and only part of them arrive? Do I get a partial refund?"},
		{name: "guarantee question", subject: "garantie", text: "Hebben jullie garantie als er volgers verdwijnen? Ik wil niet dat ze na een week weg zijn."},
		{name: "will they unfollow", subject: "Question", text: "Hi! Quick question: do the followers stay, or do people unfollow after a while? I don't want my count to drop."},
		{name: "delivery speed nl", subject: "Levertijd", text: "Hoeveel dagen duurt het voordat 1000 volgers geleverd zijn? Ik wil ze graag voor mijn lancering op vrijdag."},
		{name: "delivery speed en", subject: "Delivery time", text: "How quickly can you deliver 10k views? My video goes live next week."},
		{name: "invoice btw-aangifte", subject: "Factuur", text: "Voor mijn btw-aangifte heb ik een factuur nodig van mijn bestelling van oktober. Kunnen jullie die mailen?"},
		{name: "receipt for expenses", subject: "Receipt", text: "Could you send a receipt for my last three payments? I need them for my expenses."},
		{name: "change username before start", subject: "Gebruikersnaam", text: "Mijn bestelling is nog niet gestart, dus kunnen jullie de gebruikersnaam nog veranderen naar @bakkerij.jansen?"},
		{name: "change link before start en", subject: "Wrong video", text: "My order hasn't started yet, could you use this video instead of the one I entered? https://example.com/v/123"},
		{name: "postpone start", subject: "Later starten", text: "Kunnen jullie mijn bestelling pas volgende week laten starten? Ik ben nu op vakantie."},
		{name: "spread delivery", subject: "Spread delivery", text: "Could you deliver my next order gradually over 10 days instead of all at once?"},
		{name: "pause nl", subject: "Abonnement pauzeren", text: "Ik wil mijn abonnement niet opzeggen hoor, maar kan ik het januari overslaan?"},
		{name: "pause en", subject: "Holiday", text: "I'm away in December. Can I put my monthly plan on hold instead of cancelling?"},
		{name: "add to package", subject: "Extra likes", text: "Kan ik bij mijn lopende abonnement nog 500 extra likes per maand erbij nemen?"},
		{name: "switch platform", subject: "Switch", text: "Can I switch my monthly plan from Instagram to TikTok?"},
		{name: "next payment date", subject: "Afschrijving", text: "Op welke datum wordt mijn volgende maandbedrag afgeschreven?"},
		{name: "next year price", subject: "Prijs volgend jaar", text: "Blijft de prijs van mijn abonnement volgend jaar hetzelfde?"},
		{name: "bulk price", subject: "Offerte", text: "Wij willen maandelijks voor 12 klanten volgers afnemen. Kunnen jullie een offerte maken?"},
		{name: "discount code", subject: "Code werkt niet", text: "De kortingscode uit jullie mail geeft een foutmelding. Kunnen jullie helpen?"},
		{name: "gift", subject: "Gift", text: "Can I buy a likes package as a birthday gift for my sister's account?"},
		{name: "ideal error", subject: "Betaling mislukt", text: "Na het kiezen van mijn bank in iDEAL krijg ik steeds een foutmelding. Hoe kan ik anders betalen?"},
		{name: "bancontact", subject: "Betalen vanuit België", text: "Kan ik vanuit België ook met Bancontact betalen?"},
		{name: "usd", subject: "Currency", text: "Can I pay in USD instead of euros?"},
		{name: "charged twice nl", subject: "Dubbele afschrijving", text: "Ik zie op mijn afschrift dat jullie deze maand twee keer 19,95 hebben afgeschreven. Kan er één terug?"},
		{name: "charged twice en", subject: "Double payment", text: "Looks like my card was charged twice for the same likes order. Please refund the extra charge."},
		{name: "gdpr nl", subject: "Gegevens", text: "Op grond van de AVG verzoek ik jullie mijn persoonsgegevens te wissen."},
		{name: "newsletter uitschrijven", subject: "Afmelden", text: "Graag wil ik me afmelden voor jullie nieuwsbrief, ik krijg te veel mail."},
		{name: "newsletter missing", subject: "Nieuwsbrief", text: "Sinds een paar weken komt jullie nieuwsbrief niet meer aan. Staat mijn adres er nog op?"},
		{name: "receipt missing order arrived", subject: "Geen bevestiging", text: "De volgers zijn netjes binnengekomen, alleen heb ik nooit een bevestigingsmail of factuur ontvangen."},
		{name: "receipt missing en", subject: "No confirmation", text: "My likes arrived fine but I never got a confirmation email for the order."},
		{name: "new email", subject: "Nieuw e-mailadres", text: "Ik heb een nieuw e-mailadres, kunnen jullie dat aanpassen in mijn account?"},
		{name: "password link", subject: "Wachtwoord", text: "I requested a password reset three times but the link never arrives."},
		{name: "thanks nl", subject: "Dankjewel", text: "Alles is binnen en het ziet er echt goed uit. Dikke pluim voor jullie!"},
		{name: "thanks en", subject: "Thank you", text: "Just wanted to say the followers all came in and they look great. Will order again!"},
		{name: "press", subject: "Interview", text: "Ik ben journalist en schrijf een artikel over het kopen van volgers. Mag ik jullie een paar vragen stellen?"},
		{name: "influencer", subject: "Partnership", text: "We run a creator agency and would love to discuss a reseller partnership."},
		{name: "job", subject: "Open sollicitatie", text: "Graag wil ik bij jullie komen werken als social media medewerker. Mijn cv stuur ik mee."},
		{name: "safe", subject: "Veilig?", text: "Kan Instagram zien dat ik volgers heb gekocht? Ik wil niet dat mijn account wordt geblokkeerd."},
		{name: "real or bots question", subject: "Echte volgers?", text: "Zijn jullie volgers echte mensen of bots? En komen ze uit Nederland?"},
		{name: "country question en", subject: "Targeting", text: "Can I choose followers from the UK only, or are they from all over the world?"},
		{name: "views counted question", subject: "Views", text: "Do the views you sell count towards YouTube monetization?"},
		{name: "cancel anytime en", subject: "Subscription question", text: "If I take the monthly plan, can I cancel it at any time?"},
		{name: "refund policy en", subject: "Refunds", text: "What is your refund policy for subscriptions?"},
		{name: "not arrived before ordering", subject: "Question", text: "Hi, I haven't ordered yet. What happens if my followers don't arrive?"},
		{name: "friend's bad experience", subject: "Twijfel", text: "Mijn vriend kreeg bij een andere site alleen nepvolgers. Hoe weten jullie zeker dat het echte accounts zijn?"},
		{name: "change order before start", subject: "Aantal aanpassen", text: "Ik heb net 500 likes besteld maar wil er eigenlijk 1000. Kan dat nog voordat het begint?"},
	}
	for i := range cases {
		cases[i].want = Other
	}
	run(t, cases)
}

// TestPresaleTraps are questions asked before buying that are full of the
// words of a non-delivery or description claim.
func TestPresaleTraps(t *testing.T) {
	cases := []tcase{
		{name: "nog geen volgers", subject: "Beginnen", text: "Ik begin net met mijn account en heb nog geen volgers. Welk pakket raden jullie aan?"},
		{name: "zero followers en", subject: "New account", text: "My new page has 0 followers. Which package would help me most?"},
		{name: "nog steeds vragen", subject: "Vragen", text: "Ik heb nog steeds 2 vragen over jullie volgers: zijn ze echt en hoe snel komen ze?"},
		{name: "weet nog niet", subject: "Twijfel", text: "Ik weet nog niet of ik 1000 of 2500 volgers wil. Wat is het verschil in prijs?"},
		{name: "where order button", subject: "Website", text: "Where is the order button on your website? I can't find it."},
		{name: "any news packages", subject: "Nieuw", text: "Is er nieuws over de nieuwe TikTok pakketten die jullie aankondigden?"},
		{name: "delay holidays", subject: "Feestdagen", text: "Is er vertraging in de levering van bestellingen tijdens de feestdagen?"},
		{name: "when renewal", subject: "Abonnement", text: "Wanneer wordt mijn abonnement verlengd en wat kost het dan?"},
		{name: "will it take long", subject: "Vraag", text: "Duurt het lang voordat de volgers er zijn als ik vandaag bestel?"},
		{name: "same count as competitor", subject: "Vergelijking", text: "Mijn concurrent heeft evenveel volgers als ik maar veel meer likes. Hoe kan dat?"},
		{name: "not yet decided", subject: "Question", text: "I haven't decided yet between the 500 and 1000 likes package. Is the bigger one worth it?"},
		{name: "bots question en", subject: "Quality", text: "Are your followers bots or real accounts? I really don't want fake followers on my page."},
		{name: "drop question nl", subject: "Garantie", text: "Wat gebeurt er als de volgers na een paar weken dalen? Geven jullie dan garantie?"},
		{name: "country question nl", subject: "Nederlandse volgers", text: "Komen de volgers echt uit Nederland of uit het buitenland?"},
		{name: "no profile pictures question", subject: "Profielen", text: "Hebben de accounts een profielfoto en posts, of zijn het lege profielen?"},
		{name: "all at once question", subject: "Levering", text: "Komen alle likes in één keer binnen of verspreid over een paar dagen?"},
		{name: "cancel later question", subject: "Abonnement", text: "Als ik een abonnement neem, kan ik het dan na een maand stopzetten?"},
		{name: "refund question", subject: "Geld terug?", text: "Krijg ik mijn geld terug als het pakket niet werkt voor mijn account?"},
		{name: "retention question", subject: "Views", text: "Do your views have good retention or do viewers leave after a few seconds?"},
		{name: "comments language question", subject: "Comments", text: "Can the comments be in Dutch instead of English?"},
	}
	for i := range cases {
		cases[i].want = Other
	}
	run(t, cases)
}
