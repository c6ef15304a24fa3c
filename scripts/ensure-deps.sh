#!/bin/sh
# Checks the README's prerequisites with a message naming what is missing and
# how to get it, then installs the npm dependencies (Node 24 among them, from
# the registry's `node` package) when node_modules is missing or older than
# package-lock.json, so `npm test` and `npm run demo` work on a fresh clone
# with no other step. Everything else (the sandbox cluster, act, actionlint,
# the tests' SSH server) is built from Go modules on first use.
set -eu
cd "$(dirname "$0")/.."

missing=""
need() { # need <command> <what it is for> <how to get it>
  command -v "$1" >/dev/null 2>&1 || missing="${missing}
  - $1 ($2): $3"
}

go=""
for candidate in "${GO:-}" go /usr/local/go/bin/go; do
  if [ -n "$candidate" ] && "$candidate" version >/dev/null 2>&1; then go=$candidate; break; fi
done
if [ -z "$go" ]; then
  missing="${missing}
  - go 1.25 or newer (builds the sandbox's components): https://go.dev/dl/, or set GO=/path/to/go"
else
  version=$("$go" env GOVERSION | sed 's/^go//')
  major=${version%%.*}
  rest=${version#*.}
  minor=${rest%%.*}
  if [ "$major" -lt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -lt 25 ]; }; then
    missing="${missing}
  - go 1.25 or newer (found $version at $go): https://go.dev/dl/"
  fi
fi
need openssl "the sandbox's certificates" "apt-get install openssl"
if [ "${npm_lifecycle_event:-}" = pretest ]; then
  need git "the workflow tests' throwaway repository" "apt-get install git"
  need ssh "the ssh executor and its test" "apt-get install openssh-client"
  need ssh-keygen "the ssh executor's test" "apt-get install openssh-client"
  need shellcheck "npm run check's shell lint (lint:shell)" "apt-get install shellcheck"
fi
if [ -n "$missing" ]; then
  echo "kubekeep: missing prerequisites (see README.md, Quick start):$missing" >&2
  exit 1
fi

# shellcheck disable=SC3013 # -nt: not POSIX, but dash (Debian's sh) and bash have it
if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "kubekeep: installing npm dependencies (npm ci)" >&2
  npm ci --no-audit --no-fund
fi
