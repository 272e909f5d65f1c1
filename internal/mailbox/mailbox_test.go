package mailbox

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"helpdesk/internal/testenv"
)

func TestDial(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		tls       string
		password  string
		tlsConfig *tls.Config // nil: trust the test certificate
		wantAuth  bool        // errors.Is(err, ErrAuth)
		wantErr   bool
		wantTemp  bool // IsTemporary(err)
	}{
		{name: "plain ok", tls: TLSNone, password: testPassword},
		{name: "implicit TLS ok", tls: TLSImplicit, password: testPassword},
		{name: "STARTTLS ok", tls: TLSStartTLS, password: testPassword},
		{name: "wrong password", tls: TLSNone, password: "wrong", wantErr: true, wantAuth: true},
		{name: "wrong password over TLS", tls: TLSImplicit, password: "wrong", wantErr: true, wantAuth: true},
		{name: "untrusted certificate", tls: TLSImplicit, password: testPassword, tlsConfig: &tls.Config{}, wantErr: true},
		{name: "untrusted certificate STARTTLS", tls: TLSStartTLS, password: testPassword, tlsConfig: &tls.Config{}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startMem(t, memConfig{tls: tt.tls})
			opts := srv.opts
			opts.Password = tt.password
			if tt.tlsConfig != nil {
				opts.TLSConfig = tt.tlsConfig
			}
			var logs logBuffer
			opts.Logger = logs.logger()
			c, err := Dial(t.Context(), opts)
			if c != nil {
				defer c.Close()
			}
			if got := err != nil; got != tt.wantErr {
				t.Fatalf("Dial: got error %v; want error %v", err, tt.wantErr)
			}
			if got := errors.Is(err, ErrAuth); got != tt.wantAuth {
				t.Errorf("errors.Is(%v, ErrAuth) = %v; want %v", err, got, tt.wantAuth)
			}
			if got := IsTemporary(err); got != tt.wantTemp {
				t.Errorf("IsTemporary(%v) = %v; want %v", err, got, tt.wantTemp)
			}
			if err != nil && strings.Contains(err.Error(), tt.password) {
				t.Errorf("error %q contains the password", err)
			}
			if strings.Contains(logs.String(), tt.password) {
				t.Errorf("log contains the password:\n%s", logs.String())
			}
		})
	}
}

func TestDialReal(t *testing.T) {
	t.Parallel()
	srv := realServer(t)
	t.Run("STARTTLS", func(t *testing.T) {
		srv.dial(t, nil)
	})
	t.Run("implicit TLS", func(t *testing.T) {
		opts := srv.opts
		opts.Address, opts.TLS = testenv.Real(t).IMAPSAddr, TLSImplicit
		c, err := Dial(t.Context(), opts)
		if err != nil {
			t.Fatalf("Dial: %v", err)
		}
		c.Close()
	})
	t.Run("wrong password", func(t *testing.T) {
		opts := srv.opts
		opts.Password = "wrong-" + opts.Password
		_, err := Dial(t.Context(), opts)
		if !errors.Is(err, ErrAuth) || IsTemporary(err) {
			t.Errorf("Dial: got %v (temporary %v); want ErrAuth, permanent", err, IsTemporary(err))
		}
	})
}

