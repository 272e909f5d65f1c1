package mailbox

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/emersion/go-imap/v2"
)

// Flag changes the flags of one message of the selected mailbox: it adds
// the flags in add and removes those in remove (UID STORE +FLAGS.SILENT and
// -FLAGS.SILENT, RFC 9051 6.4.6). Flags starting with a backslash are
// system flags (\Flagged, \Seen, \Answered...); others are keywords, such as
// "Helpdesk-Human", which must be IMAP atoms.
//
// When the mailbox does not let clients create keywords (PERMANENTFLAGS
// without \*, RFC 9051 7.1), keywords it does not list are left out, the
// system flags are still set, and a warning is logged once. A UID that no
// longer exists is not an error.
func (c *Client) Flag(ctx context.Context, uid imap.UID, add, remove []string) error {
	for _, f := range slices.Concat(add, remove) {
		if err := checkFlag(f); err != nil {
			return err
		}
	}
	return c.do(ctx, fmt.Sprintf("flag uid %d", uid), func() error {
		if c.selected == "" {
			return ErrNotSelected
		}
		set := imap.UIDSetNum(uid)
		for _, change := range []struct {
			op    imap.StoreFlagsOp
			flags []string
		}{{imap.StoreFlagsAdd, add}, {imap.StoreFlagsDel, remove}} {
			flags := c.storable(change.flags)
			if len(flags) == 0 {
				continue
			}
			store := &imap.StoreFlags{Op: change.op, Silent: true, Flags: flags}
			if err := c.imap.Store(set, store, nil).Close(); err != nil {
				return err
			}
		}
		c.log.Debug("imap flagged", "mailbox", c.selected, "uid", uid, "add", add, "remove", remove)
		return nil
	})
}

// storable returns flags as imap.Flags, without the keywords the selected
// mailbox would not keep.
func (c *Client) storable(flags []string) []imap.Flag {
	var out, dropped []imap.Flag
	for _, f := range flags {
		flag := canonicalFlag(f)
		if strings.HasPrefix(f, `\`) || c.keywordAllowed(flag) {
			out = append(out, flag)
		} else {
			dropped = append(dropped, flag)
		}
	}
	if len(dropped) > 0 {
		c.warnOnce("imap server does not allow these keywords: setting only system flags",
			"mailbox", c.selected, "keywords", dropped)
	}
	return out
}

// keywordAllowed reports whether the selected mailbox keeps keyword. No
// PERMANENTFLAGS at all means every flag is permanent (RFC 9051 7.1).
func (c *Client) keywordAllowed(keyword imap.Flag) bool {
	if len(c.permFlags) == 0 {
		return true
	}
	return slices.ContainsFunc(c.permFlags, func(f imap.Flag) bool {
		return f == imap.FlagWildcard || strings.EqualFold(string(f), string(keyword))
	})
}

// checkFlag rejects what cannot be sent as a flag: a keyword must be an atom
// (RFC 9051 9: flag-keyword), a system flag a backslash and an atom.
func checkFlag(flag string) error {
	atom := strings.TrimPrefix(flag, `\`)
	if atom == "" || strings.ContainsFunc(atom, func(r rune) bool {
		return r <= ' ' || r >= 0x7f || strings.ContainsRune(`(){%*"\]`, r)
	}) {
		return fmt.Errorf("mailbox: %q is not a valid IMAP flag", flag)
	}
	return nil
}

// HasFlag reports whether flags holds flag, without regard to case: IMAP
// flags are case-insensitive, and some servers (go-imap's memory server)
// return keywords lowercased while others (Dovecot) keep their case.
func HasFlag(flags []string, flag string) bool {
	return slices.ContainsFunc(flags, func(f string) bool { return strings.EqualFold(f, flag) })
}
