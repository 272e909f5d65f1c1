package classify_test

import (
	"fmt"
	"net/mail"

	"helpdesk/internal/classify"
	"helpdesk/internal/message"
)

func ExampleClassify() {
	m := &message.Message{
		From:    &mail.Address{Address: "sanne@example.nl"},
		Subject: "Abonnement opzeggen",
		OwnText: "Hoi, ik wil niet pauzeren maar echt stoppen: zeg mijn abonnement per direct op.\n" +
			"En hoe lang duurt het voordat ik de laatste betaling terug heb?\nSanne",
	}
	r := classify.Classify(m, classify.Settings{Addresses: []string{"support@volgersfabriek.nl"}})
	fmt.Println(r.Category, r.Requests, r.Confident, r.Escalation, r.Language)
	for _, s := range r.Reasons {
		fmt.Println(s)
	}
	// Output:
	// cancel_recurring [cancel_recurring] true false nl
	// subject "Abonnement opzeggen": cancel_recurring claim, cancel ("opzeggen")
	// subject "Abonnement opzeggen": cancel_recurring claim, stop the subscription ("Abonnement opzeggen")
	// own text: cancel_recurring claim, cancel ("zeg mijn abonnement per direct op")
	// money back ("betaling terug") goes with the claim it is asked for
	// category cancel_recurring, confident
}