func TestDialFailures(t *testing.T) {
	t.Parallel()
	// A port nobody listens on: bind one, then close it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closedAddr := ln.Addr().String()
	ln.Close()

	silent := fakeServer(t, "", "", nil)
	loginUnavailable := fakeServer(t, "* OK fake", "IMAP4rev1", func(cmd string) []string {
		return []string{"TAG NO [UNAVAILABLE] try again later"}
	})
	byeAtLogin := fakeServer(t, "* OK fake", "IMAP4rev1", func(cmd string) []string {
		return []string{"* BYE [UNAVAILABLE] shutting down", "CLOSE"}
	})
	loginDisabled := fakeServer(t, "* OK fake", "IMAP4rev1 LOGINDISABLED", func(cmd string) []string {
		return []string{"TAG BAD no"}
	})
	byeGreeting := fakeServer(t, "* BYE too many connections", "IMAP4rev1", nil)

	tests := []struct {
		name     string
		addr     string
		tls      string
		wantAuth bool
		wantTemp bool
	}{
		{name: "connection refused", addr: closedAddr, wantTemp: true},
		{name: "server never greets", addr: silent, wantTemp: true},
		{name: "LOGIN NO [UNAVAILABLE]", addr: loginUnavailable, wantTemp: true},
		{name: "BYE instead of an answer", addr: byeAtLogin, wantTemp: true},
		{name: "BYE as greeting", addr: byeGreeting, wantTemp: true},
		{name: "LOGINDISABLED", addr: loginDisabled, wantAuth: true},
		{name: "TLS to a plain port", addr: loginUnavailable, tls: TLSImplicit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mode := tt.tls
			if mode == "" {
				mode = TLSNone
			}
			opts := Options{Address: tt.addr, TLS: mode, Username: testUser, Password: testPassword, Timeout: 500 * time.Millisecond}
			c, err := Dial(t.Context(), opts)
			if err == nil {
				c.Close()
				t.Fatal("Dial: got no error; want one")
			}
			if got := errors.Is(err, ErrAuth); got != tt.wantAuth {
				t.Errorf("errors.Is(%v, ErrAuth) = %v; want %v", err, got, tt.wantAuth)
			}
			if got := IsTemporary(err); got != tt.wantTemp {
				t.Errorf("IsTemporary(%v) = %v; want %v", err, got, tt.wantTemp)
			}
			if strings.Contains(err.Error(), testPassword) {
				t.Errorf("error %q contains the password", err)
			}
		})
	}
}

func TestDialOptions(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		opts Options
	}{
		{name: "unknown TLS mode", opts: Options{Address: "127.0.0.1:143", TLS: "ssl"}},
		{name: "address without port", opts: Options{Address: "imap.example.nl"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Dial(t.Context(), tt.opts); err == nil || IsTemporary(err) {
				t.Errorf("Dial: got %v; want a permanent error", err)
			}
		})
	}
}

func TestSelect(t *testing.T) {
	t.Parallel()
	forEachServer(t, func(t *testing.T, srv *testServer) {
		srv.put(t, "INBOX", testMessage("sel-1@example.nl", "een"), time.Time{})
		uid := srv.put(t, "INBOX", testMessage("sel-2@example.nl", "twee"), time.Time{})
		c := srv.dial(t, nil)

		sel, err := c.Select(t.Context(), "INBOX")
		if err != nil {
			t.Fatalf("Select: %v", err)
		}
		if sel.UIDValidity == 0 {
			t.Errorf("UIDValidity = 0; want the server's value")
		}
		if sel.UIDNext <= uid {
			t.Errorf("UIDNext = %d; want > %d", sel.UIDNext, uid)
		}
		if sel.Messages != 2 {
			t.Errorf("Messages = %d; want 2", sel.Messages)
		}

		_, err = c.Select(t.Context(), "Bestaat/Niet")
		var imapErr *imap.Error
		if !errors.As(err, &imapErr) || IsTemporary(err) {
			t.Errorf("Select of a missing mailbox: got %v; want a permanent *imap.Error", err)
		}
		if _, err := c.NewUIDs(t.Context(), 0, time.Time{}); !errors.Is(err, ErrNotSelected) {
			t.Errorf("NewUIDs after a failed Select: got %v; want ErrNotSelected", err)
		}
	})
}

func TestNewUIDs(t *testing.T) {
	t.Parallel()
	forEachServer(t, func(t *testing.T, srv *testServer) {
		old := time.Date(2020, 3, 1, 12, 0, 0, 0, time.UTC)
		recent := time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)
		u1 := srv.put(t, "INBOX", testMessage("new-1@example.nl", "oud"), old)
		u2 := srv.put(t, "INBOX", testMessage("new-2@example.nl", "nieuw"), recent)
		u3 := srv.put(t, "INBOX", testMessage("new-3@example.nl", "nieuwer"), recent.Add(time.Hour))
		c := srv.dial(t, nil)
		if _, err := c.Select(t.Context(), "INBOX"); err != nil {
			t.Fatal(err)
		}

		tests := []struct {
			name  string
			after imap.UID
			since time.Time
			want  []imap.UID
		}{
			{name: "all", after: 0, want: []imap.UID{u1, u2, u3}},
			{name: "after first", after: u1, want: []imap.UID{u2, u3}},
			// UID SEARCH UID u3+1:* matches u3 itself (RFC 9051 6.4.9).
			{name: "after last", after: u3, want: nil},
			{name: "far beyond", after: u3 + 100, want: nil},
			{name: "since date", after: 0, since: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), want: []imap.UID{u2, u3}},
			{name: "max uid", after: imap.UID(1<<32 - 1), want: nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := c.NewUIDs(t.Context(), tt.after, tt.since)
				if err != nil {
					t.Fatalf("NewUIDs: %v", err)
				}
				if !slices.Equal(got, tt.want) {
					t.Errorf("NewUIDs(%d, %v) = %v; want %v", tt.after, tt.since, got, tt.want)
				}
			})
		}
	})
}

