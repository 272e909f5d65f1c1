package classify

import (
	"net/mail"
	"slices"
	"strings"
	"testing"

	"helpdesk/internal/message"
)

// The sentences below are invented for these tests (none is taken from the
// corpora): they check that the rules generalise to wording they were not
// written from.

// sure says what a case expects of Result.Confident.
type sure int

const (
	anyConfidence sure = iota
	confident
	unsure
)

type tcase struct {
	name     string
	subject  string
	text     string
	want     Category
	requests []Category // nil: only the category is checked
	esc      bool
	sure     sure
}

func msg(subject, text string) *message.Message {
	return &message.Message{
		Subject: subject,
		OwnText: text,
		From:    &mail.Address{Address: "klant@example.nl"},
	}
}

func run(t *testing.T, cases []tcase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := Classify(msg(c.subject, c.text), Settings{Addresses: []string{"support@shop.example"}})
			explain := "\n\t" + strings.Join(r.Reasons, "\n\t")
			if r.Category != c.want {
				t.Errorf("category: got %s; want %s%s", r.Category, c.want, explain)
			}
			if c.requests != nil && !slices.Equal(r.Requests, c.requests) {
				t.Errorf("requests: got %v; want %v%s", r.Requests, c.requests, explain)
			}
			if r.Escalation != c.esc {
				t.Errorf("escalation: got %v; want %v%s", r.Escalation, c.esc, explain)
			}
			switch {
			case c.sure == confident && !r.Confident:
				t.Errorf("confident: got false; want true%s", explain)
			case c.sure == unsure && r.Confident:
				t.Errorf("confident: got true; want false%s", explain)
			}
			if len(r.Reasons) == 0 {
				t.Errorf("no reasons")
			}
			if len(r.Requests) == 0 || r.Requests[0] != r.Category {
				t.Errorf("requests %v do not start with the category %s", r.Requests, r.Category)
			}
		})
	}
}

