#!/usr/bin/env bash
# Builds main.go against Debian's docker/distribution 2.8 reference package with distribution-v3-grammar.patch
# applied, and runs it on identifiers.jsonl; the JSON lines go to standard output. See README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
debian=/usr/share/gocode/src/github.com/docker/distribution
[ -f "$debian/reference/normalize.go" ] || { echo "missing $debian: apt-get install -y golang-go golang-github-docker-distribution-dev" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A GOPATH of our own whose patched copy shadows Debian's (GOPATH mode: Debian ships no module cache).
# Only the reference package is copied; the rest of distribution (and go-digest) comes from Debian's GOPATH.
mkdir -p "$work/gopath/src/github.com/docker/distribution" "$work/gopath/src/reference-corpus"
cp -r "$debian/reference" "$work/gopath/src/github.com/docker/distribution/reference"
chmod -R u+w "$work/gopath/src/github.com/docker/distribution/reference"
patch --quiet -p1 -d "$work/gopath/src/github.com/docker/distribution/reference" < "$here/distribution-v3-grammar.patch"
cp "$here/main.go" "$work/gopath/src/reference-corpus/"
cd "$work/gopath/src/reference-corpus"
GO111MODULE=off GOPATH="$work/gopath:/usr/share/gocode" GOCACHE="$work/cache" go build -o "$work/reference-corpus" .
"$work/reference-corpus" < "$here/identifiers.jsonl"