// TestStarPitfall checks that the servers really show the pitfall NewUIDs
// guards against, so that TestNewUIDs's "after last" case means something.
func TestStarPitfall(t *testing.T) {
	t.Parallel()
	forEachServer(t, func(t *testing.T, srv *testServer) {
		uid := srv.put(t, "INBOX", testMessage("star@example.nl", "ster"), time.Time{})
		c := srv.admin(t)
		if _, err := c.Select("INBOX", nil).Wait(); err != nil {
			t.Fatal(err)
		}
		var set imap.UIDSet
		set.AddRange(uid+1, 0)
		data, err := c.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{set}}, nil).Wait()
		if err != nil {
			t.Fatal(err)
		}
		if got := data.AllUIDs(); !slices.Equal(got, []imap.UID{uid}) {
			t.Errorf("UID SEARCH UID %d:* = %v; want [%d] (RFC 9051 6.4.9)", uid+1, got, uid)
		}
	})
}

func TestFetchMeta(t *testing.T) {
	t.Parallel()
	forEachServer(t, func(t *testing.T, srv *testServer) {
		date := time.Date(2026, 11, 2, 14, 5, 0, 0, time.FixedZone("CET", 3600))
		raw := testMessage("meta-1@example.nl", "meta")
		u1 := srv.put(t, "INBOX", raw, date, imap.FlagFlagged)
		u2 := srv.put(t, "INBOX", testMessage("meta-2@example.nl", "meta"), date)
		c := srv.dial(t, nil)
		if _, err := c.Select(t.Context(), "INBOX"); err != nil {
			t.Fatal(err)
		}

		got, err := c.FetchMeta(t.Context(), []imap.UID{u2, u2 + 50, u1})
		if err != nil {
			t.Fatalf("FetchMeta: %v", err)
		}
		if len(got) != 2 || got[0].UID != u1 || got[1].UID != u2 {
			t.Fatalf("FetchMeta returned %+v; want UIDs %d and %d in order", got, u1, u2)
		}
		m := got[0]
		if !m.InternalDate.Equal(date) {
			t.Errorf("InternalDate = %v; want %v", m.InternalDate, date)
		}
		if m.Size != int64(len(raw)) {
			t.Errorf("Size = %d; want %d", m.Size, len(raw))
		}
		if m.MessageID != "meta-1@example.nl" {
			t.Errorf("MessageID = %q; want %q", m.MessageID, "meta-1@example.nl")
		}
		if !slices.Contains(m.Flags, `\Flagged`) {
			t.Errorf("Flags = %v; want \\Flagged in canonical case", m.Flags)
		}

		if got, err := c.FetchMeta(t.Context(), nil); err != nil || got != nil {
			t.Errorf("FetchMeta(nil) = %v, %v; want nil, nil", got, err)
		}
	})
}

func TestFetchRaw(t *testing.T) {
	t.Parallel()
	forEachServer(t, func(t *testing.T, srv *testServer) {
		raw := testMessage("raw-1@example.nl", "raw")
		uid := srv.put(t, "INBOX", raw, time.Time{})
		c := srv.dial(t, nil)
		if _, err := c.Select(t.Context(), "INBOX"); err != nil {
			t.Fatal(err)
		}

		tests := []struct {
			name          string
			max           int64
			wantBody      []byte
			wantTruncated bool
		}{
			{name: "no limit", max: 0, wantBody: raw},
			{name: "limit above size", max: int64(len(raw)) + 1, wantBody: raw},
			{name: "limit at size", max: int64(len(raw)), wantBody: raw},
			{name: "limit below size", max: 40, wantBody: raw[:40], wantTruncated: true},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := c.FetchRaw(t.Context(), uid, tt.max)
				if err != nil {
					t.Fatalf("FetchRaw: %v", err)
				}
				if !bytes.Equal(got.Body, tt.wantBody) {
					t.Errorf("Body = %q; want %q", got.Body, tt.wantBody)
				}
				if got.Truncated != tt.wantTruncated {
					t.Errorf("Truncated = %v; want %v", got.Truncated, tt.wantTruncated)
				}
				if got.UID != uid || got.Size != int64(len(raw)) || got.InternalDate.IsZero() {
					t.Errorf("got UID %d, Size %d, InternalDate %v; want %d, %d, a date", got.UID, got.Size, got.InternalDate, uid, len(raw))
				}
			})
		}

		if flags := srv.state(t, "INBOX")[uid]; HasFlag(flags, `\Seen`) {
			t.Errorf("flags after FetchRaw = %v; want no \\Seen (BODY.PEEK)", flags)
		}
		if _, err := c.FetchRaw(t.Context(), uid+100, 0); !errors.Is(err, ErrNotFound) || IsTemporary(err) {
			t.Errorf("FetchRaw of a missing UID: got %v; want ErrNotFound", err)
		}
	})
}