func TestNonDelivery(t *testing.T) {
	run(t, []tcase{
		{name: "nl plain", subject: "Bestelling", text: "Goedemiddag, vorige week woensdag heb ik 2000 volgers gekocht maar ik heb er nog geen enkele binnengekregen.", want: NonDelivery, sure: confident},
		{name: "nl chat", subject: "??", text: "hallo\nnog steeds niks op mn account\nwaar blijft het", want: NonDelivery, sure: confident},
		{name: "nl typo", subject: "likes", text: "ik heb gisteren likes besteld maar nog niks ontvagen, graag even checken", want: NonDelivery, sure: confident},
		{name: "nl counter", subject: "teller", text: "Mijn volgersaantal staat al drie dagen stil op 415 terwijl ik er 1000 besteld heb.", want: NonDelivery, sure: confident},
		{name: "nl partial", subject: "Onvolledige levering", text: "Van de 2500 weergaven zijn er pas 600 binnengekomen. Komt de rest nog?", want: NonDelivery, sure: confident},
		{name: "nl where", subject: "Waar blijven mijn likes?", text: "Ik heb zaterdag betaald via iDEAL.", want: NonDelivery, sure: confident},
		{name: "nl unhappy but not delivered", subject: "Ontevreden", text: "Ik ben erg ontevreden, want de helft van mijn bestelling is nooit geleverd.", want: NonDelivery, sure: confident},
		{name: "flemish", subject: "bestelling", text: "Dag, ik heb vorige week 500 volgers besteld maar er is nog niets toegekomen. Kunnen jullie dat eens nakijken aub?", want: NonDelivery, sure: confident},
		{name: "flemish ni", subject: "volgers", text: "Ik heb mijn volgers nog ni gekregen, da is toch ni normaal?", want: NonDelivery, sure: confident},
		{name: "en plain", subject: "Order problem", text: "Hi, I paid for 1,000 Instagram followers on Monday and not a single one has shown up on my profile.", want: NonDelivery, sure: confident},
		{name: "en counter", subject: "views", text: "My view count is stuck at 230, exactly the same as before I ordered.", want: NonDelivery, sure: confident},
		{name: "en partial", subject: "incomplete order", text: "I only got about 150 of the 500 likes I paid for.", want: NonDelivery, sure: confident},
		{name: "en fraction", subject: "order", text: "Received 300/1000 so far, where's the rest?", want: NonDelivery, sure: confident},
		{name: "en waiting", subject: "Still waiting", text: "I've been waiting for my followers since Friday. Any update on my order?", want: NonDelivery, sure: confident},
		{name: "en status", subject: "status?", text: "order 812345 placed tuesday. nothing yet", want: NonDelivery, sure: confident},
		{name: "en indian", subject: "Regarding my order", text: "Dear Sir, I have done payment for 2000 followers but till now I am not getting any followers. Kindly look into the matter and do the needful.", want: NonDelivery, sure: confident},
		{name: "en angry caps", subject: "WHERE ARE MY LIKES", text: "PAID 3 DAYS AGO AND STILL NOTHING!!! FIX IT", want: NonDelivery, sure: confident},
		{name: "en not started", subject: "order not started", text: "My campaign hasn't even started yet and it has been four days.", want: NonDelivery, sure: confident},
		{name: "en yet to", subject: "followers", text: "I am yet to receive the followers I bought last week.", want: NonDelivery, sure: confident},
		{name: "mixed", subject: "volgers", text: "Hoi! I ordered 500 volgers op zondag maar er is echt nog niks gebeurd on my account.", want: NonDelivery, sure: confident},
		{name: "de", subject: "Bestellung", text: "Hallo, ich habe vor fünf Tagen 1000 Follower bestellt und bis jetzt nichts erhalten.", want: NonDelivery},
		{name: "fr", subject: "Commande", text: "Bonjour, j'ai commandé 500 abonnés il y a une semaine et je n'ai rien reçu.", want: NonDelivery},
		{name: "completed but nothing", subject: "Voltooid?", text: "In mijn account staat de bestelling als voltooid, maar ik zie geen enkele nieuwe volger.", want: NonDelivery, sure: confident},
		{name: "wtf", subject: "wtf", text: "wtf 4 dagen geleden betaald en 0 likes", want: NonDelivery, sure: confident},
		{name: "never arrived", subject: "Views never arrived", text: "The 10k views I bought for my reel never came through.", want: NonDelivery, sure: confident},
	})
}

