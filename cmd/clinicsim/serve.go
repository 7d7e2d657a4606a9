package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"

	"clinicsim/output"
	"clinicsim/scenarios"
	"clinicsim/server"
)

func cmdServe(args []string, stdout, stderr io.Writer) error {
	fs := flags("serve", usageOf("serve"), stderr)
	extra := fs.StringArray("scenario", nil, "scenario folder (or shipped name) to offer first; repeatable (default: the shipped ones)")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on; anything but loopback is reachable by others on the network")
	fontPath := fs.String("font", "", "CJK font file for Chinese reports (default: $"+output.FontEnv+", then the system's)")
	workers := fs.IntP("jobs", "j", 0, "Monte Carlo workers per request (default: all cores)")
	if err := parse(fs, args); err != nil {
		return err
	}
	names := append([]string(nil), *extra...)
	for _, n := range scenarios.Shipped() {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	if len(*extra) == 0 {
		// The default scenario first.
		names = slices.DeleteFunc(names, func(n string) bool { return n == scenarios.Default })
		names = append([]string{scenarios.Default}, names...)
	}
	looks := map[string]output.Look{"en": {Lang: "en"}}
	if zh, warning, err := output.Resolve("zh", *fontPath); err != nil {
		return usageError{err}
	} else if warning != "" {
		fmt.Fprintf(stderr, "clinicsim serve: %s; reports will be in English\n", warning)
	} else {
		looks["zh"] = zh
	}
	srv, err := server.New(server.Options{Scenarios: names, Looks: looks, Workers: *workers})
	if err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return usageError{fmt.Errorf("--addr %q: write HOST:PORT, e.g. 127.0.0.1:8080", *addr)}
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(stderr, "clinicsim serve: warning: listening on %s, not loopback: anyone who can reach this machine can use the page\n", *addr)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	hs := server.NewHTTPServer(*addr, srv.Handler())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(stdout, "clinicsim serve: open http://%s/ (Ctrl-C stops)\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shut); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintln(stdout, "clinicsim serve: stopped")
	return nil
}
