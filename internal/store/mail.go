package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// mailSchema holds the mail loop's tables: the IMAP checkpoint per mailbox,
// threads, every mail seen or sent, decisions, the outbox of replies, the
// IMAP actions still to carry out, refunds for staff and addresses that get
// no more automatic mail.
const mailSchema = `
CREATE TABLE checkpoints (
	mailbox     TEXT PRIMARY KEY,
	uidvalidity INTEGER NOT NULL,
	last_uid    INTEGER NOT NULL,
	start_at    TEXT NOT NULL,
	updated_at  TEXT NOT NULL
);
CREATE TABLE threads (
	id         INTEGER PRIMARY KEY,
	ref        TEXT NOT NULL UNIQUE,
	customer   TEXT NOT NULL,
	subject    TEXT NOT NULL,
	category   TEXT NOT NULL DEFAULT '',
	owner      TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
);
CREATE TABLE mails (
	id          INTEGER PRIMARY KEY,
	thread_id   INTEGER NOT NULL REFERENCES threads(id),
	direction   TEXT NOT NULL CHECK (direction IN ('in', 'out', 'staff')),
	message_id  TEXT NOT NULL,
	hash        TEXT NOT NULL DEFAULT '',
	mailbox     TEXT NOT NULL DEFAULT '',
	uidvalidity INTEGER NOT NULL DEFAULT 0,
	uid         INTEGER NOT NULL DEFAULT 0,
	sender      TEXT NOT NULL DEFAULT '',
	subject     TEXT NOT NULL DEFAULT '',
	arrival     TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL
);
CREATE INDEX mails_message_id ON mails(message_id);
CREATE INDEX mails_hash ON mails(hash);
CREATE INDEX mails_thread ON mails(thread_id);
CREATE TABLE decisions (
	id         INTEGER PRIMARY KEY,
	mail_id    INTEGER NOT NULL UNIQUE REFERENCES mails(id),
	thread_id  INTEGER NOT NULL REFERENCES threads(id),
	category   TEXT NOT NULL,
	outcome    TEXT NOT NULL,
	rule       TEXT NOT NULL,
	order_id   TEXT NOT NULL DEFAULT '',
	days       INTEGER,
	language   TEXT NOT NULL DEFAULT '',
	reasons    TEXT NOT NULL,
	decided_at TEXT NOT NULL
);
CREATE INDEX decisions_thread ON decisions(thread_id);
CREATE TABLE outbox (
	id              INTEGER PRIMARY KEY,
	decision_id     INTEGER NOT NULL REFERENCES decisions(id),
	thread_id       INTEGER NOT NULL REFERENCES threads(id),
	mail_id         INTEGER NOT NULL REFERENCES mails(id),
	message_id      TEXT NOT NULL UNIQUE,
	kind            TEXT NOT NULL,
	recipient       TEXT NOT NULL,
	raw             BLOB NOT NULL,
	state           TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'drafted', 'failed', 'unknown')),
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TEXT NOT NULL,
	last_error      TEXT NOT NULL DEFAULT '',
	created_at      TEXT NOT NULL,
	sent_at         TEXT NOT NULL DEFAULT '',
	copied          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_state ON outbox(state, next_attempt_at);
CREATE INDEX outbox_recipient ON outbox(recipient, created_at);
CREATE TABLE actions (
	id          INTEGER PRIMARY KEY,
	mail_id     INTEGER NOT NULL REFERENCES mails(id),
	kind        TEXT NOT NULL CHECK (kind IN ('flag', 'file')),
	arg         TEXT NOT NULL,
	state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
	attempts    INTEGER NOT NULL DEFAULT 0,
	last_error  TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	done_at     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX actions_state ON actions(state);
CREATE TABLE refunds (
	id           INTEGER PRIMARY KEY,
	decision_id  INTEGER NOT NULL REFERENCES decisions(id),
	order_id     TEXT NOT NULL,
	kind         TEXT NOT NULL,
	amount_cents INTEGER NOT NULL,
	currency     TEXT NOT NULL,
	customer     TEXT NOT NULL,
	reason       TEXT NOT NULL,
	created_at   TEXT NOT NULL,
	done_at      TEXT NOT NULL DEFAULT ''
);
CREATE TABLE suppressed (
	address TEXT PRIMARY KEY,
	reason  TEXT NOT NULL,
	since   TEXT NOT NULL
);
`