func TestNotAsDescribed(t *testing.T) {
	run(t, []tcase{
		{name: "nl bots", subject: "Klacht", text: "De volgers die ik heb gekregen zijn overduidelijk bots. Allemaal lege profielen.", want: NotAsDescribed, sure: confident},
		{name: "nl no pictures", subject: "volgers", text: "Bijna alle nieuwe volgers hebben geen profielfoto en geen enkele post.", want: NotAsDescribed, sure: confident},
		{name: "nl country", subject: "Geen Nederlanders", text: "Ik had Nederlandse volgers besteld maar ze komen allemaal uit Indonesië.", want: NotAsDescribed, sure: confident},
		{name: "nl drop", subject: "volgers weg", text: "Na twee dagen waren 400 van mijn nieuwe volgers alweer verdwenen, terwijl er garantie op zou zitten.", want: NotAsDescribed, sure: confident},
		{name: "nl all at once", subject: "levering", text: "Alle 1000 volgers kwamen in één keer binnen, terwijl op de site staat dat het geleidelijk gaat.", want: NotAsDescribed, sure: confident},
		{name: "nl comments english", subject: "reacties", text: "De reacties onder mijn post zijn allemaal in het Engels en slaan nergens op. Ik had Nederlandse reacties besteld.", want: NotAsDescribed, sure: confident},
		{name: "nl views not counted", subject: "weergaven", text: "De weergaven worden door YouTube niet meegeteld in mijn statistieken.", want: NotAsDescribed, sure: confident},
		{name: "nl not as described", subject: "niet zoals beschreven", text: "Wat ik heb ontvangen is niet wat er op jullie website beschreven staat.", want: NotAsDescribed, sure: confident},
		{name: "nl unhappy but fake", subject: "Teleurgesteld", text: "Ik ben echt teleurgesteld, het zijn allemaal neppe accounts.", want: NotAsDescribed, sure: confident},
		{name: "en bots", subject: "Fake followers", text: "Every single one of the followers you sent is a bot account with a random username.", want: NotAsDescribed, sure: confident},
		{name: "en wrong country", subject: "wrong country", text: "I paid extra for UK followers, but most of them are from Brazil and Pakistan.", want: NotAsDescribed, sure: confident},
		{name: "en dropping", subject: "Dropping", text: "My followers keep dropping, I have lost around 300 since Sunday.", want: NotAsDescribed, sure: confident},
		{name: "en why dropping", subject: "followers", text: "Why are my followers disappearing? I had 2000 new ones on Monday and now there are only 1300 left.", want: NotAsDescribed, sure: confident},
		{name: "en retention", subject: "views", text: "The views all have a watch time of 2 seconds, that's not what the product page promises.", want: NotAsDescribed, sure: confident},
		{name: "en not gradual", subject: "delivery", text: "Everything was delivered within ten minutes instead of gradually over a few days like your site says.", want: NotAsDescribed, sure: confident},
		{name: "en misleading", subject: "Misleading", text: "Your description of the premium package is misleading, the likes come from inactive accounts.", want: NotAsDescribed, sure: confident},
		{name: "en numbers names", subject: "followers", text: "The accounts have names like anna83920 and no posts at all.", want: NotAsDescribed, sure: confident},
		{name: "en audit", subject: "audit", text: "I ran an audit on my profile and 78% of my new followers are fake.", want: NotAsDescribed, sure: confident},
		{name: "mixed", subject: "nep", text: "Yo, die likes zijn gewoon fake accounts man, not real people at all.", want: NotAsDescribed, sure: confident},
		{name: "not worth but bots", subject: "meh", text: "Not worth the money, they are all bots.", want: NotAsDescribed, sure: confident},
	})
}

func TestCancelRecurring(t *testing.T) {
	run(t, []tcase{
		{name: "nl opzeggen", subject: "Abonnement", text: "Ik wil graag mijn abonnement opzeggen per direct.", want: CancelRecurring, sure: confident},
		{name: "nl typo", subject: "abbonement", text: "wil me abbonement opzegen aub", want: CancelRecurring, sure: confident},
		{name: "nl separable", subject: "opzegging", text: "Hierbij zeg ik het maandabonnement op.", want: CancelRecurring, sure: confident},
		{name: "nl beeindigen", subject: "Beëindigen", text: "Graag wil ik mijn lidmaatschap beëindigen en de laatste betaling terug.", want: CancelRecurring, sure: confident},
		{name: "nl incasso", subject: "incasso", text: "Kunnen jullie de automatische incasso stopzetten? Ik wil niet dat er nog geld wordt afgeschreven.", want: CancelRecurring, sure: confident},
		{name: "nl geen geld meer", subject: "Stoppen", text: "Haal alsjeblieft geen geld meer van mijn rekening af, ik gebruik jullie dienst niet meer.", want: CancelRecurring, sure: confident},
		{name: "nl verlenging", subject: "verlenging", text: "Zet de automatische verlenging van mijn pakket uit alstublieft.", want: CancelRecurring, sure: confident},
		{name: "nl uitschrijven", subject: "uitschrijven", text: "Ik wil me uitschrijven voor het maandelijkse likes abonnement.", want: CancelRecurring, sure: confident},
		{name: "nl unhappy cancel", subject: "Opzeggen", text: "Ik ben niet tevreden, dus ik zeg mijn abonnement op.", want: CancelRecurring, requests: []Category{CancelRecurring}, sure: confident},
		{name: "nl with refund", subject: "opzeggen + geld terug", text: "Wil mijn abonnement opzeggen en het geld van deze maand terug.", want: CancelRecurring, requests: []Category{CancelRecurring}, sure: confident},
		{name: "en cancel", subject: "Cancel", text: "Please cancel my monthly subscription, I don't need it anymore.", want: CancelRecurring, sure: confident},
		{name: "en stop charging", subject: "billing", text: "Stop charging my card every month, I never wanted a subscription.", want: CancelRecurring, sure: confident},
		{name: "en auto renew", subject: "auto-renew", text: "How do I turn off auto renewal on my plan?", want: CancelRecurring, sure: confident},
		{name: "en unsubscribe", subject: "Unsubscribe", text: "I want to unsubscribe from the monthly followers plan.", want: CancelRecurring, sure: confident},
		{name: "en end membership", subject: "membership", text: "I'd like to end my membership and get the last payment refunded.", want: CancelRecurring, sure: confident},
		{name: "en no longer", subject: "subscription", text: "You charged me again for a subscription I no longer want. Stop it now.", want: CancelRecurring, sure: confident},
		{name: "en dont charge again", subject: "plan", text: "don't charge me again for the tiktok plan thx", want: CancelRecurring, sure: confident},
		{name: "mixed", subject: "cancel abo", text: "Hey, kun je mijn abo cancelen? I don't use it anymore.", want: CancelRecurring, sure: confident},
		{name: "de", subject: "Kündigung", text: "Ich möchte mein Abonnement kündigen.", want: CancelRecurring},
	})
}