func TestFlag(t *testing.T) {
	t.Parallel()
	forEachServer(t, func(t *testing.T, srv *testServer) {
		uid := srv.put(t, "INBOX", testMessage("flag-1@example.nl", "vlag"), time.Time{}, imap.FlagSeen)
		c := srv.dial(t, nil)
		if _, err := c.Select(t.Context(), "INBOX"); err != nil {
			t.Fatal(err)
		}

		add := []string{`\Flagged`, "Helpdesk-Human", "Helpdesk-Escalation"}
		if err := c.Flag(t.Context(), uid, add, []string{`\Seen`}); err != nil {
			t.Fatalf("Flag: %v", err)
		}
		flags := srv.state(t, "INBOX")[uid]
		for _, want := range add {
			// The memory server lowercases keywords; Dovecot keeps their case.
			if !HasFlag(flags, want) {
				t.Errorf("flags = %v; want %s", flags, want)
			}
		}
		if HasFlag(flags, `\Seen`) {
			t.Errorf("flags = %v; want \\Seen removed", flags)
		}

		if err := c.Flag(t.Context(), uid, nil, []string{"helpdesk-human"}); err != nil {
			t.Fatalf("Flag remove: %v", err)
		}
		if flags := srv.state(t, "INBOX")[uid]; HasFlag(flags, "Helpdesk-Human") {
			t.Errorf("flags = %v; want Helpdesk-Human removed (any case)", flags)
		}

		if err := c.Flag(t.Context(), uid+100, []string{`\Flagged`}, nil); err != nil {
			t.Errorf("Flag of a missing UID: got %v; want no error", err)
		}
		if err := c.Flag(t.Context(), uid, []string{"two words"}, nil); err == nil || IsTemporary(err) {
			t.Errorf("Flag with an invalid keyword: got %v; want a permanent error", err)
		}
	})
}

func TestFlagWithoutKeywords(t *testing.T) {
	t.Parallel()
	srv := startMem(t, memConfig{noKeywords: true})
	uid := srv.put(t, "INBOX", testMessage("nokw@example.nl", "geen keywords"), time.Time{})
	var logs logBuffer
	c := srv.dial(t, &logs)
	if _, err := c.Select(t.Context(), "INBOX"); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := c.Flag(t.Context(), uid, []string{`\Flagged`, "Helpdesk-Human"}, nil); err != nil {
			t.Fatalf("Flag: %v", err)
		}
	}
	flags := srv.state(t, "INBOX")[uid]
	if !HasFlag(flags, `\Flagged`) || HasFlag(flags, "Helpdesk-Human") {
		t.Errorf("flags = %v; want \\Flagged only", flags)
	}
	if got := strings.Count(logs.String(), "does not allow these keywords"); got != 1 {
		t.Errorf("warnings about keywords: got %d; want 1\n%s", got, logs.String())
	}
}

func TestMove(t *testing.T) {
	t.Parallel()
	base := imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapNamespace: {}}
	with := func(caps ...imap.Cap) imap.CapSet {
		set := base.Copy()
		for _, c := range caps {
			set[c] = struct{}{}
		}
		return set
	}
	tests := []struct {
		name     string
		caps     imap.CapSet
		wantGone bool // the message left INBOX
		wantWarn bool
	}{
		{name: "MOVE", caps: with(imap.CapMove, imap.CapUIDPlus), wantGone: true},
		{name: "COPY and UID EXPUNGE", caps: with(imap.CapUIDPlus), wantGone: true},
		{name: "COPY only", caps: base, wantGone: false, wantWarn: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			testMove(t, startMem(t, memConfig{caps: tt.caps}), tt.wantGone, tt.wantWarn)
		})
	}
	t.Run("dovecot", func(t *testing.T) {
		testMove(t, realServer(t), true, false)
	})
}

