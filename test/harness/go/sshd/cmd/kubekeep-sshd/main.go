// Command kubekeep-sshd is the small SSH server the tests run the ssh
// executor against, so they need no system OpenSSH server (and no root
// setup such as /run/sshd). It implements just what kubekeep's ssh executor
// uses through the OpenSSH client: public-key authentication against an
// authorized_keys file, and exec requests run with `bash -c <command>`, the
// channel's data as the command's stdin, its stdout and stderr sent back, and
// its exit status reported. Commands run as the user running the server.
//
//	kubekeep-sshd -listen 127.0.0.1:0 -host-key host_key -authorized-keys authorized_keys
//
// It prints "listening on <host>:<port>" on stderr once it accepts connections.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/exec"
	"syscall"

	"golang.org/x/crypto/ssh"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on (loopback only in tests)")
	hostKeyFile := flag.String("host-key", "", "private host key file (OpenSSH or PEM format)")
	authorizedKeysFile := flag.String("authorized-keys", "", "authorized_keys file of the accepted client keys")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("kubekeep-sshd: ")
	if *hostKeyFile == "" || *authorizedKeysFile == "" {
		log.Fatal("-host-key and -authorized-keys are required")
	}

	hostKey, err := loadHostKey(*hostKeyFile)
	if err != nil {
		log.Fatal(err)
	}
	authorized, err := loadAuthorizedKeys(*authorizedKeysFile)
	if err != nil {
		log.Fatal(err)
	}
	config := &ssh.ServerConfig{
		PublicKeyCallback: func(meta ssh.ConnMetadata, key ssh.PublicKey) (*ssh.Permissions, error) {
			for _, k := range authorized {
				if bytes.Equal(k.Marshal(), key.Marshal()) {
					return &ssh.Permissions{}, nil
				}
			}
			return nil, fmt.Errorf("key %s of %s is not in %s", ssh.FingerprintSHA256(key), meta.User(), *authorizedKeysFile)
		},
	}
	config.AddHostKey(hostKey)

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("listening on %s", ln.Addr())
	for {
		conn, err := ln.Accept()
		if err != nil {
			log.Fatal(err)
		}
		go serve(conn, config)
	}
}

func loadHostKey(file string) (ssh.Signer, error) {
	pem, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	signer, err := ssh.ParsePrivateKey(pem)
	if err != nil {
		return nil, fmt.Errorf("host key %s: %w", file, err)
	}
	return signer, nil
}

func loadAuthorizedKeys(file string) ([]ssh.PublicKey, error) {
	rest, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var keys []ssh.PublicKey
	for len(bytes.TrimSpace(rest)) > 0 {
		key, _, _, next, err := ssh.ParseAuthorizedKey(rest)
		if err != nil {
			return nil, fmt.Errorf("authorized keys %s: %w", file, err)
		}
		keys = append(keys, key)
		rest = next
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("authorized keys %s: no key", file)
	}
	return keys, nil
}

func serve(conn net.Conn, config *ssh.ServerConfig) {
	sc, chans, reqs, err := ssh.NewServerConn(conn, config)
	if err != nil {
		log.Printf("%s: handshake: %v", conn.RemoteAddr(), err)
		return
	}
	defer sc.Close()
	log.Printf("%s: %s authenticated", sc.RemoteAddr(), sc.User())
	// Keepalives (ServerAliveInterval) and other global requests get "no".
	go ssh.DiscardRequests(reqs)
	for nc := range chans {
		if nc.ChannelType() != "session" {
			_ = nc.Reject(ssh.UnknownChannelType, "only session channels")
			continue
		}
		ch, requests, err := nc.Accept()
		if err != nil {
			log.Printf("accept channel: %v", err)
			continue
		}
		go session(ch, requests)
	}
}

// session runs the first exec (or shell) request of a channel; env, pty and
// other requests are refused, as an sshd without AcceptEnv would.
func session(ch ssh.Channel, requests <-chan *ssh.Request) {
	defer ch.Close()
	for req := range requests {
		var command string
		switch req.Type {
		case "exec":
			var payload struct{ Command string }
			if err := ssh.Unmarshal(req.Payload, &payload); err != nil {
				_ = req.Reply(false, nil)
				continue
			}
			command = payload.Command
		case "shell":
			command = "exec bash"
		default:
			if req.WantReply {
				_ = req.Reply(false, nil)
			}
			continue
		}
		_ = req.Reply(true, nil)
		status := run(ch, command)
		_, _ = ch.SendRequest("exit-status", false, ssh.Marshal(struct{ Status uint32 }{status}))
		go ssh.DiscardRequests(requests)
		return
	}
}

func run(ch ssh.Channel, command string) uint32 {
	cmd := exec.Command("bash", "-c", command)
	cmd.Stdout = ch
	cmd.Stderr = ch.Stderr()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		fmt.Fprintf(ch.Stderr(), "kubekeep-sshd: %v\n", err)
		return 255
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(ch.Stderr(), "kubekeep-sshd: %v\n", err)
		return 127
	}
	// The client's stdin until its EOF; a command that exits first just stops reading.
	go func() {
		_, _ = io.Copy(stdin, ch)
		_ = stdin.Close()
	}()
	err = cmd.Wait()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + uint32(ws.Signal())
		}
		return uint32(exit.ExitCode())
	default:
		fmt.Fprintf(ch.Stderr(), "kubekeep-sshd: %v\n", err)
		return 255
	}
}