func TestDissatisfied(t *testing.T) {
	run(t, []tcase{
		{name: "nl valt tegen", subject: "tja", text: "Eerlijk gezegd valt het me behoorlijk tegen. Ik had er meer van verwacht.", want: Dissatisfied, sure: confident},
		{name: "nl spijt", subject: "aankoop", text: "Ik heb spijt van mijn aankoop van vorige week.", want: Dissatisfied, sure: confident},
		{name: "nl zonde", subject: "zonde", text: "Wat een zonde van m'n geld dit.", want: Dissatisfied, sure: confident},
		{name: "nl geld terug no ground", subject: "terugbetaling", text: "Ik wil gewoon mijn geld terug.", want: Dissatisfied, sure: confident},
		{name: "nl bedacht", subject: "bestelling", text: "Ik heb me bedacht en wil de bestelling toch niet, kan ik mijn geld terugkrijgen?", want: Dissatisfied},
		{name: "nl ontevreden", subject: "Ontevreden", text: "Ik ben zeer ontevreden over de volgers die ik kocht.", want: Dissatisfied, sure: confident},
		{name: "nl niet blij", subject: "hmm", text: "Ben er niet blij mee, het levert me helemaal niks op.", want: Dissatisfied, sure: confident},
		{name: "en waste", subject: "waste", text: "Total waste of money, I'd like a refund.", want: Dissatisfied, sure: confident},
		{name: "en not worth", subject: "review", text: "Honestly not worth it. I expected a lot more engagement.", want: Dissatisfied, sure: confident},
		{name: "en meh", subject: "meh", text: "meh. not what i hoped for", want: Dissatisfied, sure: confident},
		{name: "en disappointed", subject: "Disappointed", text: "I'm really disappointed with the results of my order.", want: Dissatisfied, sure: confident},
		{name: "en changed mind", subject: "order", text: "I changed my mind about the likes, can I get my money back?", want: Dissatisfied},
		{name: "en no effect", subject: "no results", text: "Not impressed. The followers didn't help my business at all.", want: Dissatisfied, sure: confident},
		{name: "mixed", subject: "niet tevreden", text: "Sorry maar I'm not happy with it, ik wil mijn geld terug.", want: Dissatisfied, sure: confident},
	})
}

