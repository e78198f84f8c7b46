#!/bin/sh
# Regenerates the override-file golden outputs from the cases next to them:
#   tests/tools/override-corpus/regenerate.sh
# Needs Debian's golang-go and golang-gopkg-yaml.v3-dev. The Argo CD Image Updater marshals with sigs.k8s.io's fork of
# go-yaml v3, whose only difference that matters here is Encoder.CompactSeqIndent; compact-seq-indent.patch adds it
# to a private copy of Debian's go-yaml v3.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
corpus="$here/../../ImageUpdater.WriteBack.Git.Tests/Editing/golden/override-corpus"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/gopkg.in" "$work/src/override-corpus"
cp -r /usr/share/gocode/src/gopkg.in/yaml.v3 "$work/src/gopkg.in/yaml.v3"
(cd "$work/src/gopkg.in" && patch -s -p0 < "$here/compact-seq-indent.patch")
cp "$here/main.go" "$work/src/override-corpus/"
(cd "$work/src/override-corpus" && GO111MODULE=off GOPATH="$work" GOCACHE="$work/cache" go build -o "$work/override-corpus" .)
"$work/override-corpus" "$corpus" "$corpus"
