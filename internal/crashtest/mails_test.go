package crashtest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// kind is one sort of customer mail, chosen so that the outcomes vary:
// replies of every template, mail for a person and machine mail.
type kind struct {
	name    string
	weight  int
	subject string
	body    string // %[1]s is the order number, %[2]s the customer's first name
	header  string // extra header lines, CRLF-terminated
	// order writes the customer's order row, if any; now is the test's start.
	order func(id, email string, now time.Time) string
}

const day = 24 * time.Hour

func placed(id, email, product string, at time.Time, cents int, status string) string {
	return fmt.Sprintf("%s,%s,%s,%s,%d,EUR,false,,%s\n", id, email, product, at.Format(time.RFC3339), cents, status)
}

func subscription(id, email string, start, lastPayment time.Time) string {
	return fmt.Sprintf("%s,%s,Maandelijks pakket,%s,2999,EUR,true,%s,active\n", id, email, start.Format(time.RFC3339), lastPayment.Format(time.RFC3339))
}

// kinds are the customer mails the harness sends, with their weights.
var kinds = []kind{
	{
		name: "non_delivery", weight: 4, subject: "Volgers niet ontvangen",
		body: "Hoi,\r\n\r\nMijn 1000 volgers van bestelling %[1]s zijn nog steeds niet binnen.\r\n\r\nGroet, %[2]s",
		order: func(id, email string, now time.Time) string {
			return placed(id, email, "1000 Instagram volgers", now.Add(-2*day), 1495, "processing")
		},
	},
	{
		name: "non_delivery_expired", weight: 2, subject: "Likes nooit gekregen",
		body: "Mijn likes van order %[1]s heb ik nooit ontvangen.\r\n\r\n%[2]s",
		order: func(id, email string, now time.Time) string {
			return placed(id, email, "500 TikTok likes", now.Add(-20*day), 695, "processing")
		},
	},
	{
		name: "need_order", weight: 2, subject: "Waar blijft mijn bestelling",
		body: "Ik heb nog steeds niks ontvangen van mijn bestelling.\r\n\r\nGroetjes, %[2]s",
	},
	{
		name: "cancel", weight: 1, subject: "Abonnement opzeggen",
		body: "Ik wil mijn abonnement %[1]s opzeggen en de laatste betaling terug.\r\n\r\n%[2]s",
		order: func(id, email string, now time.Time) string {
			return subscription(id, email, now.Add(-60*day), now.Add(-1*day))
		},
	},
	{
		name: "cancel_expired", weight: 1, subject: "Opzeggen graag",
		body: "Ik wil mijn abonnement %[1]s opzeggen en de laatste betaling terug.\r\n\r\nMvg, %[2]s",
		order: func(id, email string, now time.Time) string {
			return subscription(id, email, now.Add(-90*day), now.Add(-20*day))
		},
	},
	{
		name: "not_as_described", weight: 1, subject: "Allemaal nepaccounts",
		body: "De volgers van bestelling %[1]s zijn allemaal bots zonder profielfoto, niet de echte volgers die jullie beloven.\r\n\r\n%[2]s",
		order: func(id, email string, now time.Time) string {
			return placed(id, email, "2500 Instagram volgers", now.Add(-2*day), 2995, "completed")
		},
	},
	{
		name: "question", weight: 2, subject: "Factuur",
		body: "Kan ik een factuur met btw krijgen voor mijn bestelling %[1]s?\r\n\r\nDank, %[2]s",
		order: func(id, email string, now time.Time) string {
			return placed(id, email, "1000 likes", now.Add(-5*day), 995, "completed")
		},
	},
	{
		name: "escalation", weight: 1, subject: "Geld terug of chargeback",
		body: "Ik heb bestelling %[1]s nooit ontvangen. Als ik mijn geld niet snel terugkrijg, start ik een chargeback bij mijn bank.\r\n\r\n%[2]s",
		order: func(id, email string, now time.Time) string {
			return placed(id, email, "1000 Instagram volgers", now.Add(-3*day), 1495, "processing")
		},
	},
	{
		name: "out_of_office", weight: 1, subject: "Automatisch antwoord: Uw bestelling",
		header: "Auto-Submitted: auto-replied\r\n",
		body:   "Ik ben afwezig tot maandag en lees mijn mail niet.\r\n\r\n%[2]s",
	},
}

