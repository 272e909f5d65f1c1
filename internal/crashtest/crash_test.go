package crashtest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"helpdesk/internal/testenv"
)

// Environment knobs; see the package comment.
const (
	envSeed  = "HELPDESK_CRASH_SEED"
	envKills = "HELPDESK_CRASH_KILLS"
	envKeep  = "HELPDESK_CRASH_KEEP"
)

// The child's password variables: names of our own, so that nothing the
// test's environment holds leaks into the program by accident.
const (
	envIMAPPassword = "HELPDESK_CRASH_IMAP_PASSWORD"
	envSMTPPassword = "HELPDESK_CRASH_SMTP_PASSWORD"
)

const mailsPerCycle = 2

// TestCrashSafety runs the real helpdesk binary against the real Dovecot
// and Postfix, kills it with SIGKILL at random moments while customer mail
// streams in, restarts it each time, and then checks the README's
// guarantees: each mail decided once, never two replies, never a lost mail.
func TestCrashSafety(t *testing.T) {
	srv := testenv.Real(t)
	began := time.Now()

	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv(envSeed); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q: %v", envSeed, s, err)
		}
		seed = v
	}
	kills := 50
	if testing.Short() {
		kills = 10
	}
	if s := os.Getenv(envKills); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			t.Fatalf("%s=%q: want a positive number", envKills, s)
		}
		kills = v
	}
	t.Logf("crash harness: seed=%d kills=%d (replay with %s=%d)", seed, kills, envSeed, seed)
	rng := rand.New(rand.NewPCG(seed, 0))

	h := newHarness(t, srv)
	t.Logf("built and set up in %s", time.Since(began).Round(100*time.Millisecond))

	// The customers, their orders and their mails.
	n := kills * mailsPerCycle
	who := newCustomers(n, func() string { return srv.RandomAddress(t, "example.nl") })
	accounts := srv.AddUsers(t, who.all())
	now := time.Now()
	mails, orders := plan(rng, seed, n, who, h.support.Address, now)
	h.writeConfig(now.Add(-time.Minute))
	h.importOrders(orders)

	// The stream: mailsPerCycle mails per restart, delivered by a goroutine
	// of their own while the program runs and dies: the first as it starts
	// (so that its first poll has work, the moment most kills strike at),
	// the others at random moments after.
	ticks := make(chan struct{}, kills)
	fed := make(chan struct{})
	stopFeeding := sync.OnceFunc(func() { close(ticks); <-fed })
	defer stopFeeding() // also when the test stops early
	feedRng := rand.New(rand.NewPCG(seed, 1))
	go func() {
		defer close(fed)
		gt := goroutineTB{t}
		next := 0
		for range ticks {
			for j := range min(mailsPerCycle, len(mails)-next) {
				if j > 0 {
					time.Sleep(time.Duration(feedRng.IntN(700)) * time.Millisecond)
				}
				m := mails[next]
				srv.Deliver(gt, m.from, h.support.Address, m.raw)
				next++
			}
		}
	}()

	for i := range kills {
		ticks <- struct{}{}
		h.runAndKill(i, time.Duration(50+rng.IntN(1451))*time.Millisecond)
	}
	stopFeeding()
	if t.Failed() {
		t.FailNow() // a delivery failed
	}

	phase := func(name string) { t.Logf("%s done at %s", name, time.Since(began).Round(100*time.Millisecond)) }
	phase("kills")
	h.awaitArrival(mails)
	phase("arrival")
	h.pollUntilQuiet()
	phase("final polls")
	db := h.readDatabase()
	got := h.awaitReplies(mails, accounts, db)
	phase("replies")
	res, problems := check(h.inspectSupport(), got, db, mails)
	for _, p := range problems {
		t.Error(p)
	}
	h.checkLogs()

	t.Logf("outcomes: %s", summary(db.outcomes))
	t.Logf("crash harness: seed=%d mails=%d kills=%d replies=%d answered=%d ignored=%d person=%d unsure=%d unsure_replied=%d duplicates=%d lost=%d stuck=%d in %s",
		seed, len(mails), h.kills, res.replies, res.answered, res.ignored, res.person, res.unsure, res.unsureReplied,
		res.duplicates, res.lost, res.stuck, time.Since(began).Round(time.Second))
}

