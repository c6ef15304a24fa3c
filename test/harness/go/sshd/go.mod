// Wrapper module: a small SSH server (golang.org/x/crypto/ssh) for the ssh
// executor's tests, so they need no system OpenSSH server.
module kubekeep.dev/sandbox/sshd

go 1.25.0

require golang.org/x/crypto v0.45.0

require golang.org/x/sys v0.38.0 // indirect