func TestOther(t *testing.T) {
	run(t, []tcase{
		{name: "refund timing", subject: "terugbetaling", text: "Jullie hebben de terugbetaling gisteren goedgekeurd. Hoe lang duurt het voordat het op mijn rekening staat?", want: Other},
		{name: "refund timing en", subject: "refund", text: "You confirmed my refund last week. When will the money show up on my card?", want: Other},
		{name: "refund thanks", subject: "Thanks", text: "Just wanted to say thanks, the refund arrived this morning.", want: Other},
		{name: "before buying refund", subject: "vraag", text: "Stel dat ik 1000 volgers bestel en ze komen niet, krijg ik dan mijn geld terug?", want: Other},
		{name: "before buying en", subject: "question", text: "If I buy followers and I'm not satisfied, can I get a refund?", want: Other},
		{name: "will they drop", subject: "vraag", text: "Blijven de volgers staan of gaan ze na een tijdje weer weg?", want: Other},
		{name: "will they drop en", subject: "question", text: "Will the followers drop after a few weeks?", want: Other},
		{name: "do they drop en", subject: "followers", text: "Do your followers usually drop off over time?", want: Other},
		{name: "delivery speed", subject: "levertijd", text: "Hoe snel worden de likes geleverd als ik vandaag bestel?", want: Other},
		{name: "delivery speed en", subject: "delivery", text: "How long does delivery usually take for 5000 views?", want: Other},
		{name: "pause not cancel", subject: "pauze", text: "Ik wil niet opzeggen hoor, maar kan ik mijn abonnement een maandje pauzeren?", want: Other},
		{name: "pause en", subject: "pause", text: "Is it possible to pause my plan for December instead of cancelling it?", want: Other},
		{name: "upgrade", subject: "upgrade", text: "Ik wil mijn abonnement upgraden naar het grotere pakket.", want: Other},
		{name: "invoice", subject: "factuur", text: "Kunnen jullie een factuur met btw sturen voor bestelling 123456?", want: Other},
		{name: "vat en", subject: "VAT invoice", text: "Could you send me an invoice with our VAT number for my last order?", want: Other},
		{name: "payment methods", subject: "betalen", text: "Kan ik ook betalen met Bancontact of alleen met iDEAL?", want: Other},
		{name: "paypal alone", subject: "PayPal", text: "Do you accept PayPal?", want: Other},
		{name: "charged twice", subject: "dubbel", text: "Ik zie dat ik twee keer ben afgeschreven voor dezelfde bestelling, kan één betaling terug?", want: Other},
		{name: "charged twice en", subject: "double charge", text: "I was charged twice for order 445566, please refund one of the charges.", want: Other},
		{name: "gdpr", subject: "AVG", text: "Verwijder alstublieft al mijn gegevens uit jullie systemen.", want: Other},
		{name: "newsletter unsubscribe", subject: "nieuwsbrief", text: "Ik wil me graag uitschrijven voor de nieuwsbrief.", want: Other},
		{name: "newsletter unsubscribe en", subject: "emails", text: "Please unsubscribe me from your newsletter, too many emails.", want: Other},
		{name: "password", subject: "wachtwoord", text: "De link om mijn wachtwoord te resetten komt niet aan.", want: Other},
		{name: "receipt missing", subject: "bevestiging", text: "Mijn volgers zijn binnen, maar ik heb nooit een orderbevestiging ontvangen.", want: Other},
		{name: "partnership", subject: "samenwerking", text: "Wij zijn een marketingbureau en zoeken een partner voor onze klanten. Interesse in een samenwerking?", want: Other},
		{name: "job", subject: "sollicitatie", text: "Hierbij solliciteer ik naar de vacature van klantenservice medewerker, mijn cv zit in de bijlage.", want: Other},
		{name: "thanks", subject: "top", text: "Alles goed ontvangen, bedankt voor de snelle levering!", want: Other},
		{name: "thanks en", subject: "great", text: "Got all my likes within a day, great service!", want: Other},
		{name: "safe", subject: "veilig?", text: "Is het veilig voor mijn account als ik volgers koop?", want: Other},
		{name: "change username", subject: "verkeerde naam", text: "Ik heb bij mijn bestelling de verkeerde gebruikersnaam ingevuld, kunnen jullie dat aanpassen?", want: Other},
		{name: "real followers question", subject: "echt?", text: "Zijn het echte volgers of bots? Ik wil geen nepaccounts.", want: Other},
		{name: "cancel anytime question", subject: "abonnement", text: "Kan ik het maandabonnement op elk moment opzeggen als ik het afsluit?", want: Other},
		{name: "next payment", subject: "betaling", text: "Wanneer wordt de volgende betaling van mijn abonnement afgeschreven?", want: Other},
		{name: "discount", subject: "kortingscode", text: "Mijn kortingscode werkt niet bij het afrekenen.", want: Other},
		{name: "another shop", subject: "vraag", text: "Bij een andere site kreeg ik alleen maar bots. Hoe zit dat bij jullie?", want: Other},
	})
}

