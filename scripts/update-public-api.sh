#!/usr/bin/env bash
# Regenerates the public API baseline of every library package in src/ (PublicAPI.Unshipped.txt) from the code, with
# what Microsoft.CodeAnalysis.PublicApiAnalyzers reports (RS0016: a public symbol not yet listed).
# Run it after changing or merging public API, review the diff of src/*/PublicAPI.Unshipped.txt, and commit it.
#
#   scripts/update-public-api.sh            regenerate every library package, then build them to prove the files hold
#   scripts/update-public-api.sh --no-build regenerate only (skip the second, checking build)
#
# A new project under src/ gets its PublicAPI.Shipped.txt (header only) and PublicAPI.Unshipped.txt here; from then on
# build/PublicApi.targets tracks it. Executables (the CLI, a tool) are not tracked. The files are sorted ordinally, so a
# second run changes nothing. Shipped entries are never edited here: moving Unshipped to Shipped is a release step.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
verify=1
[ "${1:-}" = "--no-build" ] && verify=0

header='#nullable enable'
projects=()
for csproj in src/*/*.csproj; do
  # The same rule as build/PublicApi.targets: libraries are tracked, executables and tools are not.
  if grep -qiE '<OutputType>\s*Exe\s*</OutputType>|<PackAsTool>\s*true\s*</PackAsTool>' "$csproj"; then
    continue
  fi
  projects+=("$csproj")
done
[ ${#projects[@]} -gt 0 ] || { echo "No library project under src/" >&2; exit 1; }

for csproj in "${projects[@]}"; do
  dir="$(dirname "$csproj")"
  [ -f "$dir/PublicAPI.Shipped.txt" ] || printf '%s\n' "$header" > "$dir/PublicAPI.Shipped.txt"
  # Start from the header only: the fixer then adds exactly what the code declares public today.
  printf '%s\n' "$header" > "$dir/PublicAPI.Unshipped.txt"
done

# Build them once with warnings left as warnings: the analyzer then reports each public symbol missing from the files
# (RS0016) with the exact line the file needs, nullability included. (`dotnet format analyzers --diagnostics RS0016`
# applies the same fixer but, tried here with dotnet format 10, often wrote nothing.) Resetting the files above makes
# every package compile again, so no report is lost to an up-to-date build.
mkdir -p artifacts
filter="artifacts/public-api.slnf"
{
  printf '{ "solution": { "path": "../ImageUpdater.Core.sln", "projects": ['
  sep=""
  for csproj in "${projects[@]}"; do printf '%s"%s"' "$sep" "$csproj"; sep=", "; done
  printf '] } }\n'
} > "$filter"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
echo "Building ${#projects[@]} packages to collect their public API ..."
dotnet build "$filter" -v q --nologo -p:TreatWarningsAsErrors=false -p:WarningsAsErrors= > "$log" 2>&1 || { cat "$log"; exit 1; }

# "src/X/File.cs(1,2): warning RS0016: Symbol 'API LINE' is not part of the declared public API (...) [.../src/X/X.csproj]"
for csproj in "${projects[@]}"; do
  dir="$(dirname "$csproj")"
  file="$dir/PublicAPI.Unshipped.txt"
  name="$(basename "$csproj")"
  grep -F "warning RS0016: " "$log" | grep -F "/$dir/$name]" \
    | sed -E "s/.*warning RS0016: Symbol '(.*)' is not part of the declared public API.*/\1/" >> "$file" || true
done

# Sorted ordinally with Unix line endings and the header first, so the files are stable whatever the build's order.
for csproj in "${projects[@]}"; do
  file="$(dirname "$csproj")/PublicAPI.Unshipped.txt"
  body="$(tr -d '\r' < "$file" | grep -v -x -F "$header" | grep -v '^[[:space:]]*$' | LC_ALL=C sort -u || true)"
  if [ -n "$body" ]; then printf '%s\n%s\n' "$header" "$body"; else printf '%s\n' "$header"; fi > "$file"
done

if [ "$verify" -eq 1 ]; then
  # The analyzer is the judge: with warnings as errors again, any RS0016/RS0017 left fails the build, and this script.
  echo "Checking the files with a normal build ..."
  dotnet build "$filter" -v q --nologo
fi
git status --short -- 'src/*/PublicAPI.*.txt'
