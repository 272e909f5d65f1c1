// Package demo runs the whole mail loop on built-in sample mail, with no
// mail account: an IMAP and an SMTP server in the process on loopback,
// sample orders, a sample mailbox of realistic customer mail, and one poll
// of the real daemon against them. It shows a person what happened: per
// mail the category, outcome, reasons and reply, and the folders after.
package demo

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/mail"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"helpdesk/internal/daemon"
	"helpdesk/internal/decide"
	"helpdesk/internal/mailbox"
	"helpdesk/internal/message"
	"helpdesk/internal/reply"
	"helpdesk/internal/send"
	"helpdesk/internal/store"
)

//go:embed sample
var sample embed.FS

// Shop is the demo's made-up shop.
var shop = mail.Address{Name: "Volgersfabriek", Address: "support@volgersfabriek.nl"}

// Options tune Run. The zero value runs one poll and prints to stdout.
type Options struct {
	// Serve keeps the servers and the daemon running until ctx ends.
	Serve bool
	// IMAPAddr and SMTPAddr are where the servers listen; a taken port
	// falls back to any free one. Defaults 127.0.0.1:1143 and :1025 when
	// serving, any free port otherwise.
	IMAPAddr, SMTPAddr string
	// Schedule of polls when serving; default every 10 seconds.
	Schedule string
	Out      io.Writer
	Logger   *slog.Logger
}

// Result is what one demo poll did, for tests.
type Result struct {
	Report    *daemon.Report
	Delivered []Delivered
	Folders   []Folder
	Refunds   []store.Refund
}

// Run runs the demo.
func Run(ctx context.Context, o Options) (*Result, error) {
	if o.Out == nil {
		o.Out = os.Stdout
	}
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if o.IMAPAddr == "" {
		o.IMAPAddr = "127.0.0.1:0"
		if o.Serve {
			o.IMAPAddr = "127.0.0.1:1143"
		}
	}
	if o.SMTPAddr == "" {
		o.SMTPAddr = "127.0.0.1:0"
		if o.Serve {
			o.SMTPAddr = "127.0.0.1:1025"
		}
	}
	tmp, err := os.MkdirTemp("", "helpdesk-demo-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)

	st, err := store.Open(ctx, filepath.Join(tmp, "helpdesk.db"))
	if err != nil {
		return nil, err
	}
	defer st.Close()
	orders, err := sample.Open("sample/orders.csv")
	if err != nil {
		return nil, err
	}
	imported, err := st.ImportOrdersCSV(ctx, orders)
	orders.Close()
	if err != nil {
		return nil, fmt.Errorf("sample orders: %w", err)
	}

	srv, err := StartServers(o.IMAPAddr, o.SMTPAddr, log)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	if _, err := srv.User(shop.Address); err != nil {
		return nil, err
	}
	first, n, err := loadMailbox(srv)
	if err != nil {
		return nil, err
	}

	templates, err := reply.Load("")
	if err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		return nil, err
	}
	sender, err := send.New(send.Options{Address: srv.SMTPAddr, TLS: send.NoTLS, Username: shop.Address, Password: Password, Timeout: 30 * time.Second})
	if err != nil {
		return nil, err
	}
	d, err := daemon.New(daemon.Options{
		Shop:       decide.Shop{Addresses: []string{shop.Address}, Location: loc, WindowDays: 7},
		From:       shop,
		Inbox:      "INBOX",
		Start:      first.Add(-time.Hour), // the sample mail arrived "recently"
		IMAP:       mailbox.Options{Address: srv.IMAPAddr, TLS: mailbox.TLSNone, Username: shop.Address, Password: Password, Logger: log},
		Sender:     sender,
		SendErrors: daemon.SendErrors{IsTemporary: send.IsTemporary, IsAmbiguous: send.IsAmbiguous, IsFatal: send.IsFatal},
		Store:      st,
		Templates:  templates,
		Logger:     log,
	})
	if err != nil {
		return nil, err
	}

	fmt.Fprintf(o.Out, "helpdesk demo: %d sample mails in %s's INBOX, %d sample orders.\n", n, shop.Address, imported.Added)
	fmt.Fprintf(o.Out, "One poll of the real daemon (IMAP %s, SMTP %s, both in this process):\n\n", srv.IMAPAddr, srv.SMTPAddr)
	rep, err := d.Poll(ctx)
	if err != nil {
		return nil, fmt.Errorf("poll: %w", err)
	}
	res := &Result{Report: rep, Delivered: srv.Received()}
	printMails(o.Out, rep)
	if res.Folders, err = ListFolders(ctx, srv.IMAPAddr, shop.Address); err != nil {
		return nil, err
	}
	printFolders(o.Out, res.Folders)
	if res.Refunds, err = st.Refunds(ctx, true); err != nil {
		return nil, err
	}
	printRefunds(o.Out, res.Refunds)

	if !o.Serve {
		fmt.Fprintf(o.Out, "\nRun \"helpdesk demo --serve\" to keep the servers up and look at it all from a mail client.\n")
		return res, nil
	}
	schedule := o.Schedule
	if schedule == "" {
		schedule = "@every 10s"
	}
	fmt.Fprintf(o.Out, `
The servers stay up until you press Ctrl-C. Connect any mail client (no TLS, "normal password"):

  staff view:     IMAP %[1]s, user %[3]s, password %[4]s
  a customer:     IMAP %[1]s, user <your address>, password %[4]s (created on first mail)
  sending mail:   SMTP %[2]s, no TLS, any user with password %[4]s (or no login)

Send a mail to %[3]s from any address; the bot polls %[5]s and answers it.
Its reply lands in the sender's INBOX here, a copy in the support account's Sent folder.

`, srv.IMAPAddr, srv.SMTPAddr, shop.Address, Password, schedule)
	return res, d.Run(ctx, schedule)
}

