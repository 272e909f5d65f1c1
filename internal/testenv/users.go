package testenv

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// AddUsers makes sure every address has a mailbox and returns the accounts.
// Addresses that already have one keep it (and their password); the new
// ones are added at once, so that the one-second wait of Dovecot's
// passwd-file reload is paid once, not per address.
func (s *Servers) AddUsers(t testing.TB, addresses []string) map[string]Account {
	t.Helper()
	known := map[string]string{}
	if f, err := os.Open(s.PasswdFile); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			user, rest, ok := strings.Cut(sc.Text(), ":")
			if pw, ok2 := strings.CutPrefix(rest, "{PLAIN}"); ok && ok2 {
				if _, dup := known[user]; !dup {
					known[user] = strings.SplitN(pw, ":", 2)[0]
				}
			}
		}
		f.Close()
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
	if len(added) == 0 {
		return out
	}
	f, err := os.OpenFile(s.PasswdFile, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatalf("testenv: AddUsers: %v", err)
	}
	_, err = f.WriteString(lines.String())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatalf("testenv: AddUsers: %v", err)
	}
	// As in AddUser: wait for Dovecot's next look at the file, then prove it.
	time.Sleep(time.Until(time.Now().Truncate(time.Second).Add(time.Second + 10*time.Millisecond)))
	deadline := time.Now().Add(timeout)
	for {
		c, err := s.dialIMAP(added[len(added)-1])
		if err == nil {
			c.Close()
			return out
		}
		if time.Now().After(deadline) {
			t.Fatalf("testenv: AddUsers: the new mailboxes cannot log in: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
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