// Checkpoint is how far the poller has read one mailbox.
type Checkpoint struct {
	Mailbox     string
	UIDValidity uint32
	LastUID     uint32
	// Start is the moment before which mail is never handled (the first
	// run, or the configured start).
	Start time.Time
}

// Checkpoint returns the checkpoint of mailbox, or ErrNotFound before the
// first poll.
func (s *Store) Checkpoint(ctx context.Context, mailbox string) (Checkpoint, error) {
	cp := Checkpoint{Mailbox: mailbox}
	var start string
	err := s.db.QueryRowContext(ctx, `SELECT uidvalidity, last_uid, start_at FROM checkpoints WHERE mailbox = ?`, mailbox).
		Scan(&cp.UIDValidity, &cp.LastUID, &start)
	if errors.Is(err, sql.ErrNoRows) {
		return cp, ErrNotFound
	}
	if err != nil {
		return cp, fmt.Errorf("checkpoint of %s: %w", mailbox, err)
	}
	cp.Start = parseTS(start)
	return cp, nil
}

// SaveCheckpoint stores cp.
func (s *Store) SaveCheckpoint(ctx context.Context, cp Checkpoint) error {
	return saveCheckpoint(ctx, s.db, cp)
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func saveCheckpoint(ctx context.Context, db execer, cp Checkpoint) error {
	_, err := db.ExecContext(ctx, `INSERT INTO checkpoints (mailbox, uidvalidity, last_uid, start_at, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid, start_at = excluded.start_at, updated_at = excluded.updated_at`,
		cp.Mailbox, cp.UIDValidity, cp.LastUID, formatTS(cp.Start), formatTS(time.Now()))
	if err != nil {
		return fmt.Errorf("saving checkpoint of %s: %w", cp.Mailbox, err)
	}
	return nil
}

// Thread is one conversation with a customer.
type Thread struct {
	ID       int64
	Ref      string // short reference in our subjects, e.g. "HD-7K3Q9X"
	Customer string
	Subject  string
	Category string // category the thread was last decided with
	Owner    string // why a person owns the thread; "" while the bot does
}

const threadColumns = `t.id, t.ref, t.customer, t.subject, t.category, t.owner`

func scanThread(row interface{ Scan(...any) error }) (Thread, error) {
	var t Thread
	err := row.Scan(&t.ID, &t.Ref, &t.Customer, &t.Subject, &t.Category, &t.Owner)
	return t, err
}

// ThreadByMessageIDs returns the thread of the most recent mail, seen or
// sent, whose Message-ID is one of ids; ErrNotFound when none is known.
func (s *Store) ThreadByMessageIDs(ctx context.Context, ids []string) (Thread, error) {
	if len(ids) == 0 {
		return Thread{}, ErrNotFound
	}
	q := `SELECT ` + threadColumns + ` FROM mails m JOIN threads t ON t.id = m.thread_id
		WHERE m.message_id IN (?` + strings.Repeat(", ?", len(ids)-1) + `) ORDER BY m.id DESC LIMIT 1`
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	t, err := scanThread(s.db.QueryRowContext(ctx, q, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return t, ErrNotFound
	}
	if err != nil {
		return t, fmt.Errorf("thread by message ids: %w", err)
	}
	return t, nil
}

// ThreadByRef returns the thread with the short reference ref (compared
// case-insensitively); ErrNotFound when none.
func (s *Store) ThreadByRef(ctx context.Context, ref string) (Thread, error) {
	t, err := scanThread(s.db.QueryRowContext(ctx, `SELECT `+threadColumns+` FROM threads t WHERE upper(t.ref) = upper(?)`, ref))
	if errors.Is(err, sql.ErrNoRows) {
		return t, ErrNotFound
	}
	if err != nil {
		return t, fmt.Errorf("thread by reference: %w", err)
	}
	return t, nil
}

// SetThreadOwner hands the thread to a person, with why. An owner already
// set is kept.
func (s *Store) SetThreadOwner(ctx context.Context, threadID int64, owner string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE threads SET owner = ? WHERE id = ? AND owner = ''`, owner, threadID)
	if err != nil {
		return fmt.Errorf("setting thread owner: %w", err)
	}
	return nil
}

// PastDecision is an earlier decision in a thread.
type PastDecision struct {
	Category string
	Outcome  string
	Rule     string
	OrderID  string
}

// ThreadDecisions returns the thread's decisions, oldest first.
func (s *Store) ThreadDecisions(ctx context.Context, threadID int64) ([]PastDecision, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT category, outcome, rule, order_id FROM decisions WHERE thread_id = ? ORDER BY id`, threadID)
	if err != nil {
		return nil, fmt.Errorf("thread decisions: %w", err)
	}
	defer rows.Close()
	var out []PastDecision
	for rows.Next() {
		var d PastDecision
		if err := rows.Scan(&d.Category, &d.Outcome, &d.Rule, &d.OrderID); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// SeenMail is a mail recorded before.
type SeenMail struct {
	ID       int64
	ThreadID int64
	// Actions are the IMAP actions recorded for it (to repeat them on a
	// copy of the same mail).
	Actions []Action
}

// IncomingSeen looks for an incoming mail recorded before with the same
// Message-ID or, for mail without one, the same content hash.
func (s *Store) IncomingSeen(ctx context.Context, messageID, hash string) (SeenMail, error) {
	var (
		m   SeenMail
		err error
	)
	if messageID != "" {
		err = s.db.QueryRowContext(ctx, `SELECT id, thread_id FROM mails WHERE direction = 'in' AND message_id = ? ORDER BY id LIMIT 1`, messageID).Scan(&m.ID, &m.ThreadID)
	} else {
		err = s.db.QueryRowContext(ctx, `SELECT id, thread_id FROM mails WHERE direction = 'in' AND hash = ? ORDER BY id LIMIT 1`, hash).Scan(&m.ID, &m.ThreadID)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return m, ErrNotFound
	}
	if err != nil {
		return m, fmt.Errorf("looking up a seen mail: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT kind, arg FROM actions WHERE mail_id = ? ORDER BY id`, m.ID)
	if err != nil {
		return m, err
	}
	defer rows.Close()
	for rows.Next() {
		var a Action
		if err := rows.Scan(&a.Kind, &a.Arg); err != nil {
			return m, err
		}
		m.Actions = append(m.Actions, a)
	}
	return m, rows.Err()
}

// Mail is one mail seen in a mailbox or sent by us.
type Mail struct {
	Direction   string // "in", "out" or "staff"
	MessageID   string
	Hash        string
	Mailbox     string
	UIDValidity uint32
	UID         uint32
	Sender      string
	Subject     string
	Arrival     time.Time
}

// Decision is a decision to record.
type Decision struct {
	Category string
	Outcome  string
	Rule     string
	OrderID  string
	Days     *int
	Language string
	Reasons  []string
}

// Outgoing is a reply to record in the outbox before it is sent.
type Outgoing struct {
	MessageID string
	Kind      string // "reply" or "ack"
	Recipient string
	Raw       []byte
	State     string // "pending", or "failed" to record without sending
}

// Refund is a refund or cancellation for staff to execute.
type Refund struct {
	ID          int64
	OrderID     string
	Kind        string // "refund", "cancellation", "delivery_or_refund"
	AmountCents int64
	Currency    string
	Customer    string
	Reason      string
	Created     time.Time
	Done        time.Time
}

// Action is a change to make to a mail in the mailbox.
type Action struct {
	ID          int64
	Kind        string // "flag": flag for a person, Arg holds the keywords; "file": move to the folder in Arg
	Arg         string
	Mailbox     string
	UIDValidity uint32
	UID         uint32
	MessageID   string
}

// Record is everything that follows from one incoming mail, written in one
// transaction before anything is done, so a crash at any moment leaves a
// record of what is still to do.
type Record struct {
	Checkpoint *Checkpoint // the checkpoint to advance to, if any
	ThreadID   int64       // 0 starts NewThread
	NewThread  Thread
	Mail       Mail
	Decision   *Decision
	// ThreadCategory and ThreadOwner update the thread when not empty.
	ThreadCategory string
	ThreadOwner    string
	Outgoing       *Outgoing
	Refund         *Refund
	Actions        []Action
}

// Recorded holds the ids Record assigned.
type Recorded struct {
	ThreadID   int64
	MailID     int64
	DecisionID int64
	OutboxID   int64
}

// Record writes r in one transaction.
func (s *Store) Record(ctx context.Context, r Record) (Recorded, error) {
	var out Recorded
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		now := formatTS(time.Now())
		out.ThreadID = r.ThreadID
		if out.ThreadID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO threads (ref, customer, subject, category, owner, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
				r.NewThread.Ref, r.NewThread.Customer, r.NewThread.Subject, r.NewThread.Category, r.NewThread.Owner, now)
			if err != nil {
				return fmt.Errorf("new thread: %w", err)
			}
			if out.ThreadID, err = res.LastInsertId(); err != nil {
				return err
			}
		}
		if r.ThreadCategory != "" {
			if _, err := tx.ExecContext(ctx, `UPDATE threads SET category = ? WHERE id = ?`, r.ThreadCategory, out.ThreadID); err != nil {
				return err
			}
		}
		if r.ThreadOwner != "" {
			if _, err := tx.ExecContext(ctx, `UPDATE threads SET owner = ? WHERE id = ? AND owner = ''`, r.ThreadOwner, out.ThreadID); err != nil {
				return err
			}
		}
		m := r.Mail
		res, err := tx.ExecContext(ctx, `INSERT INTO mails (thread_id, direction, message_id, hash, mailbox, uidvalidity, uid, sender, subject, arrival, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			out.ThreadID, m.Direction, m.MessageID, m.Hash, m.Mailbox, m.UIDValidity, m.UID, m.Sender, m.Subject, formatTS(m.Arrival), now)
		if err != nil {
			return fmt.Errorf("recording mail: %w", err)
		}
		if out.MailID, err = res.LastInsertId(); err != nil {
			return err
		}
		if d := r.Decision; d != nil {
			reasons, _ := json.Marshal(d.Reasons)
			res, err := tx.ExecContext(ctx, `INSERT INTO decisions (mail_id, thread_id, category, outcome, rule, order_id, days, language, reasons, decided_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				out.MailID, out.ThreadID, d.Category, d.Outcome, d.Rule, d.OrderID, d.Days, d.Language, string(reasons), now)
			if err != nil {
				return fmt.Errorf("recording decision: %w", err)
			}
			if out.DecisionID, err = res.LastInsertId(); err != nil {
				return err
			}
		}
		if o := r.Outgoing; o != nil {
			if out.DecisionID == 0 {
				return errors.New("an outgoing mail needs a decision")
			}
			state := o.State
			if state == "" {
				state = "pending"
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO outbox (decision_id, thread_id, mail_id, message_id, kind, recipient, raw, state, next_attempt_at, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				out.DecisionID, out.ThreadID, out.MailID, o.MessageID, o.Kind, o.Recipient, o.Raw, state, now, now)
			if err != nil {
				return fmt.Errorf("recording reply: %w", err)
			}
			if out.OutboxID, err = res.LastInsertId(); err != nil {
				return err
			}
			// Our own Message-ID joins the thread at once: a customer's
			// answer to it must find the thread even before it is sent.
			if _, err := tx.ExecContext(ctx, `INSERT INTO mails (thread_id, direction, message_id, sender, subject, created_at) VALUES (?, 'out', ?, '', '', ?)`,
				out.ThreadID, o.MessageID, now); err != nil {
				return err
			}
		}
		if f := r.Refund; f != nil {
			if _, err := tx.ExecContext(ctx, `INSERT INTO refunds (decision_id, order_id, kind, amount_cents, currency, customer, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				out.DecisionID, f.OrderID, f.Kind, f.AmountCents, f.Currency, f.Customer, f.Reason, now); err != nil {
				return fmt.Errorf("recording refund: %w", err)
			}
		}
		for _, a := range r.Actions {
			if _, err := tx.ExecContext(ctx, `INSERT INTO actions (mail_id, kind, arg, created_at) VALUES (?, ?, ?, ?)`, out.MailID, a.Kind, a.Arg, now); err != nil {
				return fmt.Errorf("recording action: %w", err)
			}
		}
		if r.Checkpoint != nil {
			return saveCheckpoint(ctx, tx, *r.Checkpoint)
		}
		return nil
	})
	return out, err
}

func (s *Store) inTx(ctx context.Context, f func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Outbox is a recorded reply.
type Outbox struct {
	ID        int64
	ThreadID  int64
	MailID    int64
	MessageID string
	Kind      string
	Recipient string
	Raw       []byte
	State     string
	Attempts  int
	Created   time.Time
	SentAt    time.Time
}

const outboxColumns = `id, thread_id, mail_id, message_id, kind, recipient, raw, state, attempts, created_at, sent_at`

func scanOutbox(rows *sql.Rows) ([]Outbox, error) {
	defer rows.Close()
	var out []Outbox
	for rows.Next() {
		var (
			o             Outbox
			created, sent string
		)
		if err := rows.Scan(&o.ID, &o.ThreadID, &o.MailID, &o.MessageID, &o.Kind, &o.Recipient, &o.Raw, &o.State, &o.Attempts, &created, &sent); err != nil {
			return nil, err
		}
		o.Created, o.SentAt = parseTS(created), parseTS(sent)
		out = append(out, o)
	}
	return out, rows.Err()
}

// DueOutbox returns the replies waiting to be sent whose next attempt is
// due at now, oldest first.
func (s *Store) DueOutbox(ctx context.Context, now time.Time) ([]Outbox, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id`, formatTS(now))
	if err != nil {
		return nil, fmt.Errorf("due replies: %w", err)
	}
	return scanOutbox(rows)
}

// InterruptedOutbox returns the replies left in state "sending": the
// program stopped while sending them, so they may or may not have gone out.
func (s *Store) InterruptedOutbox(ctx context.Context) ([]Outbox, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE state = 'sending' ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("interrupted replies: %w", err)
	}
	return scanOutbox(rows)
}

// UncopiedOutbox returns the replies sent, or perhaps sent (state
// "unknown"), whose copy is not yet in the Sent folder: staff checking a
// perhaps-sent reply see its text there.
func (s *Store) UncopiedOutbox(ctx context.Context) ([]Outbox, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE state IN ('sent', 'unknown') AND copied = 0 ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("uncopied replies: %w", err)
	}
	return scanOutbox(rows)
}

// MarkSending records that a reply is about to be handed to the SMTP
// server. It must be committed before the first byte is sent: a crash after
// this point leaves the reply "sending", and it is never sent again.
func (s *Store) MarkSending(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `UPDATE outbox SET state = 'sending' WHERE id = ? AND state = 'pending'`, id)
	if err != nil {
		return fmt.Errorf("marking reply %d sending: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("reply %d is no longer pending", id)
	}
	return nil
}

// MarkSent records a reply as sent (or, in shadow mode, put in Drafts) and
// adds the actions that follow from it.
func (s *Store) MarkSent(ctx context.Context, id int64, state string, at time.Time, follow []Action) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var mailID int64
		if err := tx.QueryRowContext(ctx, `SELECT mail_id FROM outbox WHERE id = ?`, id).Scan(&mailID); err != nil {
			return fmt.Errorf("reply %d: %w", id, err)
		}
		copied := 0
		if state == "drafted" {
			copied = 1
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = ?, sent_at = ?, last_error = '', copied = ? WHERE id = ?`, state, formatTS(at), copied, id); err != nil {
			return err
		}
		return addActions(ctx, tx, mailID, follow)
	})
}

// MarkRetry puts a reply back in the queue after a temporary failure.
func (s *Store) MarkRetry(ctx context.Context, id int64, next time.Time, why string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE outbox SET state = 'pending', attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?`, formatTS(next), why, id)
	if err != nil {
		return fmt.Errorf("marking reply %d for retry: %w", id, err)
	}
	return nil
}

// MarkFailed records that a reply will not be sent (a permanent failure,
// or a send that may or may not have happened: state "unknown") and hands
// its thread to a person with the actions given.
func (s *Store) MarkFailed(ctx context.Context, id int64, state, why string, follow []Action) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var mailID, threadID int64
		if err := tx.QueryRowContext(ctx, `SELECT mail_id, thread_id FROM outbox WHERE id = ?`, id).Scan(&mailID, &threadID); err != nil {
			return fmt.Errorf("reply %d: %w", id, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET state = ?, last_error = ? WHERE id = ?`, state, why, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE threads SET owner = ? WHERE id = ? AND owner = ''`, "reply not sent: "+why, threadID); err != nil {
			return err
		}
		return addActions(ctx, tx, mailID, follow)
	})
}

// MarkCopied records that the copy of a sent reply is in the Sent folder.
func (s *Store) MarkCopied(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE outbox SET copied = 1 WHERE id = ?`, id)
	return err
}

// RepliesSince counts the automatic mails to address (compared
// case-insensitively) recorded since t, sent or still to send.
func (s *Store) RepliesSince(ctx context.Context, address string, t time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM outbox WHERE lower(recipient) = lower(?) AND created_at >= ? AND state <> 'failed'`,
		address, formatTS(t)).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("counting replies: %w", err)
	}
	return n, nil
}

