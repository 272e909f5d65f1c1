// Package crashtest measures the README's crash-safety guarantees on the
// real program: its test builds the helpdesk binary, points it at a fresh
// support mailbox on the real Dovecot and Postfix (see internal/testenv),
// feeds it a stream of customer mail and kills it with SIGKILL at random
// moments, many times, restarting it after every kill. After a last clean
// poll it checks, from the mailboxes and from the SQLite database opened
// read-only, that
//
//   - every customer mail was answered exactly once (filed in
//     Helpdesk/Beantwoord, one threaded reply in the customer's INBOX),
//     filed as ignored (Helpdesk/Genegeerd, no reply) or set aside for a
//     person (INBOX, \Flagged, not \Seen, Helpdesk-Person); a mail whose
//     reply was being sent when the program died may end flagged
//     Helpdesk-Unsure with or without its reply delivered, and is counted
//     apart;
//   - no mail got two replies, and no mail vanished from the mailbox;
//   - the database agrees with the mailbox: one decision per mail, one
//     delivered reply per reply recorded as sent, nothing left pending;
//   - no log line of any run carries the password.
//
// The package has no code of its own besides the test. Run it with the
// servers up:
//
//	eval "$(.ci/mailservers.sh env)"
//	go test -v -run TestCrashSafety ./internal/crashtest
//
// Knobs (environment): HELPDESK_CRASH_SEED replays a run (the seed is
// printed in the closing line), HELPDESK_CRASH_KILLS sets the number of
// kills (default 50, 10 with -short), HELPDESK_CRASH_KEEP=1 keeps the work
// directory (configuration, database, one JSON log per run), which is also
// kept when the test fails.
package crashtest
