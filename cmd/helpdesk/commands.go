package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"helpdesk/internal/config"
	"helpdesk/internal/decide"
	"helpdesk/internal/eval"
)

// errUsage marks a command line that could not be understood; the usage
// text has been printed.
var errUsage = errors.New("usage")

func exitCode(err error) int {
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}

const usage = `helpdesk answers a web shop's refund mail by itself.

Usage:
  helpdesk demo [--serve]                 run the whole mail loop on built-in sample mail (no account needed)
  helpdesk run [--config FILE]            the daemon: poll the mailbox on the configured schedule
  helpdesk poll [--config FILE]           one poll, for a system cron
  helpdesk eval [--json] [--config FILE] DIR
                                          decide a labelled corpus and report accuracy (PRODUCT.md)
  helpdesk orders import [--config FILE] FILE.csv
                                          load orders.csv into the database (all rows or none)
  helpdesk refunds [--csv] [--config FILE]
                                          list the refunds and cancellations staff still have to execute
  helpdesk refunds done [--config FILE] ID
                                          mark one executed

The config file defaults to $HELPDESK_CONFIG, else helpdesk.yaml when it exists;
without one the defaults of config.example.yaml apply.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "eval":
		return cmdEval(ctx, rest, stdout, stderr)
	case "orders":
		if len(rest) == 0 || rest[0] != "import" {
			fmt.Fprint(stderr, usage)
			return errUsage
		}
		return cmdOrdersImport(ctx, rest[1:], stdout, stderr)
	case "run":
		return cmdRun(ctx, rest, stdout, stderr)
	case "poll":
		return cmdPoll(ctx, rest, stdout, stderr)
	case "refunds":
		return cmdRefunds(ctx, rest, stdout, stderr)
	case "demo":
		return cmdDemo(ctx, rest, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "unknown command %q\n\n%s", cmd, usage)
	return errUsage
}

// flags returns a flag set for cmd with the common --config flag.
func flags(cmd string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flagSet(cmd, stderr)
	cfg := fs.String("config", "", "config file (default $HELPDESK_CONFIG, else helpdesk.yaml if present)")
	return fs, cfg
}

func flagSet(cmd string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("helpdesk "+cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	return nil
}

// loadConfig reads the config file named by the flag, $HELPDESK_CONFIG or
// ./helpdesk.yaml, in that order; without any the defaults apply.
func loadConfig(path string) (*config.Config, error) {
	if path == "" {
		path = os.Getenv("HELPDESK_CONFIG")
	}
	if path == "" {
		if _, err := os.Stat("helpdesk.yaml"); err == nil {
			path = "helpdesk.yaml"
		}
	}
	if path == "" {
		return config.Default(), nil
	}
	return config.Load(path)
}

// shopOf is the part of the configuration that decisions depend on.
func shopOf(c *config.Config) (decide.Shop, error) {
	loc, err := c.Shop.Location()
	if err != nil {
		return decide.Shop{}, fmt.Errorf("shop.time_zone: %w", err)
	}
	var addrs []string
	if c.Shop.Address != "" {
		addrs = append(addrs, c.Shop.Address)
	}
	addrs = append(addrs, c.Shop.OtherAddresses...)
	return decide.Shop{Addresses: addrs, Location: loc, WindowDays: c.Shop.WindowDays, TrustedAuthservID: c.Shop.TrustedAuthservID}, nil
}

func cmdEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, cfgPath := flags("eval", stderr)
	asJSON := fs.Bool("json", false, "print PRODUCT.md's JSON report")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: helpdesk eval [--json] [--config FILE] DIR")
		return errUsage
	}
	cfg, err := loadConfig(*cfgPath)
	if err != nil {
		return err
	}
	shop, err := shopOf(cfg)
	if err != nil {
		return err
	}
	rep, err := eval.Run(ctx, fs.Arg(0), shop)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	eval.WriteText(stdout, rep)
	return nil
}

func cmdOrdersImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, cfgPath := flags("orders import", stderr)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: helpdesk orders import [--config FILE] FILE.csv")
		return errUsage
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	st, cfg, err := openStore(ctx, *cfgPath)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.ImportOrdersCSV(ctx, f)
	if err != nil {
		return fmt.Errorf("%s: %w (nothing was imported)", fs.Arg(0), err)
	}
	fmt.Fprintf(stdout, "%s: %d added, %d updated, %d unchanged (database %s)\n",
		fs.Arg(0), res.Added, res.Updated, res.Unchanged, cfg.Database)
	return nil
}
