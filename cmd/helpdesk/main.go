// Command helpdesk answers a web shop's refund mail by itself: it polls the
// support mailbox, decides every new mail by the shop's refund policy,
// replies in the thread and hands whatever it is not sure of to a person.
// Run "helpdesk help" for the commands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // the shop's time zone must load on machines without zoneinfo
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		// The first signal lets the work at hand finish; with the default
		// handling restored, a second one ends the program at once.
		<-ctx.Done()
		stop()
	}()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "helpdesk:", err)
		os.Exit(exitCode(err))
	}
}