func addActions(ctx context.Context, tx *sql.Tx, mailID int64, as []Action) error {
	now := formatTS(time.Now())
	for _, a := range as {
		if _, err := tx.ExecContext(ctx, `INSERT INTO actions (mail_id, kind, arg, created_at) VALUES (?, ?, ?, ?)`, mailID, a.Kind, a.Arg, now); err != nil {
			return fmt.Errorf("recording action: %w", err)
		}
	}
	return nil
}

// PendingActions returns the mailbox actions still to carry out, with the
// mail they apply to, oldest first.
func (s *Store) PendingActions(ctx context.Context) ([]Action, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.kind, a.arg, m.mailbox, m.uidvalidity, m.uid, m.message_id
		FROM actions a JOIN mails m ON m.id = a.mail_id WHERE a.state = 'pending' ORDER BY a.id`)
	if err != nil {
		return nil, fmt.Errorf("pending actions: %w", err)
	}
	defer rows.Close()
	var out []Action
	for rows.Next() {
		var a Action
		if err := rows.Scan(&a.ID, &a.Kind, &a.Arg, &a.Mailbox, &a.UIDValidity, &a.UID, &a.MessageID); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// ActionDone records that an action was carried out (note says how, e.g.
// that the mail was no longer there).
func (s *Store) ActionDone(ctx context.Context, id int64, note string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE actions SET state = 'done', done_at = ?, last_error = ?, attempts = attempts + 1 WHERE id = ?`, formatTS(time.Now()), note, id)
	return err
}

