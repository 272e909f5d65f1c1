package mailbox

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
)

// Move moves one message of the selected mailbox into dest: with MOVE
// (RFC 6851) when the server has it, else with UID COPY, UID STORE
// +FLAGS.SILENT (\Deleted) and UID EXPUNGE of just that UID (UIDPLUS,
// RFC 4315). A server with neither gets only the copy, and a warning in
// the log: a plain EXPUNGE would also expunge other messages marked
// \Deleted, possibly by a person.
//
// dest and its parents are created (and subscribed) when missing. A UID
// that no longer exists is not an error, so a Move repeated after a crash
// does no harm.
func (c *Client) Move(ctx context.Context, uid imap.UID, dest string) error {
	return c.do(ctx, fmt.Sprintf("move uid %d to %s", uid, dest), func() error {
		if c.selected == "" {
			return ErrNotSelected
		}
		name, err := c.serverName(dest)
		if err != nil {
			return err
		}
		if err := c.ensureLocked(name); err != nil {
			return err
		}
		err = c.moveLocked(uid, name)
		if isCode(err, imap.ResponseCodeTryCreate) {
			// Deleted since we created it, say by a person (RFC 9051 6.4.7).
			delete(c.ensured, name)
			if err := c.ensureLocked(name); err != nil {
				return err
			}
			err = c.moveLocked(uid, name)
		}
		return err
	})
}

func (c *Client) moveLocked(uid imap.UID, dest string) error {
	set := imap.UIDSetNum(uid)
	// Servers differ on a MOVE or COPY of a UID that is gone (OK, NO, or
	// a malformed COPYUID): ask first.
	found, err := c.imap.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{set}}, nil).Wait()
	if err != nil {
		return err
	}
	if !slices.Contains(found.AllUIDs(), uid) {
		c.log.Debug("imap move: message already gone", "mailbox", c.selected, "uid", uid, "dest", dest)
		return nil
	}
	caps := c.imap.Caps()
	if caps.Has(imap.CapMove) {
		_, err := c.imap.Move(set, dest).Wait()
		if err == nil {
			c.log.Debug("imap moved", "mailbox", c.selected, "uid", uid, "dest", dest)
		}
		return err
	}
	// imapclient's own fallback would EXPUNGE everything marked \Deleted
	// when the server lacks UIDPLUS: do it by hand.
	if _, err := c.imap.Copy(set, dest).Wait(); err != nil {
		return err
	}
	if !caps.Has(imap.CapUIDPlus) {
		c.warnOnce("imap server has neither MOVE nor UIDPLUS: messages are copied, not moved",
			"mailbox", c.selected, "dest", dest)
		return nil
	}
	store := &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagDeleted}}
	if err := c.imap.Store(set, store, nil).Close(); err != nil {
		return err
	}
	if err := c.imap.UIDExpunge(set).Close(); err != nil {
		return err
	}
	c.log.Debug("imap moved (copy, store, uid expunge)", "mailbox", c.selected, "uid", uid, "dest", dest)
	return nil
}

// Ensure creates the mailbox name, and the parents it needs, unless it
// exists. What it creates is also subscribed (RFC 9051 6.3.7), so that
// people see it in their mail client.
func (c *Client) Ensure(ctx context.Context, name string) error {
	return c.do(ctx, "ensure mailbox "+name, func() error {
		server, err := c.serverName(name)
		if err != nil {
			return err
		}
		return c.ensureLocked(server)
	})
}

// ensureLocked creates name (a server name) and its parents if missing.
// Not every server creates parents itself (RFC 9051 6.3.4 says SHOULD),
// so they are created one level at a time.
func (c *Client) ensureLocked(name string) error {
	if c.ensured[name] {
		return nil
	}
	if ok, err := c.selectable(name); err != nil || ok {
		c.ensured[name] = ok
		return err
	}
	levels := []string{name}
	if c.delim != 0 {
		parts := strings.Split(name, string(c.delim))
		levels = levels[:0]
		for i := range parts {
			levels = append(levels, strings.Join(parts[:i+1], string(c.delim)))
		}
	}
	for _, level := range levels {
		if err := c.imap.Create(level, nil).Wait(); err != nil {
			// Already there (ALREADYEXISTS, RFC 5530, or a server that
			// gives no code): fine; else the first error says why.
			if exists, lerr := c.listed(level); lerr != nil || !exists {
				return fmt.Errorf("create %q: %w", level, err)
			}
			continue
		}
		c.log.Info("imap created mailbox", "mailbox", level)
		if err := c.imap.Subscribe(level).Wait(); err != nil {
			c.log.Warn("imap subscribe", "mailbox", level, "err", err)
		}
	}
	c.ensured[name] = true
	return nil
}

