package daemon

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"helpdesk/internal/bounce"
	"helpdesk/internal/policy"
	"helpdesk/internal/store"
)

// noteBounce ties a bounce of one of our replies to its thread, through the
// returned original's Message-ID. A permanent failure stops all automatic
// mail to the address, and the thread goes to a person, once: the customer
// did not get our answer and must be reached another way.
func (d *Daemon) noteBounce(ctx context.Context, raw []byte, r *store.Record, dec *policy.Decision) error {
	domain := d.o.From.Address[strings.LastIndexByte(d.o.From.Address, '@')+1:]
	rep, ok := bounce.Read(raw, domain)
	if !ok {
		return nil
	}
	t, err := d.o.Store.ThreadByMessageIDs(ctx, rep.MessageIDs)
	if errors.Is(err, store.ErrNotFound) {
		return nil // a bounce of mail we do not know (staff's, or older)
	}
	if err != nil {
		return err
	}
	r.ThreadID, r.NewThread = t.ID, store.Thread{}
	if rep.Delayed && !rep.Permanent {
		dec.Reasons = append(dec.Reasons, fmt.Sprintf("delivery of our reply in %s is delayed; the server keeps trying", t.Ref))
		return nil
	}
	rcpts := rep.Recipients
	if len(rcpts) == 0 && t.Customer != "" {
		rcpts = []string{t.Customer} // a plain-text bounce names no recipient field
	}
	for _, a := range rcpts {
		if err := d.o.Store.Suppress(ctx, a, "a reply to this address bounced"); err != nil {
			return err
		}
	}
	if t.Owner != "" {
		dec.Reasons = append(dec.Reasons, fmt.Sprintf("bounce of our reply in %s, a thread a person already owns", t.Ref))
		return nil
	}
	why := fmt.Sprintf("bounce: our reply in %s did not reach %s; no more automatic mail to it", t.Ref, strings.Join(rcpts, ", "))
	dec.Outcome, dec.Rule = policy.Human, "1"
	dec.Reasons = append(dec.Reasons, why)
	r.ThreadOwner = why
	return nil
}