// loadMailbox appends the sample mails to the support INBOX with their
// Date: as arrival time and returns the earliest and the count.
func loadMailbox(srv *Servers) (time.Time, int, error) {
	names, err := fs.Glob(sample, "sample/*.eml")
	if err != nil {
		return time.Time{}, 0, err
	}
	sort.Strings(names)
	var first time.Time
	for _, name := range names {
		raw, err := sample.ReadFile(name)
		if err != nil {
			return first, 0, err
		}
		raw = crlf(raw)
		m, err := mail.ReadMessage(bytes.NewReader(raw))
		if err != nil {
			return first, 0, fmt.Errorf("%s: %w", path.Base(name), err)
		}
		at, err := m.Header.Date()
		if err != nil {
			return first, 0, fmt.Errorf("%s: %w", path.Base(name), err)
		}
		at = at.Add(90 * time.Second) // delivery takes a moment
		if first.IsZero() || at.Before(first) {
			first = at
		}
		stamp := fmt.Sprintf("Received: from mx.example.net by mx1.volgersfabriek.nl with ESMTPS for <%s>; %s\r\n", shop.Address, at.Format(time.RFC1123Z))
		if err := srv.Deliver(shop.Address, append([]byte(stamp), raw...), at); err != nil {
			return first, 0, err
		}
	}
	return first, len(names), nil
}

// crlf gives text with bare LF line ends CRLF ones (RFC 5322 section 2.3).
func crlf(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n"))
}