// selectable reports whether the mailbox name exists and can hold mail.
func (c *Client) selectable(name string) (bool, error) {
	data, err := c.list(name)
	if err != nil || data == nil {
		return false, err
	}
	return !slices.Contains(data.Attrs, imap.MailboxAttrNoSelect), nil
}

// listed reports whether the mailbox name exists, selectable or not.
func (c *Client) listed(name string) (bool, error) {
	data, err := c.list(name)
	return data != nil, err
}

// list returns the LIST data of exactly the mailbox name, nil if none.
func (c *Client) list(name string) (*imap.ListData, error) {
	all, err := c.imap.List("", name, nil).Collect()
	if err != nil {
		return nil, err
	}
	for _, data := range all {
		if sameMailbox(data.Mailbox, name) && !slices.Contains(data.Attrs, imap.MailboxAttrNonExistent) {
			return data, nil
		}
	}
	return nil, nil
}

// serverName turns "/" into the server's hierarchy delimiter, which it
// learns once with LIST "" "" (RFC 9051 6.3.9).
func (c *Client) serverName(name string) (string, error) {
	if name == "" {
		return "", errors.New("empty mailbox name")
	}
	if c.delim == 0 {
		all, err := c.imap.List("", "", nil).Collect()
		if err != nil {
			return "", fmt.Errorf("hierarchy delimiter: %w", err)
		}
		c.delim = '/' // a flat server (NIL delimiter): keep "/" as it is
		if len(all) > 0 && all[0].Delim != 0 {
			c.delim = all[0].Delim
		}
	}
	if c.delim == '/' {
		return name, nil
	}
	return strings.ReplaceAll(name, "/", string(c.delim)), nil
}

// sameMailbox compares mailbox names: INBOX in any case is INBOX (RFC 9051
// 5.1), other names are case-sensitive.
func sameMailbox(a, b string) bool {
	if strings.EqualFold(a, "INBOX") {
		return strings.EqualFold(b, "INBOX")
	}
	return a == b
}

// Append stores raw, an RFC 5322 message with CRLF line endings, in
// mailbox with the given flags and INTERNALDATE date (zero: now). It
// returns the new UID when the server says it (APPENDUID, RFC 4315), else
// 0. A missing mailbox is created (TRYCREATE, RFC 9051 6.3.12).
func (c *Client) Append(ctx context.Context, mailbox string, flags []string, date time.Time, raw []byte) (imap.UID, error) {
	for _, f := range flags {
		if err := checkFlag(f); err != nil {
			return 0, err
		}
	}
	imapFlags := make([]imap.Flag, 0, len(flags))
	for _, f := range flags {
		imapFlags = append(imapFlags, canonicalFlag(f))
	}
	opts := &imap.AppendOptions{Flags: imapFlags, Time: date}
	var uid imap.UID
	err := c.do(ctx, "append to "+mailbox, func() error {
		name, err := c.serverName(mailbox)
		if err != nil {
			return err
		}
		uid, err = c.appendLocked(name, opts, raw)
		if isCode(err, imap.ResponseCodeTryCreate) {
			delete(c.ensured, name)
			if err := c.ensureLocked(name); err != nil {
				return err
			}
			uid, err = c.appendLocked(name, opts, raw)
		}
		if err == nil {
			c.log.Debug("imap appended", "mailbox", name, "uid", uid, "size", len(raw))
		}
		return err
	})
	return uid, err
}

func (c *Client) appendLocked(name string, opts *imap.AppendOptions, raw []byte) (imap.UID, error) {
	cmd := c.imap.Append(name, int64(len(raw)), opts)
	_, writeErr := cmd.Write(raw)
	closeErr := cmd.Close()
	data, err := cmd.Wait()
	if err != nil {
		return 0, err // the server's answer says more than a failed write
	}
	if err := errors.Join(writeErr, closeErr); err != nil {
		return 0, err
	}
	return data.UID, nil
}

