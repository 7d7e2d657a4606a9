package main

import (
	"bytes"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to read while the command writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServe starts clinicsim serve on a free loopback port, loads the page
// and stops it with Ctrl-C (SIGINT), as a planner would.
func TestServe(t *testing.T) {
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() { done <- run([]string{"serve", "--addr", "127.0.0.1:0"}, &stdout, &stderr) }()
	addr := regexp.MustCompile(`http://[0-9.:]+/`)
	var url string
	for deadline := time.Now().Add(20 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		url = addr.FindString(stdout.String())
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d: %s", code, stderr.String())
		default:
		}
	}
	if url == "" {
		t.Fatalf("no address printed: %q %q", stdout.String(), stderr.String())
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), "dadukou-2022") {
		t.Errorf("GET %s: %s", url, resp.Status)
	}
	if strings.Contains(stderr.String(), "not loopback") {
		t.Errorf("warned on loopback: %s", stderr.String())
	}
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 || !strings.Contains(stdout.String(), "stopped") {
			t.Errorf("exit %d, stdout %q", code, stdout.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop on SIGINT")
	}
}

func TestServeBadAddr(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"serve", "--addr", "nonsense"}, &stdout, &stderr); code != exitUsage || !strings.Contains(stderr.String(), "HOST:PORT") {
		t.Errorf("exit %d: %s", code, stderr.String())
	}
}
