#!/usr/bin/env bash
# Builds main.go against Debian's Masterminds/semver 3.2 with semver-3.4-rules.patch applied, and runs it on
# inputs.jsonl; the JSON lines go to standard output. See README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
debian=/usr/share/gocode/src/github.com/Masterminds/semver
[ -f "$debian/constraints.go" ] || { echo "missing $debian: apt-get install -y golang-go golang-github-masterminds-semver-dev" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A GOPATH of our own whose patched copy shadows Debian's (GOPATH mode: Debian ships no module cache).
mkdir -p "$work/gopath/src/github.com/Masterminds" "$work/gopath/src/semver-corpus"
cp -r "$debian" "$work/gopath/src/github.com/Masterminds/semver"
chmod -R u+w "$work/gopath/src/github.com/Masterminds/semver"
patch --quiet -p1 -d "$work/gopath/src/github.com/Masterminds/semver" < "$here/semver-3.4-rules.patch"
cp "$here/main.go" "$work/gopath/src/semver-corpus/"
cd "$work/gopath/src/semver-corpus"
GO111MODULE=off GOPATH="$work/gopath:/usr/share/gocode" GOCACHE="$work/cache" go build -o "$work/semver-corpus" .
"$work/semver-corpus" < "$here/inputs.jsonl"
