package mailbox

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
)

// NewUIDs returns, in ascending order, the UIDs of the selected mailbox
// greater than after: the mail that arrived since the checkpoint after.
// When since is not zero, only messages whose arrival (INTERNALDATE) falls
// on or after the calendar date of since, in since's location, are
// returned (SEARCH SINCE compares dates only, RFC 9051 6.4.4).
func (c *Client) NewUIDs(ctx context.Context, after imap.UID, since time.Time) ([]imap.UID, error) {
	if after >= math.MaxUint32 {
		return nil, nil
	}
	var uids []imap.UID
	err := c.do(ctx, "search new mail", func() error {
		if c.selected == "" {
			return ErrNotSelected
		}
		var set imap.UIDSet
		set.AddRange(after+1, 0) // after+1:*
		criteria := &imap.SearchCriteria{UID: []imap.UIDSet{set}, Since: since}
		data, err := c.imap.UIDSearch(criteria, nil).Wait()
		if err != nil {
			return err
		}
		// "after+1:*" always matches the last message, even when its UID
		// is not above after (RFC 9051 6.4.9): filter.
		for _, uid := range data.AllUIDs() {
			if uid > after {
				uids = append(uids, uid)
			}
		}
		slices.Sort(uids)
		uids = slices.Compact(uids)
		return nil
	})
	return uids, err
}

// Meta is what FetchMeta tells of one message, without its body.
type Meta struct {
	UID imap.UID
	// InternalDate is when the message reached the server: the arrival
	// time of PRODUCT.md.
	InternalDate time.Time
	// Size is RFC822.SIZE in bytes.
	Size int64
	// Flags are system flags in their canonical case (\Seen) and keywords
	// as the server returns them: some servers lowercase keywords, so
	// compare with HasFlag.
	Flags []string
	// MessageID is the Message-ID header from ENVELOPE without its angle
	// brackets, "" when there is none.
	MessageID string
}

// FetchMeta returns the metadata of the given UIDs of the selected mailbox,
// in ascending UID order. UIDs that no longer exist are left out.
func (c *Client) FetchMeta(ctx context.Context, uids []imap.UID) ([]Meta, error) {
	if len(uids) == 0 {
		return nil, nil
	}
	var metas []Meta
	err := c.do(ctx, "fetch metadata", func() error {
		if c.selected == "" {
			return ErrNotSelected
		}
		opts := &imap.FetchOptions{UID: true, InternalDate: true, RFC822Size: true, Flags: true, Envelope: true}
		msgs, err := c.imap.Fetch(imap.UIDSetNum(uids...), opts).Collect()
		if err != nil {
			return err
		}
		for _, msg := range msgs {
			m := Meta{UID: msg.UID, InternalDate: msg.InternalDate, Size: msg.RFC822Size, Flags: flagStrings(msg.Flags)}
			if msg.Envelope != nil {
				m.MessageID = msg.Envelope.MessageID
			}
			metas = append(metas, m)
		}
		return nil
	})
	slices.SortFunc(metas, func(a, b Meta) int { return cmp.Compare(a.UID, b.UID) })
	return metas, err
}

// Raw is one message as stored on the server.
type Raw struct {
	UID imap.UID
	// InternalDate is when the message reached the server.
	InternalDate time.Time
	// Flags as in Meta.
	Flags []string
	// Size is the full size of the message (RFC822.SIZE).
	Size int64
	// Body holds the message's bytes (RFC 5322), or only its first max
	// bytes when Truncated.
	Body []byte
	// Truncated says the message is bigger than the limit given to
	// FetchRaw and Body holds only its start: hand it to a person.
	Truncated bool
}

// FetchRaw fetches one message of the selected mailbox, header and body,
// with BODY.PEEK[] so that it is not marked \Seen (RFC 9051 6.4.5). When
// max > 0, at most max bytes are fetched (BODY.PEEK[]<0.max>) and a bigger
// message comes back with Truncated set. A UID that does not exist (any
// more) is ErrNotFound.
func (c *Client) FetchRaw(ctx context.Context, uid imap.UID, max int64) (Raw, error) {
	var raw Raw
	err := c.do(ctx, fmt.Sprintf("fetch uid %d", uid), func() error {
		if c.selected == "" {
			return ErrNotSelected
		}
		section := &imap.FetchItemBodySection{Peek: true}
		if max > 0 {
			section.Partial = &imap.SectionPartial{Offset: 0, Size: max}
		}
		opts := &imap.FetchOptions{
			UID: true, InternalDate: true, RFC822Size: true, Flags: true,
			BodySection: []*imap.FetchItemBodySection{section},
		}
		msgs, err := c.imap.Fetch(imap.UIDSetNum(uid), opts).Collect()
		if err != nil {
			return err
		}
		for _, msg := range msgs {
			if msg.UID != uid {
				continue
			}
			raw = Raw{
				UID:          uid,
				InternalDate: msg.InternalDate,
				Flags:        flagStrings(msg.Flags),
				Size:         msg.RFC822Size,
				Body:         msg.FindBodySection(section),
			}
			raw.Truncated = max > 0 && (raw.Size > max || raw.Size == 0 && int64(len(raw.Body)) >= max)
			c.log.Debug("imap fetched", "mailbox", c.selected, "uid", uid, "size", raw.Size, "truncated", raw.Truncated)
			return nil
		}
		return ErrNotFound
	})
	return raw, err
}

// flagStrings turns flags into strings, system flags in canonical case.
func flagStrings(flags []imap.Flag) []string {
	out := make([]string, 0, len(flags))
	for _, f := range flags {
		out = append(out, string(canonicalFlag(string(f))))
	}
	return out
}

// canonicalFlag spells a system flag as RFC 9051 2.3.2 does (\Seen, not
// \seen) and leaves keywords alone.
func canonicalFlag(flag string) imap.Flag {
	if !strings.HasPrefix(flag, `\`) {
		return imap.Flag(flag)
	}
	for _, f := range []imap.Flag{imap.FlagSeen, imap.FlagAnswered, imap.FlagFlagged, imap.FlagDeleted, imap.FlagDraft, `\Recent`} {
		if strings.EqualFold(flag, string(f)) {
			return f
		}
	}
	return imap.Flag(flag)
}