func TestEscalation(t *testing.T) {
	run(t, []tcase{
		{name: "chargeback", subject: "likes", text: "Nog steeds geen likes. Als dit niet vandaag opgelost is doe ik een chargeback.", want: NonDelivery, esc: true},
		{name: "negated chargeback", subject: "volgers", text: "Ik heb nog niks ontvangen. Ik wil geen chargeback doen hoor, maar graag actie.", want: NonDelivery, esc: true},
		{name: "terugboeken", subject: "geld", text: "Ik ga het bedrag via mijn bank laten terugboeken.", want: Other, esc: true},
		{name: "storneren", subject: "incasso", text: "Ik heb de afschrijving gestorneerd en wil mijn abonnement opzeggen.", want: CancelRecurring, esc: true},
		{name: "advocaat", subject: "ontevreden", text: "Ik ben ontevreden en schakel mijn advocaat in.", want: Dissatisfied, esc: true},
		{name: "lawyer", subject: "followers", text: "My lawyer will contact you if the followers are not delivered.", want: Other, esc: true},
		{name: "police", subject: "scam", text: "You are scammers, I got nothing.", want: NonDelivery, esc: true},
		{name: "aangifte", subject: "oplichting", text: "Ik doe aangifte bij de politie, ik heb niets ontvangen.", want: NonDelivery, esc: true},
		{name: "fraud", subject: "charge", text: "This charge on my card is fraudulent, I never ordered anything.", want: Other, esc: true},
		{name: "consumentenbond", subject: "klacht", text: "Ik meld dit bij de Consumentenbond als ik mijn geld niet terugkrijg.", want: Other, esc: true},
		{name: "acm", subject: "klacht", text: "Ik dien een klacht in bij de ACM.", want: Other, esc: true},
		{name: "test aankoop", subject: "klacht", text: "Ik ga naar Test-Aankoop met deze nepvolgers.", want: NotAsDescribed, esc: true},
		{name: "trading standards", subject: "complaint", text: "I will report you to Trading Standards.", want: Other, esc: true},
		{name: "paypal dispute", subject: "refund", text: "Refund me or I open a dispute with PayPal.", want: Dissatisfied, esc: true},
		{name: "bank dispute", subject: "refund", text: "I'm disputing this payment with my bank.", want: Dissatisfied, esc: true, sure: unsure},
		{name: "card dispute", subject: "charge", text: "I will file a dispute with my credit card company.", want: Other, esc: true},
		{name: "geschil", subject: "PayPal", text: "Ik open een geschil bij PayPal als het geld er morgen niet is.", want: Other, esc: true},
		{name: "not: paypal alone", subject: "betaald", text: "Ik heb met PayPal betaald maar mijn likes zijn er nog niet.", want: NonDelivery},
		{name: "not: bankrekening", subject: "terug", text: "Wanneer staat de terugbetaling op mijn bankrekening?", want: Other},
		{name: "not: btw-aangifte", subject: "factuur", text: "Ik heb een factuur nodig voor mijn btw-aangifte.", want: Other},
		{name: "not: kiezen van bank", subject: "iDEAL", text: "Na het kiezen van mijn bank krijg ik een foutmelding.", want: Other},
		{name: "not: trustpilot", subject: "review", text: "Ik ben teleurgesteld en ga een slechte review op Trustpilot zetten.", want: Dissatisfied},
		{name: "not: in case my card", subject: "plan", text: "Please cancel my plan, in case my card gets charged again next month.", want: CancelRecurring},
		{name: "not: bankrekening contact", subject: "terugbetaling", text: "Jullie hebben de terugbetaling bevestigd maar het staat nog niet op mijn bankrekening, kunnen jullie contact opnemen?", want: Other},
		{name: "not: paid by card", subject: "likes", text: "I paid by credit card on Monday and the likes never arrived.", want: NonDelivery},
		{name: "report to bank", subject: "likes", text: "Nog steeds geen likes, ik ga het melden bij mijn bank.", want: NonDelivery, esc: true},
		{name: "paypal case", subject: "order", text: "Nothing arrived, so I opened a case with PayPal.", want: NonDelivery, esc: true},
	})
}