// harness runs the binary in a work directory of its own.
type harness struct {
	t       *testing.T
	srv     *testenv.Servers
	support testenv.Account
	dir     string // configuration, database, logs
	bin     string
	config  string
	env     []string
	kills   int
	polls   int
}

func newHarness(t *testing.T, srv *testenv.Servers) *harness {
	t.Helper()
	dir, err := os.MkdirTemp("", "helpdesk-crash-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() || os.Getenv(envKeep) != "" {
			t.Logf("work directory kept: %s (config, database, logs/)", dir)
			return
		}
		os.RemoveAll(dir)
	})
	if err := os.Mkdir(filepath.Join(dir, "logs"), 0o755); err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, srv: srv, dir: dir, bin: filepath.Join(dir, "helpdesk"), config: filepath.Join(dir, "helpdesk.yaml")}
	h.build()
	h.support = srv.NewUser(t)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "HELPDESK_") {
			h.env = append(h.env, kv)
		}
	}
	h.env = append(h.env, envIMAPPassword+"="+h.support.Password, envSMTPPassword+"="+h.support.Password)
	return h
}

// build compiles the real program, as it is installed (not with -race,
// which the test itself may run under).
func (h *harness) build() {
	h.t.Helper()
	out, err := exec.CommandContext(h.t.Context(), "go", "build", "-o", h.bin, "helpdesk/cmd/helpdesk").CombinedOutput()
	if err != nil {
		h.t.Fatalf("go build helpdesk/cmd/helpdesk: %v\n%s", err, out)
	}
}

// writeConfig writes helpdesk.yaml for the fresh support mailbox.
func (h *harness) writeConfig(start time.Time) {
	h.t.Helper()
	cfg := fmt.Sprintf(`mode: live
schedule: "@every 1s"
database: %[1]q
shop:
  name: Volgersfabriek
  address: %[2]q
  time_zone: Europe/Amsterdam
  window_days: 7
imap:
  address: %[3]q
  tls: starttls
  ca_file: %[4]q
  username: %[2]q
  password_env: %[5]s
  start: %[6]q
  timeout: 15s
smtp:
  address: %[7]q
  tls: starttls
  ca_file: %[4]q
  username: %[2]q
  password_env: %[8]s
  timeout: 15s
reply:
  from_name: Klantenservice Volgersfabriek
  max_per_correspondent: 1000
  retry:
    initial: 1s
    max: 2s
    give_up_after: 1h
log:
  level: debug
  format: json
`, filepath.Join(h.dir, "helpdesk.db"), h.support.Address, h.srv.IMAPAddr, h.srv.CAFile, envIMAPPassword,
		start.Format(time.RFC3339), h.srv.SMTPAddr, envSMTPPassword)
	if err := os.WriteFile(h.config, []byte(cfg), 0o600); err != nil {
		h.t.Fatal(err)
	}
}

// command prepares helpdesk with args, its output going to logs/name.log;
// stdout is also kept in the buffer returned. closeLog closes the log file
// once the program has ended.
func (h *harness) command(name string, args ...string) (cmd *exec.Cmd, stdout *bytes.Buffer, closeLog func()) {
	h.t.Helper()
	f, err := os.Create(filepath.Join(h.dir, "logs", name+".log"))
	if err != nil {
		h.t.Fatal(err)
	}
	stdout = new(bytes.Buffer)
	cmd = exec.Command(h.bin, args...)
	cmd.Dir = h.dir
	cmd.Env = h.env
	cmd.Stdout = io.MultiWriter(f, stdout)
	cmd.Stderr = f
	return cmd, stdout, func() { f.Close() }
}