// ActionFailed records a failed attempt; the action stays pending.
func (s *Store) ActionFailed(ctx context.Context, id int64, why string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE actions SET attempts = attempts + 1, last_error = ? WHERE id = ?`, why, id)
	return err
}

// RecordStaffMail records a mail staff sent in a thread from their own
// client and hands the thread to a person.
func (s *Store) RecordStaffMail(ctx context.Context, threadID int64, m Mail, owner string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		now := formatTS(time.Now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO mails (thread_id, direction, message_id, mailbox, uidvalidity, uid, sender, subject, arrival, created_at)
			VALUES (?, 'staff', ?, ?, ?, ?, ?, ?, ?, ?)`, threadID, m.MessageID, m.Mailbox, m.UIDValidity, m.UID, m.Sender, m.Subject, formatTS(m.Arrival), now); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE threads SET owner = ? WHERE id = ? AND owner = ''`, owner, threadID)
		return err
	})
}

// KnownMessageID reports whether a mail with this Message-ID was recorded
// in any direction.
func (s *Store) KnownMessageID(ctx context.Context, messageID string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM mails WHERE message_id = ?`, messageID).Scan(&n)
	return n > 0, err
}

// Refunds returns the refunds and cancellations, only the open ones when
// open is set, oldest first.
func (s *Store) Refunds(ctx context.Context, open bool) ([]Refund, error) {
	q := `SELECT id, order_id, kind, amount_cents, currency, customer, reason, created_at, done_at FROM refunds`
	if open {
		q += ` WHERE done_at = ''`
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("refunds: %w", err)
	}
	defer rows.Close()
	var out []Refund
	for rows.Next() {
		var (
			r             Refund
			created, done string
		)
		if err := rows.Scan(&r.ID, &r.OrderID, &r.Kind, &r.AmountCents, &r.Currency, &r.Customer, &r.Reason, &created, &done); err != nil {
			return nil, err
		}
		r.Created, r.Done = parseTS(created), parseTS(done)
		out = append(out, r)
	}
	return out, rows.Err()
}

// RefundDone marks a refund executed; ErrNotFound when there is no open
// refund with that id.
func (s *Store) RefundDone(ctx context.Context, id int64, at time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE refunds SET done_at = ? WHERE id = ? AND done_at = ''`, formatTS(at), id)
	if err != nil {
		return fmt.Errorf("marking refund %d done: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// Suppress records that address gets no more automatic mail (a permanent
// delivery failure of one of our replies).
func (s *Store) Suppress(ctx context.Context, address, reason string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO suppressed (address, reason, since) VALUES (lower(?), ?, ?) ON CONFLICT (address) DO NOTHING`,
		address, reason, formatTS(time.Now()))
	return err
}

// Suppressed reports why address gets no automatic mail, or "".
func (s *Store) Suppressed(ctx context.Context, address string) (string, error) {
	var why string
	err := s.db.QueryRowContext(ctx, `SELECT reason FROM suppressed WHERE address = lower(?)`, address).Scan(&why)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return why, err
}

func formatTS(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

func parseTS(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}
