package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/mail"
	"strconv"
	"time"

	"helpdesk/internal/config"
	"helpdesk/internal/daemon"
	"helpdesk/internal/demo"
	"helpdesk/internal/mailbox"
	"helpdesk/internal/message"
	"helpdesk/internal/reply"
	"helpdesk/internal/send"
	"helpdesk/internal/store"
)

// newDaemon builds the mail loop from the configuration.
func newDaemon(c *config.Config, st *store.Store, log *slog.Logger) (*daemon.Daemon, error) {
	shop, err := shopOf(c)
	if err != nil {
		return nil, err
	}
	templates, err := reply.Load(c.Reply.TemplatesDir)
	if err != nil {
		return nil, err
	}
	imapTLS, err := c.IMAP.TLSConfig()
	if err != nil {
		return nil, fmt.Errorf("imap: %w", err)
	}
	smtpTLS, err := c.SMTP.TLSConfig()
	if err != nil {
		return nil, fmt.Errorf("smtp: %w", err)
	}
	o := daemon.Options{
		Shop:                shop,
		From:                mail.Address{Name: c.Reply.FromName, Address: c.Shop.Address},
		ShopName:            c.Shop.Name,
		Staff:               c.Shop.StaffAddresses,
		Shadow:              c.Mode == config.Shadow,
		Inbox:               c.IMAP.Inbox,
		Folders:             daemon.Folders(c.IMAP.Folders),
		Start:               c.IMAP.StartTime(),
		AcknowledgeHuman:    c.Reply.AcknowledgeHuman,
		MaxPerCorrespondent: c.Reply.MaxPerCorrespondent,
		Retry:               daemon.Retry(c.Reply.Retry),
		Limits: message.Limits{
			MaxSize:       int64(c.Limits.MaxMessageSize),
			MaxParts:      c.Limits.MaxParts,
			MaxDepth:      c.Limits.MaxDepth,
			MaxHeaderSize: int(c.Limits.MaxHeaderSize),
			MaxTextSize:   int(c.Limits.MaxTextSize),
		},
		IMAP: mailbox.Options{
			Address: c.IMAP.Address, TLS: string(c.IMAP.TLS), TLSConfig: imapTLS,
			Username: c.IMAP.Username, Password: c.IMAP.Password.Reveal(),
			Timeout: c.IMAP.Timeout, Logger: log,
		},
		SendErrors: daemon.SendErrors{IsTemporary: send.IsTemporary, IsAmbiguous: send.IsAmbiguous, IsFatal: send.IsFatal},
		Store:      st,
		Templates:  templates,
		Logger:     log,
	}
	if !o.Shadow {
		o.Sender, err = send.New(send.Options{
			Address: c.SMTP.Address, TLS: string(c.SMTP.TLS), TLSConfig: smtpTLS,
			Username: c.SMTP.Username, Password: c.SMTP.Password.Reveal(),
			Timeout: c.SMTP.Timeout, HELO: c.SMTP.HELO,
		})
		if err != nil {
			return nil, err
		}
	}
	return daemon.New(o)
}

// openMail loads and checks the config for the mail loop, opens the
// database and takes the poller's lock.
func openMail(ctx context.Context, cfgPath string, stderr io.Writer) (*daemon.Daemon, *config.Config, func(), error) {
	cfg, err := loadConfig(cfgPath)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := cfg.ValidateMail(); err != nil {
		return nil, nil, nil, err
	}
	log := slog.New(cfg.Log.NewHandler(stderr))
	unlock, err := daemon.Lock(cfg.Database)
	if err != nil {
		return nil, nil, nil, err
	}
	st, err := store.Open(ctx, cfg.Database)
	if err != nil {
		unlock()
		return nil, nil, nil, err
	}
	d, err := newDaemon(cfg, st, log)
	if err != nil {
		st.Close()
		unlock()
		return nil, nil, nil, err
	}
	return d, cfg, func() { st.Close(); unlock() }, nil
}

func cmdRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, cfgPath := flags("run", stderr)
	if err := parse(fs, args); err != nil {
		return err
	}
	d, cfg, done, err := openMail(ctx, *cfgPath, stderr)
	if err != nil {
		return err
	}
	defer done()
	return d.Run(ctx, cfg.Schedule)
}

func cmdPoll(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, cfgPath := flags("poll", stderr)
	if err := parse(fs, args); err != nil {
		return err
	}
	d, _, done, err := openMail(ctx, *cfgPath, stderr)
	if err != nil {
		return err
	}
	defer done()
	rep, err := d.Poll(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d new mail(s), %d sent, %d drafted, %d to retry, %d failed, %d staff replies\n",
		len(rep.Mails), rep.Sent, rep.Drafted, rep.Retried, rep.Failed, rep.StaffReplies)
	return nil
}

func cmdRefunds(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "done" {
		return cmdRefundDone(ctx, args[1:], stdout, stderr)
	}
	fs, cfgPath := flags("refunds", stderr)
	asCSV := fs.Bool("csv", false, "print CSV")
	all := fs.Bool("all", false, "also list refunds already executed")
	if err := parse(fs, args); err != nil {
		return err
	}
	st, _, err := openStore(ctx, *cfgPath)
	if err != nil {
		return err
	}
	defer st.Close()
	refunds, err := st.Refunds(ctx, !*all)
	if err != nil {
		return err
	}
	if *asCSV {
		w := csv.NewWriter(stdout)
		w.Write([]string{"id", "order_id", "customer", "kind", "amount_cents", "currency", "reason", "created_at", "done_at"})
		for _, r := range refunds {
			w.Write([]string{strconv.FormatInt(r.ID, 10), r.OrderID, r.Customer, r.Kind, strconv.FormatInt(r.AmountCents, 10), r.Currency, r.Reason, rfc3339(r.Created), rfc3339(r.Done)})
		}
		w.Flush()
		return w.Error()
	}
	if len(refunds) == 0 {
		fmt.Fprintln(stdout, "No open refunds or cancellations.")
		return nil
	}
	for _, r := range refunds {
		state := "open"
		if !r.Done.IsZero() {
			state = "done " + r.Done.Local().Format("2006-01-02 15:04")
		}
		fmt.Fprintf(stdout, "%4d  %s  order %-8s %-28s %-18s %s %d.%02d  %s\n      %s\n",
			r.ID, r.Created.Local().Format("2006-01-02 15:04"), r.OrderID, r.Customer, r.Kind, r.Currency, r.AmountCents/100, r.AmountCents%100, state, r.Reason)
	}
	return nil
}

// openStore opens the database of the configuration at cfgPath.
func openStore(ctx context.Context, cfgPath string) (*store.Store, *config.Config, error) {
	cfg, err := loadConfig(cfgPath)
	if err != nil {
		return nil, nil, err
	}
	st, err := store.Open(ctx, cfg.Database)
	return st, cfg, err
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func cmdRefundDone(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, cfgPath := flags("refunds done", stderr)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: helpdesk refunds done [--config FILE] ID")
		return errUsage
	}
	id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
	if err != nil {
		fmt.Fprintf(stderr, "refund id %q is not a number\n", fs.Arg(0))
		return errUsage
	}
	st, _, err := openStore(ctx, *cfgPath)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.RefundDone(ctx, id, time.Now()); err != nil {
		if errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("no open refund %d (see helpdesk refunds --all)", id)
		}
		return err
	}
	fmt.Fprintf(stdout, "refund %d marked executed\n", id)
	return nil
}

func cmdDemo(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flagSet("demo", stderr)
	serve := fs.Bool("serve", false, "keep the servers up for a mail client")
	verbose := fs.Bool("v", false, "log what the daemon does")
	if err := parse(fs, args); err != nil {
		return err
	}
	log := slog.New(slog.DiscardHandler)
	if *verbose || *serve {
		log = slog.New(slog.NewTextHandler(stderr, nil))
	}
	_, err := demo.Run(ctx, demo.Options{Serve: *serve, Out: stdout, Logger: log})
	return err
}