var firstNames = []string{"Anna", "Daan", "Sanne", "Jeroen", "Fatima", "Kees", "Lotte", "Mehmet", "Eva", "Bram", "Noor", "Priya"}

// customerMail is one mail of the stream.
type customerMail struct {
	n         int
	kind      string
	from      string // the customer's address, a mailbox on the test servers
	messageID string // without angle brackets
	raw       []byte
}

// customers are the senders of the stream: buyers have orders (one per
// mail that names it), browsers never ordered anything, so that their
// "where is my order" cannot be matched to one. Several mails per
// customer, as in real life, and few mailboxes to read back at the end.
type customers struct {
	buyers, browsers []string
}

// newCustomers draws addresses for a stream of n mails.
func newCustomers(n int, address func() string) customers {
	var c customers
	for range max(2, n/5) {
		c.buyers = append(c.buyers, address())
	}
	for range max(1, n/20) {
		c.browsers = append(c.browsers, address())
	}
	return c
}

func (c customers) all() []string { return append(append([]string{}, c.buyers...), c.browsers...) }

// plan draws n customer mails and the orders.csv that goes with them.
func plan(rng *rand.Rand, seed uint64, n int, who customers, support string, now time.Time) ([]customerMail, string) {
	total := 0
	for _, k := range kinds {
		total += k.weight
	}
	var orders strings.Builder
	orders.WriteString("order_id,email,product,placed_at,amount_cents,currency,recurring,last_payment_at,status\n")
	mails := make([]customerMail, n)
	everyone := who.all()
	for i := range mails {
		k := pick(rng, total)
		var addr string
		switch {
		case k.order != nil:
			addr = who.buyers[rng.IntN(len(who.buyers))]
		case k.name == "need_order":
			addr = who.browsers[rng.IntN(len(who.browsers))]
		default:
			addr = everyone[rng.IntN(len(everyone))]
		}
		id := fmt.Sprintf("%d", 700000+i)
		if k.name == "cancel" || k.name == "cancel_expired" {
			id = fmt.Sprintf("S-%d", 7000+i)
		}
		if k.order != nil {
			orders.WriteString(k.order(id, addr, now))
		}
		name := firstNames[rng.IntN(len(firstNames))]
		msgID := fmt.Sprintf("crash.%d.%03d.%s@%s", seed, i, k.name, domainOf(addr))
		raw := "From: " + name + " <" + addr + ">\r\n" +
			"To: " + support + "\r\n" +
			"Subject: " + k.subject + "\r\n" +
			"Date: " + now.Add(time.Duration(i)*time.Second).Format(time.RFC1123Z) + "\r\n" +
			"Message-ID: <" + msgID + ">\r\n" +
			k.header +
			"MIME-Version: 1.0\r\n" +
			"Content-Type: text/plain; charset=utf-8\r\n" +
			"\r\n" + fmt.Sprintf(k.body, id, name) + "\r\n"
		mails[i] = customerMail{n: i, kind: k.name, from: addr, messageID: msgID, raw: []byte(raw)}
	}
	return mails, orders.String()
}

// pick draws a kind by weight; total is the sum of the weights.
func pick(rng *rand.Rand, total int) kind {
	r := rng.IntN(total)
	for _, k := range kinds {
		if r < k.weight {
			return k
		}
		r -= k.weight
	}
	return kinds[len(kinds)-1]
}

func domainOf(addr string) string {
	return addr[strings.LastIndexByte(addr, '@')+1:]
}
