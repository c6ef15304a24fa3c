// Command kubekeep-nsenter is /usr/bin/nsenter in the real node's executor
// image: it runs the real nsenter (/usr/lib/kubekeep/nsenter) with the same
// arguments, with one substitution. On the project's VMs PID 1 is the VM's
// own init, whose namespaces cannot be opened even by root, so
// `nsenter --target 1` (what kubekeep's pod executor runs, right on a
// systemd node) fails there. Only when PID 1's namespaces cannot be opened,
// the wrapper targets the host's kubelet instead (a hostPID pod sees it in
// /proc): it lives in the host's namespaces, which is all `--target 1` is
// for. It says so on stderr. Anything else passes through untouched.
package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

const realNsenter = "/usr/lib/kubekeep/nsenter"

var namespaces = []string{"mnt", "uts", "ipc", "net", "pid"}

func openable(pid int) error {
	for _, ns := range namespaces {
		f, err := os.Open(fmt.Sprintf("/proc/%d/ns/%s", pid, ns))
		if err != nil {
			return err
		}
		f.Close()
	}
	return nil
}

// hostProcess finds a process of the host's to enter: the kubelet, else containerd.
func hostProcess() (int, string) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0, ""
	}
	for _, want := range []string{"kubelet", "containerd"} {
		for _, e := range entries {
			pid, err := strconv.Atoi(e.Name())
			if err != nil || pid == 1 {
				continue
			}
			comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid))
			if err != nil || strings.TrimSpace(string(comm)) != want {
				continue
			}
			if openable(pid) == nil {
				return pid, want
			}
		}
	}
	return 0, ""
}

func main() {
	args := append([]string{"nsenter"}, os.Args[1:]...)
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		target := -1
		switch {
		case (a == "--target" || a == "-t") && i+1 < len(args) && args[i+1] == "1":
			target = i + 1
		case a == "--target=1":
			args[i] = "--target"
			args = append(args[:i+1], append([]string{"1"}, args[i+1:]...)...)
			target = i + 1
		}
		if target < 0 {
			continue
		}
		err := openable(1)
		if err == nil {
			break
		}
		if pid, name := hostProcess(); pid > 0 {
			fmt.Fprintf(os.Stderr, "kubekeep-nsenter: PID 1's namespaces cannot be opened (%v); entering those of the host's %s (pid %d) instead\n", err, name, pid)
			args[target] = strconv.Itoa(pid)
		}
		break
	}
	err := syscall.Exec(realNsenter, args, os.Environ())
	fmt.Fprintf(os.Stderr, "kubekeep-nsenter: exec %s: %v\n", realNsenter, err)
	os.Exit(127)
}