func TestNegationAndQuestions(t *testing.T) {
	run(t, []tcase{
		{name: "not cancel", subject: "abonnement", text: "Ik wil mijn abonnement niet opzeggen, alleen een vraag over de factuur.", want: Other},
		{name: "dont want to cancel", subject: "plan", text: "I don't want to cancel my plan, I just want to change the account it's linked to.", want: Other},
		{name: "not bots", subject: "top", text: "Geen bots gezien, alles lijkt echt. Dank!", want: Other},
		{name: "not disappointed", subject: "feedback", text: "I'm not disappointed at all, very happy with the service.", want: Other},
		{name: "no regrets", subject: "bedankt", text: "Geen spijt van mijn aankoop, jullie zijn top.", want: Other},
		{name: "nog niet is non-delivery", subject: "likes", text: "De likes zijn nog niet binnen.", want: NonDelivery, sure: confident},
		{name: "why not received", subject: "vraag", text: "Waarom heb ik mijn volgers nog steeds niet ontvangen?", want: NonDelivery, sure: confident},
		{name: "how to cancel own", subject: "opzeggen", text: "Hoe kan ik mijn abonnement opzeggen?", want: CancelRecurring},
		{name: "conditional refund ask", subject: "volgers", text: "Ik heb nog niks ontvangen. Als het niet lukt wil ik mijn geld terug.", want: NonDelivery, sure: confident},
	})
}

func TestTwoRequests(t *testing.T) {
	run(t, []tcase{
		{name: "cancel then non-delivery", subject: "Opzeggen en levering", text: "Ik wil mijn abonnement opzeggen. Daarnaast is mijn losse bestelling van vorige week nooit aangekomen.", want: CancelRecurring, requests: []Category{CancelRecurring, NonDelivery}},
		{name: "non-delivery then cancel", subject: "two things", text: "My likes order never arrived. Also, please cancel my monthly subscription.", want: NonDelivery, requests: []Category{NonDelivery, CancelRecurring}},
		{name: "subject decides order", subject: "Cancel plan + missing followers", text: "My followers from last week never arrived. And cancel my plan please.", want: CancelRecurring, requests: []Category{CancelRecurring, NonDelivery}},
		{name: "bots and cancel", subject: "nep en stoppen", text: "De volgers zijn allemaal nepaccounts. Verder wil ik mijn maandabonnement stopzetten.", want: NotAsDescribed, requests: []Category{NotAsDescribed, CancelRecurring}},
		{name: "cancel and invoice", subject: "opzeggen", text: "Ik wil mijn abonnement opzeggen. Kunnen jullie ook de facturen van dit jaar sturen?", want: CancelRecurring, requests: []Category{CancelRecurring, Other}},
		{name: "cancel with refund is one", subject: "cancel", text: "Please cancel my subscription and refund this month's payment.", want: CancelRecurring, requests: []Category{CancelRecurring}},
	})
}