func testMove(t *testing.T, srv *testServer, wantGone, wantWarn bool) {
	const dest = "Helpdesk/Beantwoord"
	uid := srv.put(t, "INBOX", testMessage("move-1@example.nl", "verplaats"), time.Time{})
	// A person marked another message \Deleted: it must survive our move.
	other := srv.put(t, "INBOX", testMessage("move-2@example.nl", "van iemand"), time.Time{}, imap.FlagDeleted)
	var logs logBuffer
	c := srv.dial(t, &logs)
	if _, err := c.Select(t.Context(), "INBOX"); err != nil {
		t.Fatal(err)
	}
	if err := c.Move(t.Context(), uid, dest); err != nil {
		t.Fatalf("Move: %v", err)
	}
	// Again, as after a crash: the UID is gone (or copied once more only
	// on a server without MOVE and UIDPLUS).
	if err := c.Move(t.Context(), uid, dest); err != nil {
		t.Errorf("Move again: got %v; want no error", err)
	}

	inbox := srv.state(t, "INBOX")
	if _, ok := inbox[uid]; ok == wantGone {
		t.Errorf("after Move, INBOX holds %v; want UID %d gone = %v", inbox, uid, wantGone)
	}
	if flags, ok := inbox[uid]; ok && HasFlag(flags, `\Deleted`) {
		t.Errorf("copied-only message has flags %v; want no \\Deleted", flags)
	}
	if _, ok := inbox[other]; !ok {
		t.Errorf("INBOX lost UID %d, which a person marked \\Deleted: %v", other, inbox)
	}
	server, err := c.serverName(dest)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(srv.state(t, server)); n == 0 {
		t.Errorf("%s is empty; want the moved message", server)
	}
	if !srv.subscribed(t, server) {
		t.Errorf("%s is not subscribed", server)
	}
	if got := strings.Contains(logs.String(), "neither MOVE nor UIDPLUS"); got != wantWarn {
		t.Errorf("warning about MOVE logged: %v; want %v\n%s", got, wantWarn, logs.String())
	}
}

func TestEnsure(t *testing.T) {
	t.Parallel()
	forEachServer(t, func(t *testing.T, srv *testServer) {
		c := srv.dial(t, nil)
		for _, name := range []string{"Helpdesk/Klanten/2026", "Helpdesk/Klanten/2026", "INBOX", "inbox"} {
			if err := c.Ensure(t.Context(), name); err != nil {
				t.Fatalf("Ensure(%q): %v", name, err)
			}
		}
		for _, name := range []string{"Helpdesk", "Helpdesk/Klanten", "Helpdesk/Klanten/2026"} {
			server, err := c.serverName(name)
			if err != nil {
				t.Fatal(err)
			}
			if !srv.subscribed(t, server) {
				t.Errorf("%s does not exist or is not subscribed", server)
			}
		}
		// Ensure again on a new connection: the mailbox exists already.
		if err := srv.dial(t, nil).Ensure(t.Context(), "Helpdesk/Klanten/2026"); err != nil {
			t.Errorf("Ensure of an existing mailbox: %v", err)
		}
	})
}

