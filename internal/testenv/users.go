package testenv

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// AddUsers makes sure every address has a mailbox and returns the accounts,
// keyed by the lower-cased address.
// Addresses that already have one keep it (and their password); the new
// ones are added at once, so that the one-second wait of Dovecot's
// passwd-file reload is paid once, not per address. Like AddUser, it returns
// when the mailboxes can log in.
func (s *Servers) AddUsers(t testing.TB, addresses []string) map[string]Account {
	t.Helper()
	// Test binaries run in parallel: hold an exclusive lock on the file from
	// reading it to appending, so two of them never add the same address
	// with different passwords.
	f, err := os.OpenFile(s.PasswdFile, os.O_RDWR|os.O_APPEND, 0)
	if err != nil {
		t.Fatalf("testenv: AddUsers: %v", err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatalf("testenv: AddUsers: lock %s: %v", s.PasswdFile, err)
	}
	known := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		user, rest, ok := strings.Cut(sc.Text(), ":")
		if pw, ok2 := strings.CutPrefix(rest, "{PLAIN}"); ok && ok2 {
			if _, dup := known[user]; !dup {
				known[user] = strings.SplitN(pw, ":", 2)[0]
			}
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("testenv: AddUsers: read %s: %v", s.PasswdFile, err)
	}
	out := map[string]Account{}
	var lines strings.Builder
	var added []Account
	for _, a := range addresses {
		a = strings.ToLower(a)
		if _, done := out[a]; done {
			continue
		}
		if pw, ok := known[a]; ok {
			out[a] = Account{Address: a, Password: pw}
			continue
		}
		at := strings.LastIndexByte(a, '@')
		if at <= 0 || strings.ContainsAny(a, ": \t\r\n") || !slices.Contains(s.Domains, a[at+1:]) {
			t.Fatalf("testenv: AddUsers: %q is not a plain address in one of the test domains", a)
		}
		acct := Account{Address: a, Password: randomHex(12)}
		out[a] = acct
		added = append(added, acct)
		fmt.Fprintf(&lines, "%s:{PLAIN}%s\n", acct.Address, acct.Password)
	}
	if len(added) > 0 {
		if _, err := f.WriteString(lines.String()); err != nil {
			t.Fatalf("testenv: AddUsers: %v", err)
		}
	}
	fi, err := f.Stat()
	if err != nil {
		t.Fatalf("testenv: AddUsers: %v", err)
	}
	if err := f.Close(); err != nil { // also releases the lock
		t.Fatalf("testenv: AddUsers: %v", err)
	}
	// The file changed recently (here, or in another test binary that added
	// some of the same addresses): wait until Dovecot has seen the change.
	if len(out) > 0 && time.Since(fi.ModTime()) < 2*time.Second {
		last := out[strings.ToLower(addresses[len(addresses)-1])]
		if len(added) > 0 {
			last = added[len(added)-1]
		}
		s.awaitLogin(t, fi.ModTime(), last)
	}
	return out
}

// Snapshot is Messages on a connection of its own that is closed before it
// returns: for tests that look into many mailboxes.
func (s *Servers) Snapshot(t testing.TB, acct Account, mailbox string) []Message {
	t.Helper()
	c, err := s.dialIMAP(acct)
	if err != nil {
		t.Fatalf("testenv: IMAP %s as %s: %v", s.IMAPAddr, acct.Address, err)
	}
	defer func() {
		c.Logout().Wait()
		c.Close()
	}()
	msgs, err := fetchAll(c, mailbox)
	if err != nil {
		t.Fatalf("testenv: read %s of %s: %v", mailbox, acct.Address, err)
	}
	return msgs
}
