package daemon

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/robfig/cron/v3"

	"helpdesk/internal/mailbox"
)

// Run polls on the cron schedule until ctx ends, then lets the poll at hand
// finish its current mail and returns. Polls never overlap: a poll that is
// still running when the next is due makes that one skip. A rejected login
// stops the daemon with one clear error instead of hammering the server.
func (d *Daemon) Run(ctx context.Context, schedule string) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	poll := func() {
		if ctx.Err() != nil {
			return
		}
		rep, err := d.Poll(ctx)
		if err != nil {
			if errors.Is(err, mailbox.ErrAuth) || errors.Is(err, ErrSubmission) {
				d.log.Error("the mail server rejected the login: stopping; fix the configuration and start again", "err", err)
				cancel(err)
				return
			}
			d.log.Error("poll failed: trying again at the next poll", "err", err)
			return
		}
		if len(rep.Mails) > 0 || rep.Sent > 0 || rep.Failed > 0 || rep.StaffReplies > 0 {
			d.log.Info("poll done", "mails", len(rep.Mails), "sent", rep.Sent, "drafted", rep.Drafted,
				"retried", rep.Retried, "failed", rep.Failed, "staff_replies", rep.StaffReplies)
		}
	}

	logger := cronLogger{d.log}
	job := cron.NewChain(cron.Recover(logger), cron.SkipIfStillRunning(logger)).Then(cron.FuncJob(poll))
	c := cron.New(cron.WithLocation(d.o.Shop.Location), cron.WithLogger(logger))
	if _, err := c.AddJob(schedule, job); err != nil {
		return fmt.Errorf("schedule %q: %w", schedule, err)
	}
	d.log.Info("helpdesk running", "schedule", schedule, "mailbox", d.o.Inbox, "shadow", d.o.Shadow)
	var first sync.WaitGroup
	first.Go(job.Run) // the first poll at once, not a minute later
	c.Start()
	<-ctx.Done()
	d.log.Info("stopping: the poll at hand finishes its current mail")
	<-c.Stop().Done()
	first.Wait()
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}

// cronLogger lets cron log through slog.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }

func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}