func printMails(w io.Writer, rep *daemon.Report) {
	for i, h := range rep.Mails {
		fmt.Fprintf(w, "[%d] %s: %q\n", i+1, h.From, h.Subject)
		fmt.Fprintf(w, "    category %s, outcome %s (rule %s)\n", h.Category, h.Outcome, h.Rule)
		for _, r := range h.Reasons {
			fmt.Fprintf(w, "      - %s\n", r)
		}
		if len(h.Reply) == 0 {
			fmt.Fprintln(w)
			continue
		}
		m, err := message.Read(bytes.NewReader(h.Reply), message.Options{})
		if err != nil {
			continue
		}
		to := ""
		if len(m.To) > 0 {
			to = m.To[0].Address
		}
		fmt.Fprintf(w, "    reply to %s, subject %q:\n", to, m.Subject)
		for _, line := range strings.Split(strings.TrimRight(m.Text, "\n"), "\n") {
			fmt.Fprintf(w, "      | %s\n", line)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "Sent %d replies", rep.Sent)
	if rep.Failed > 0 {
		fmt.Fprintf(w, ", %d failed", rep.Failed)
	}
	fmt.Fprintln(w, ".")
}

// Folder is one mailbox folder as a mail client shows it.
type Folder struct {
	Name  string
	Mails []FolderMail
}

// FolderMail is one mail in a folder.
type FolderMail struct {
	UID     uint32
	Subject string
	// MessageID and InReplyTo come from the envelope, without brackets.
	MessageID string
	InReplyTo string
	From      string
	Flags     []string
}

// ListFolders reads the account of user as a mail client would.
func ListFolders(ctx context.Context, addr, user string) ([]Folder, error) {
	c, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	if err := c.Login(user, Password).Wait(); err != nil {
		return nil, err
	}
	list, err := c.List("", "*", nil).Collect()
	if err != nil {
		return nil, err
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Mailbox < list[j].Mailbox })
	var out []Folder
	for _, l := range list {
		f := Folder{Name: l.Mailbox}
		sel, err := c.Select(l.Mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
		if err != nil {
			return nil, err
		}
		if sel.NumMessages > 0 {
			var set imap.SeqSet
			set.AddRange(1, sel.NumMessages)
			msgs, err := c.Fetch(set, &imap.FetchOptions{Envelope: true, Flags: true, UID: true}).Collect()
			if err != nil {
				return nil, err
			}
			for _, m := range msgs {
				fm := FolderMail{UID: uint32(m.UID)}
				if m.Envelope != nil {
					fm.Subject = m.Envelope.Subject
					fm.MessageID = m.Envelope.MessageID
					if len(m.Envelope.InReplyTo) > 0 {
						fm.InReplyTo = m.Envelope.InReplyTo[0]
					}
					if len(m.Envelope.From) > 0 {
						fm.From = m.Envelope.From[0].Addr()
					}
				}
				for _, fl := range m.Flags {
					fm.Flags = append(fm.Flags, string(fl))
				}
				f.Mails = append(f.Mails, fm)
			}
		}
		out = append(out, f)
	}
	return out, ctx.Err()
}

func printFolders(w io.Writer, folders []Folder) {
	fmt.Fprintf(w, "\nThe support mailbox afterwards, as staff see it in their mail client:\n")
	for _, f := range folders {
		fmt.Fprintf(w, "  %s (%d)\n", f.Name, len(f.Mails))
		for _, m := range f.Mails {
			var marks []string
			seen := false
			for _, fl := range m.Flags {
				switch {
				case strings.EqualFold(fl, string(imap.FlagSeen)):
					seen = true
				case strings.EqualFold(fl, string(imap.FlagFlagged)):
					marks = append(marks, "[flagged]")
				case !strings.HasPrefix(fl, `\`):
					marks = append(marks, fl)
				}
			}
			sort.Strings(marks)
			if !seen {
				marks = append([]string{"unread"}, marks...)
			}
			fmt.Fprintf(w, "      %-48q %s\n", m.Subject, strings.Join(marks, " "))
		}
	}
}

func printRefunds(w io.Writer, refunds []store.Refund) {
	fmt.Fprintf(w, "\nRefunds and cancellations for staff to execute (helpdesk refunds):\n")
	if len(refunds) == 0 {
		fmt.Fprintln(w, "  none")
	}
	for _, r := range refunds {
		fmt.Fprintf(w, "  #%d order %s, %s, %s %d.%02d: %s\n", r.ID, r.OrderID, r.Customer, r.Currency, r.AmountCents/100, r.AmountCents%100, r.Reason)
	}
}