func TestAuto(t *testing.T) {
	m := msg("Re: Bestelling", "Ik ben afwezig tot maandag. Chargeback, advocaat, politie.")
	m.Auto = []string{"Auto-Submitted: auto-replied (RFC 3834)"}
	if r := Classify(m, Settings{}); r.Category != Auto || r.Escalation || !r.Confident {
		t.Errorf("auto signal: got %s escalation %v confident %v; want auto, no escalation, confident", r.Category, r.Escalation, r.Confident)
	}
	m = msg("Re: Volgers niet ontvangen", "Hoi Lisa, we hebben je bestelling bekeken en je krijgt je geld terug.")
	m.From = &mail.Address{Address: "Support@Shop.Example"}
	if r := Classify(m, Settings{Addresses: []string{"support@shop.example"}}); r.Category != Auto {
		t.Errorf("own address in another case: got %s; want auto", r.Category)
	}
	m.From = &mail.Address{Address: "support+x@shop.example"}
	if r := Classify(m, Settings{Addresses: []string{"support@shop.example"}}); r.Category == Auto {
		t.Errorf("another address: got auto; want a customer's mail")
	}
}

func TestLanguage(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Hi, I have not received my followers yet. Can you check this please?", "en"},
		{"Hoi, ik heb mijn volgers nog niet ontvangen. Kunnen jullie even kijken?", "nl"},
		{"Hoi! I ordered 500 volgers op zondag maar er is nog niks gebeurd.", "nl"},
		{"Bonjour, je n'ai rien reçu.", "nl"},
		{"", "nl"},
	} {
		if got := Classify(msg("", c.text), Settings{}).Language; got != c.want {
			t.Errorf("language of %q: got %s; want %s", c.text, got, c.want)
		}
	}
}

func TestReasonsQuoteTheCustomer(t *testing.T) {
	r := Classify(msg("Abonnement opzeggen", "Ik wil mijn abonnement beëindigen."), Settings{})
	joined := strings.Join(r.Reasons, "\n")
	for _, want := range []string{`subject "Abonnement opzeggen": cancel_recurring claim`, `("opzeggen")`, `("beëindigen")`} {
		if !strings.Contains(joined, want) {
			t.Errorf("reasons lack %s:\n%s", want, joined)
		}
	}
}

func TestCancelOneOffOrder(t *testing.T) {
	run(t, []tcase{
		// Cancelling a one-off order is no recurring payment: it asks for money back.
		{name: "cancel order and refund", subject: "Cancel", text: "Please cancel my order 712345 and refund me, I ordered the wrong thing.", want: Dissatisfied},
		{name: "annuleren bestelling", subject: "annuleren", text: "Ik wil mijn bestelling annuleren en mijn geld terug.", want: Dissatisfied},
		{name: "unsubscribe subject newsletter body", subject: "Unsubscribe", text: "Please take me off your newsletter list.", want: Other},
		{name: "cancel before start", subject: "bestelling", text: "Kan ik mijn bestelling nog annuleren voordat hij start?", want: Other},
	})
}

func TestLongOwnText(t *testing.T) {
	text := "Ik heb mijn volgers niet ontvangen. " + strings.Repeat("bla ", maxOwnText)
	r := Classify(msg("volgers", text), Settings{})
	if r.Category != NonDelivery || r.Confident {
		t.Errorf("got %s confident %v; want non_delivery, not confident", r.Category, r.Confident)
	}
	if !strings.Contains(strings.Join(r.Reasons, "\n"), "long own text") {
		t.Errorf("reasons do not say the text was cut: %q", r.Reasons)
	}
	// One endless sentence is cut into units, not matched as a whole.
	if us := splitUnits(strings.Repeat("niet ontvangen ", 1000)); len(us) < 1000*2/maxUnit {
		t.Errorf("got %d units; want the sentence cut every %d words", len(us), maxUnit)
	}
}

func TestHearsay(t *testing.T) {
	run(t, []tcase{
		{name: "a friend says", subject: "vraag", text: "Een vriendin zegt dat de volgers vaak na een week weer verdwijnen. Klopt dat?", want: Other},
		{name: "usually in general", subject: "question", text: "Do followers usually drop after a month?", want: Other},
		{name: "my followers often drop", subject: "volgers", text: "Mijn volgers dalen vaak al na een dag, ik had er 2000 gekocht.", want: NotAsDescribed, sure: confident},
	})
}
