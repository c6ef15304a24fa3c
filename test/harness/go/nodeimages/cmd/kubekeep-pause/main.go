// Command kubekeep-pause is the real node's pod sandbox ("pause") program: it
// holds the pod's namespaces open by sleeping, reaps children that end up
// reparented to it (it is PID 1 when the pod shares its process namespace),
// and exits on SIGTERM/SIGINT. `kubekeep-pause -v` prints a version and exits
// 0, because kubeadm's upgrade health check runs the pause image that way as a
// Job and waits for it to succeed.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "-v" {
		fmt.Println("kubekeep-pause 1.0")
		return
	}
	signals := make(chan os.Signal, 8)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT, syscall.SIGCHLD)
	for s := range signals {
		if s == syscall.SIGCHLD {
			reap()
			continue
		}
		os.Exit(0)
	}
}

// reap collects every exited child without blocking, so none stays a zombie.
func reap() {
	for {
		var status syscall.WaitStatus
		pid, err := syscall.Wait4(-1, &status, syscall.WNOHANG, nil)
		if pid <= 0 || err != nil {
			return
		}
	}
}