// SpecialUse finds the Sent and Drafts mailboxes: those LIST marks \Sent
// and \Drafts (RFC 6154), else one with a usual name ("Sent", "Sent Items",
// "Verzonden items", "Concepten"..., also below INBOX), else "Sent" and
// "Drafts" in the personal namespace (RFC 2342), which may not exist yet:
// pass them to Ensure.
func (c *Client) SpecialUse(ctx context.Context) (sent, drafts string, err error) {
	err = c.do(ctx, "find Sent and Drafts", func() error {
		caps := c.imap.Caps()
		var opts *imap.ListOptions
		if caps.Has(imap.CapSpecialUse) && caps.Has(imap.CapListExtended) {
			opts = &imap.ListOptions{ReturnSpecialUse: true}
		}
		all, err := c.imap.List("", "*", opts).Collect()
		if err != nil {
			return err
		}
		for _, data := range all {
			if sent == "" && slices.Contains(data.Attrs, imap.MailboxAttrSent) {
				sent = data.Mailbox
			}
			if drafts == "" && slices.Contains(data.Attrs, imap.MailboxAttrDrafts) {
				drafts = data.Mailbox
			}
		}
		// Names that mail clients and servers give these mailboxes when
		// they do not mark them, best first.
		if sent == "" {
			sent = byName(all, "Sent", "Sent Items", "Sent Messages", "Sent Mail",
				"Verzonden items", "Verzonden berichten", "Verzonden")
		}
		if drafts == "" {
			drafts = byName(all, "Drafts", "Concepten", "Draft")
		}
		if sent != "" && drafts != "" {
			return nil
		}
		prefix := ""
		if caps.Has(imap.CapNamespace) {
			ns, err := c.imap.Namespace().Wait()
			if err != nil {
				return err
			}
			if len(ns.Personal) > 0 {
				prefix = ns.Personal[0].Prefix
			}
		}
		if sent == "" {
			sent = prefix + "Sent"
		}
		if drafts == "" {
			drafts = prefix + "Drafts"
		}
		return nil
	})
	return sent, drafts, err
}

// byName returns the listed mailbox whose name, without an "INBOX"
// parent, is the first of names (case-insensitively), or "".
func byName(all []*imap.ListData, names ...string) string {
	for _, name := range names {
		for _, data := range all {
			leaf := data.Mailbox
			if data.Delim != 0 && len(leaf) > len("INBOX") && strings.EqualFold(leaf[:len("INBOX")], "INBOX") &&
				strings.HasPrefix(leaf[len("INBOX"):], string(data.Delim)) {
				leaf = leaf[len("INBOX")+len(string(data.Delim)):]
			}
			if strings.EqualFold(leaf, name) && !slices.Contains(data.Attrs, imap.MailboxAttrNoSelect) {
				return data.Mailbox
			}
		}
	}
	return ""
}

// HasMessageID reports whether mailbox holds a message whose Message-ID is
// messageID (with or without angle brackets), with UID SEARCH HEADER
// (RFC 9051 6.4.4). A mailbox that does not exist holds nothing. When
// another mailbox was selected it is examined read-only and the selected
// one is selected again afterwards.
func (c *Client) HasMessageID(ctx context.Context, mailbox, messageID string) (bool, error) {
	id := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(messageID), "<"), ">")
	if id == "" {
		return false, errors.New("mailbox: empty Message-ID")
	}
	var found bool
	err := c.do(ctx, "search "+mailbox+" for a Message-ID", func() (err error) {
		name, err := c.serverName(mailbox)
		if err != nil {
			return err
		}
		if prev := c.selected; !sameMailbox(name, prev) {
			defer func() {
				if prev == "" || !c.alive() {
					return
				}
				if _, serr := c.selectLocked(prev); serr != nil && err == nil {
					err = fmt.Errorf("select %s again: %w", prev, serr)
				}
			}()
			_, serr := c.imap.Select(name, &imap.SelectOptions{ReadOnly: true}).Wait()
			c.selected, c.permFlags = "", nil
			if serr != nil {
				// Dovecot says "NO Mailbox doesn't exist" without the
				// NONEXISTENT code (RFC 5530): ask LIST.
				if isCode(serr, imap.ResponseCodeNonExistent) {
					return nil
				}
				if exists, lerr := c.listed(name); lerr == nil && !exists {
					return nil
				}
				return serr
			}
		}
		criteria := &imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Message-ID", Value: "<" + id + ">"}}}
		data, err := c.imap.UIDSearch(criteria, nil).Wait()
		if err != nil {
			return err
		}
		found = len(data.AllUIDs()) > 0
		return nil
	})
	return found, err
}
