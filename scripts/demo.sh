#!/usr/bin/env bash
# The main job, end to end on local components. Until the update cycle lands, it evaluates update policies with
# `image-updater test` over the sample tag list in samples/tags.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dotnet build src/ImageUpdater.Cli -c Release --nologo -v q >/dev/null
cli=(dotnet artifacts/bin/ImageUpdater.Cli/release/image-updater.dll)

run() {
  echo "\$ image-updater $*"
  "${cli[@]}" "$@"
  echo
}

run test nginx --tags-from samples/tags.txt
run test nginx --tags-from samples/tags.txt --semver-constraint '~1.25'
run test ghcr.io/acme/web --tags-from samples/tags.txt --semver-constraint '>=1.26.0-0' --ignore-tags '*-alpine' --output json
run test nginx --tags-from samples/tags.txt --update-strategy alphabetical --allow-tags 'regexp:^[0-9]' --output json
