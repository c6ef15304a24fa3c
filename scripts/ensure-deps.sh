#!/bin/sh
# Installs the npm dependencies (Node 24 among them, from the registry's `node`
# package) when node_modules is missing or older than package-lock.json, so
# `npm test` and `npm run demo` work on a fresh clone with no other step.
set -eu
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "kubekeep: installing npm dependencies (npm ci)" >&2
  npm ci --no-audit --no-fund
fi