func TestAppendHasMessageID(t *testing.T) {
	t.Parallel()
	forEachServer(t, func(t *testing.T, srv *testServer) {
		inboxUID := srv.put(t, "INBOX", testMessage("in-1@example.nl", "binnen"), time.Time{})
		c := srv.dial(t, nil)
		if _, err := c.Select(t.Context(), "INBOX"); err != nil {
			t.Fatal(err)
		}
		// "Helpdesk/Verzonden" does not exist: TRYCREATE makes Append create it.
		const sent = "Helpdesk/Verzonden"
		date := time.Date(2026, 11, 3, 9, 30, 0, 0, time.UTC)
		uid, err := c.Append(t.Context(), sent, []string{`\Seen`}, date, testMessage("reply-1@volgersfabriek.nl", "Re: binnen"))
		if err != nil {
			t.Fatalf("Append: %v", err)
		}
		if uid == 0 {
			t.Errorf("Append returned UID 0; want the APPENDUID")
		}
		server, err := c.serverName(sent)
		if err != nil {
			t.Fatal(err)
		}
		if flags, ok := srv.state(t, server)[uid]; !ok || !HasFlag(flags, `\Seen`) {
			t.Errorf("%s UID %d: flags %v, present %v; want \\Seen", server, uid, flags, ok)
		}

		tests := []struct {
			mailbox, id string
			want        bool
		}{
			{sent, "<reply-1@volgersfabriek.nl>", true},
			{sent, "reply-1@volgersfabriek.nl", true},
			{sent, "<reply-2@volgersfabriek.nl>", false},
			{"INBOX", "<in-1@example.nl>", true},
			{"Bestaat/Niet", "<reply-1@volgersfabriek.nl>", false},
		}
		for _, tt := range tests {
			t.Run(tt.mailbox+" "+tt.id, func(t *testing.T) {
				got, err := c.HasMessageID(t.Context(), tt.mailbox, tt.id)
				if err != nil {
					t.Fatalf("HasMessageID: %v", err)
				}
				if got != tt.want {
					t.Errorf("HasMessageID(%q, %q) = %v; want %v", tt.mailbox, tt.id, got, tt.want)
				}
			})
		}

		// INBOX is still the selected mailbox.
		got, err := c.NewUIDs(t.Context(), 0, time.Time{})
		if err != nil || !slices.Equal(got, []imap.UID{inboxUID}) {
			t.Errorf("NewUIDs after HasMessageID = %v, %v; want [%d] of INBOX", got, err, inboxUID)
		}
	})
}

