// Command kubekeep-workload is the real node's test workload: a container
// that runs until told to stop and then takes a real, configurable time to
// shut down, so evictions exercise real grace periods.
//
//	kubekeep-workload [-term-delay 5s] [-write /data/heartbeat]
//
// On SIGTERM it logs, waits -term-delay (or $TERM_DELAY), and exits 0; a
// grace period shorter than the delay ends it with SIGKILL instead, which is
// what a drain that ignores grace periods would look like. With -write it
// appends a line to that file every second (an emptyDir, say), so the volume
// is really used. `-v` prints a version and exits 0.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	delayDefault := 5 * time.Second
	if v := os.Getenv("TERM_DELAY"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			log.Fatalf("TERM_DELAY=%q: want a Go duration such as 5s", v)
		}
		delayDefault = d
	}
	delay := flag.Duration("term-delay", delayDefault, "how long to take to shut down after SIGTERM")
	write := flag.String("write", "", "a file to append a heartbeat line to every second")
	version := flag.Bool("v", false, "print the version and exit")
	flag.Parse()
	if *version {
		fmt.Println("kubekeep-workload 1.0")
		return
	}
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	host, _ := os.Hostname()
	log.Printf("%s running; SIGTERM takes %s", host, *delay)

	signals := make(chan os.Signal, 2)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case s := <-signals:
			log.Printf("%s received %s; exiting in %s", host, s, *delay)
			time.Sleep(*delay)
			log.Printf("%s exiting", host)
			os.Exit(0)
		case now := <-tick.C:
			if *write == "" {
				continue
			}
			f, err := os.OpenFile(*write, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
			if err != nil {
				log.Fatalf("heartbeat: %v", err)
			}
			fmt.Fprintf(f, "%s %s\n", host, now.UTC().Format(time.RFC3339))
			f.Close()
		}
	}
}