// importOrders loads orders.csv with `helpdesk orders import`.
func (h *harness) importOrders(csv string) {
	h.t.Helper()
	path := filepath.Join(h.dir, "orders.csv")
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		h.t.Fatal(err)
	}
	cmd, out, closeLog := h.command("orders-import", "orders", "import", "--config", h.config, path)
	defer closeLog()
	if err := cmd.Run(); err != nil {
		h.t.Fatalf("helpdesk orders import: %v\n%s%s", err, out, h.tail("orders-import"))
	}
	h.t.Logf("%s", strings.TrimSpace(out.String()))
}

// runAndKill starts `helpdesk run`, lets it work for d and kills it with
// SIGKILL. A program that stops by itself before that fails the test.
func (h *harness) runAndKill(n int, d time.Duration) {
	h.t.Helper()
	name := fmt.Sprintf("run-%03d", n)
	cmd, _, closeLog := h.command(name, "run", "--config", h.config)
	defer closeLog()
	if err := cmd.Start(); err != nil {
		h.t.Fatalf("starting helpdesk run: %v", err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case err := <-exited:
		h.t.Fatalf("helpdesk run %d stopped by itself before its kill after %v: %v%s", n, d, err, h.tail(name))
	case <-timer.C:
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		h.t.Fatalf("killing helpdesk run %d: %v", n, err)
	}
	err := <-exited
	var (
		exit   *exec.ExitError
		killed bool
	)
	if errors.As(err, &exit) {
		ws, ok := exit.Sys().(syscall.WaitStatus)
		killed = ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL
	}
	if !killed {
		h.t.Fatalf("helpdesk run %d: got %v; want killed by SIGKILL%s", n, err, h.tail(name))
	}
	h.kills++
}

// pollUntilQuiet runs `helpdesk poll` until a poll finds nothing to do:
// the clean run after the last kill. A failing poll is tried again (the
// shared test servers can be busy), three failures in a row fail the test.
func (h *harness) pollUntilQuiet() {
	h.t.Helper()
	failures := 0
	for range 20 {
		name := fmt.Sprintf("poll-%02d", h.polls)
		h.polls++
		cmd, out, closeLog := h.command(name, "poll", "--config", h.config)
		err := cmd.Run()
		closeLog()
		if err != nil {
			if failures++; failures == 3 {
				h.t.Fatalf("helpdesk poll failed %d times in a row: %v%s", failures, err, h.tail(name))
			}
			h.t.Logf("helpdesk poll failed, trying again: %v%s", err, h.tail(name))
			time.Sleep(time.Second)
			continue
		}
		failures = 0
		var mails, sent, drafted, retry, failed, staff int
		if _, err := fmt.Sscanf(out.String(), "%d new mail(s), %d sent, %d drafted, %d to retry, %d failed, %d staff replies",
			&mails, &sent, &drafted, &retry, &failed, &staff); err != nil {
			h.t.Fatalf("helpdesk poll printed %q: %v", out, err)
		}
		h.t.Logf("final %s: %s", name, strings.TrimSpace(out.String()))
		if mails+sent+drafted+retry+failed+staff == 0 {
			return
		}
		if retry > 0 {
			time.Sleep(2 * time.Second) // reply.retry.max
		}
	}
	h.t.Fatalf("helpdesk poll still finds work after %d polls", h.polls)
}

// tail returns the end of a log, for failure messages.
func (h *harness) tail(name string) string {
	b, _ := os.ReadFile(filepath.Join(h.dir, "logs", name+".log"))
	if len(b) > 4000 {
		b = b[len(b)-4000:]
	}
	return "\n--- " + name + ".log (end) ---\n" + string(b)
}

// goroutineTB lets testenv's helpers run on a goroutine other than the
// test's: a fatal failure is recorded and ends only that goroutine
// (testing.T.FailNow must not be called from other goroutines).
type goroutineTB struct{ testing.TB }

func (g goroutineTB) Fatal(args ...any) {
	g.TB.Error(args...)
	runtime.Goexit()
}

func (g goroutineTB) Fatalf(format string, args ...any) {
	g.TB.Errorf(format, args...)
	runtime.Goexit()
}

func (g goroutineTB) FailNow() {
	g.TB.Fail()
	runtime.Goexit()
}