func TestSpecialUse(t *testing.T) {
	t.Parallel()
	list := func(delim rune, names ...string) []imap.ListData {
		var l []imap.ListData
		for _, n := range names {
			d := imap.ListData{Mailbox: n, Delim: delim}
			if name, attr, ok := strings.Cut(n, " \\"); ok {
				d.Mailbox, d.Attrs = name, []imap.MailboxAttr{imap.MailboxAttr(`\` + attr)}
			}
			l = append(l, d)
		}
		return l
	}
	tests := []struct {
		name       string
		list       []imap.ListData
		wantSent   string
		wantDrafts string
	}{
		{
			name:     "special-use attributes win over names",
			list:     list('/', "INBOX", "Sent", "Drafts", `Verzonden items \Sent`, `Concepten \Drafts`),
			wantSent: "Verzonden items", wantDrafts: "Concepten",
		},
		{
			name:     "usual names",
			list:     list('/', "INBOX", "Archief", "Sent Items", "Concepten"),
			wantSent: "Sent Items", wantDrafts: "Concepten",
		},
		{
			name:     "below INBOX",
			list:     list('.', "INBOX", "INBOX.Sent", "INBOX.Drafts", "INBOX.Helpdesk.Sent"),
			wantSent: "INBOX.Sent", wantDrafts: "INBOX.Drafts",
		},
		{
			name:     "case of names",
			list:     list('/', "INBOX", "SENT", "drafts"),
			wantSent: "SENT", wantDrafts: "drafts",
		},
		{
			name:     "nothing: defaults",
			list:     list('/', "INBOX", "Helpdesk/Sent"),
			wantSent: "Sent", wantDrafts: "Drafts",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := startMem(t, memConfig{list: tt.list}).dial(t, nil)
			sent, drafts, err := c.SpecialUse(t.Context())
			if err != nil {
				t.Fatalf("SpecialUse: %v", err)
			}
			if sent != tt.wantSent || drafts != tt.wantDrafts {
				t.Errorf("SpecialUse() = %q, %q; want %q, %q", sent, drafts, tt.wantSent, tt.wantDrafts)
			}
		})
	}
	t.Run("dovecot", func(t *testing.T) {
		c := realServer(t).dial(t, nil)
		sent, drafts, err := c.SpecialUse(t.Context())
		if err != nil {
			t.Fatalf("SpecialUse: %v", err)
		}
		// .ci/mailservers.sh marks Sent \Sent and Drafts \Drafts.
		if sent != "Sent" || drafts != "Drafts" {
			t.Errorf("SpecialUse() = %q, %q; want %q, %q", sent, drafts, "Sent", "Drafts")
		}
	})
}

// TestDeadServer checks that a server that stops answering, or drops the
// connection, gives a temporary ErrDisconnected instead of a hang.
func TestDeadServer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		kill func(p *proxy)
	}{
		{name: "stops answering", kill: func(p *proxy) { p.frozen.Store(true) }},
		{name: "drops the connection", kill: func(p *proxy) { p.cut() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startMem(t, memConfig{})
			srv.put(t, "INBOX", testMessage("dead@example.nl", "dood"), time.Time{})
			p := startProxy(t, srv.opts.Address)
			srv.opts.Address = p.addr
			srv.opts.Timeout = 300 * time.Millisecond
			c := srv.dial(t, nil)
			if _, err := c.Select(t.Context(), "INBOX"); err != nil {
				t.Fatal(err)
			}
			tt.kill(p)

			_, err := c.NewUIDs(t.Context(), 0, time.Time{})
			if !errors.Is(err, ErrDisconnected) || !IsTemporary(err) {
				t.Errorf("NewUIDs: got %v; want a temporary ErrDisconnected", err)
			}
			// The Client is dead for good.
			_, err = c.FetchRaw(t.Context(), 1, 0)
			if !errors.Is(err, ErrDisconnected) {
				t.Errorf("FetchRaw after: got %v; want ErrDisconnected", err)
			}
			if err := c.Close(); err != nil {
				t.Errorf("Close after the connection died: %v", err)
			}
		})
	}
}

// TestIdleConnection checks that a connection left idle for longer than
// Timeout between polls still works: only operations have deadlines.
func TestIdleConnection(t *testing.T) {
	t.Parallel()
	srv := startMem(t, memConfig{})
	srv.opts.Timeout = 50 * time.Millisecond
	c := srv.dial(t, nil)
	time.Sleep(4 * srv.opts.Timeout)
	if _, err := c.Select(t.Context(), "INBOX"); err != nil {
		t.Errorf("Select after idling: %v", err)
	}
}

func TestContext(t *testing.T) {
	t.Parallel()
	t.Run("Dial context ends", func(t *testing.T) {
		srv := startMem(t, memConfig{})
		ctx, cancel := context.WithCancel(t.Context())
		c, err := Dial(ctx, srv.opts)
		if err != nil {
			t.Fatal(err)
		}
		cancel()
		select {
		case <-c.imap.Closed():
		case <-time.After(10 * time.Second): // a hang guard, not a timing assertion
			t.Fatal("connection still open after the Dial context ended")
		}
		if _, err := c.Select(t.Context(), "INBOX"); !errors.Is(err, ErrDisconnected) {
			t.Errorf("Select: got %v; want ErrDisconnected", err)
		}
	})
	t.Run("call context ends during a call", func(t *testing.T) {
		srv := startMem(t, memConfig{})
		p := startProxy(t, srv.opts.Address)
		srv.opts.Address = p.addr
		c := srv.dial(t, nil) // default Timeout: 60 s
		if _, err := c.Select(t.Context(), "INBOX"); err != nil {
			t.Fatal(err)
		}
		p.frozen.Store(true)
		ctx, cancel := context.WithCancel(t.Context())
		time.AfterFunc(50*time.Millisecond, cancel)
		_, err := c.NewUIDs(ctx, 0, time.Time{})
		if !errors.Is(err, context.Canceled) || IsTemporary(err) {
			t.Errorf("NewUIDs: got %v (temporary %v); want context.Canceled, not temporary", err, IsTemporary(err))
		}
		if _, err := c.Select(t.Context(), "INBOX"); !errors.Is(err, ErrDisconnected) {
			t.Errorf("Select after: got %v; want ErrDisconnected", err)
		}
	})
	t.Run("call context already ended", func(t *testing.T) {
		c := startMem(t, memConfig{}).dial(t, nil)
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if _, err := c.Select(ctx, "INBOX"); !errors.Is(err, context.Canceled) {
			t.Errorf("Select: got %v; want context.Canceled", err)
		}
		// Nothing was sent: the connection is still good.
		if _, err := c.Select(t.Context(), "INBOX"); err != nil {
			t.Errorf("Select after: %v", err)
		}
	})
}

func TestLogsNoPassword(t *testing.T) {
	t.Parallel()
	srv := startMem(t, memConfig{})
	uid := srv.put(t, "INBOX", testMessage("log@example.nl", "log"), time.Time{})
	var logs logBuffer
	c := srv.dial(t, &logs)
	ctx := t.Context()
	if _, err := c.Select(ctx, "INBOX"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.FetchRaw(ctx, uid, 0); err != nil {
		t.Fatal(err)
	}
	if err := c.Flag(ctx, uid, []string{`\Flagged`}, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Move(ctx, uid, "Helpdesk/Klaar"); err != nil {
		t.Fatal(err)
	}
	c.Close()
	out := logs.String()
	if out == "" {
		t.Fatal("nothing logged at debug level")
	}
	for _, secret := range []string{testPassword, "Mijn volgers"} {
		if strings.Contains(out, secret) {
			t.Errorf("log contains %q:\n%s", secret, out)
		}
	}
}

func TestIsTemporary(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"nil", nil, false},
		{"auth", fmt.Errorf("x: %w", ErrAuth), false},
		{"disconnected", fmt.Errorf("x: %w", ErrDisconnected), true},
		{"disconnected by cancel", fmt.Errorf("%w: %w", ErrDisconnected, context.Canceled), false},
		{"deadline", context.DeadlineExceeded, true},
		{"not found", ErrNotFound, false},
		{"NO UNAVAILABLE", &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeUnavailable}, true},
		{"NO INUSE", &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeInUse}, true},
		{"NO OVERQUOTA", &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeOverQuota}, false},
		{"NO without code", &imap.Error{Type: imap.StatusResponseTypeNo, Text: "no"}, false},
		{"BAD", &imap.Error{Type: imap.StatusResponseTypeBad, Code: imap.ResponseCodeUnavailable}, false},
		{"EOF", io.ErrUnexpectedEOF, true},
		{"reset", &net.OpError{Op: "read", Err: syscall.ECONNRESET}, true},
		{"refused", fmt.Errorf("dial: %w", syscall.ECONNREFUSED), true},
		{"TLS record", tls.RecordHeaderError{Msg: "not TLS"}, false},
		{"other", errors.New("something"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := IsTemporary(tt.err); got != tt.want {
				t.Errorf("IsTemporary(%v) = %v; want %v", tt.err, got, tt.want)
			}
		})
	}
}

func TestCheckFlag(t *testing.T) {
	t.Parallel()
	tests := []struct {
		flag string
		ok   bool
	}{
		{`\Seen`, true},
		{`\Flagged`, true},
		{"Helpdesk-Human", true},
		{"$Forwarded", true},
		{"", false},
		{`\`, false},
		{"two words", false},
		{"paren(", false},
		{"star*", false},
		{`quote"`, false},
		{"bracket]", false},
		{"ümlaut", false},
		{`\\Seen`, false},
	}
	for _, tt := range tests {
		t.Run(tt.flag, func(t *testing.T) {
			if err := checkFlag(tt.flag); (err == nil) != tt.ok {
				t.Errorf("checkFlag(%q) = %v; want ok %v", tt.flag, err, tt.ok)
			}
		})
	}
}

func TestHasFlag(t *testing.T) {
	t.Parallel()
	tests := []struct {
		flags []string
		flag  string
		want  bool
	}{
		{[]string{`\Seen`, "helpdesk-human"}, "Helpdesk-Human", true},
		{[]string{`\seen`}, `\Seen`, true},
		{[]string{`\Seen`}, `\Flagged`, false},
		{nil, `\Seen`, false},
	}
	for _, tt := range tests {
		if got := HasFlag(tt.flags, tt.flag); got != tt.want {
			t.Errorf("HasFlag(%v, %q) = %v; want %v", tt.flags, tt.flag, got, tt.want)
		}
	}
}

// BenchmarkPoll measures one poll of the memory server over loopback:
// NewUIDs, FetchMeta and FetchRaw of 50 messages of about 20 KB.
func BenchmarkPoll(b *testing.B) {
	srv := startMem(b, memConfig{})
	body := bytes.Repeat([]byte("Mijn volgers zijn niet aangekomen.\r\n"), 550)
	for i := range 50 {
		raw := append(testMessage(fmt.Sprintf("bench-%d@example.nl", i), "bench"), body...)
		srv.put(b, "INBOX", raw, time.Time{})
	}
	c := srv.dial(b, nil)
	ctx := b.Context()
	if _, err := c.Select(ctx, "INBOX"); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		uids, err := c.NewUIDs(ctx, 0, time.Time{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.FetchMeta(ctx, uids); err != nil {
			b.Fatal(err)
		}
		for _, uid := range uids {
			if _, err := c.FetchRaw(ctx, uid, 1<<20); err != nil {
				b.Fatal(err)
			}
		}
	}
}
