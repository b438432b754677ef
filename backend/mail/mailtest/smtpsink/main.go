// Command smtpsink runs mailtest's SMTP server (go-smtp) for the end-to-end
// tests, which run in another process: it writes every message it receives
// as a JSON file into --dir and prints the port it listens on.
//
//	smtpsink --dir /tmp/mail [--port 0]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"sync/atomic"
	"syscall"

	"roster/backend/mail/mailtest"
)

func main() {
	dir := flag.String("dir", "", "directory to write received messages into (required)")
	port := flag.Int("port", 0, "port on 127.0.0.1 (0: any free one)")
	flag.Parse()
	if *dir == "" {
		log.Fatal("smtpsink: --dir is required")
	}
	var n atomic.Int64
	srv, err := mailtest.Listen(mailtest.Options{Port: *port, NoTLS: true, OnReceive: func(m mailtest.Received) {
		if err := write(*dir, n.Add(1), m); err != nil {
			log.Printf("smtpsink: %v", err)
		}
	}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("smtpsink listening on 127.0.0.1:%d\n", srv.Port())
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
	srv.Close()
}

// write stores one message; the rename makes it appear whole or not at all.
func write(dir string, n int64, m mailtest.Received) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	tmp := filepath.Join(dir, fmt.Sprintf(".%06d.json", n))
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, fmt.Sprintf("%06d.json", n)))
}
