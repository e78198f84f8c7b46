#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need, builds, runs every test project,
# and prints "N passed, N failed" as its last line. Exits non-zero when any test fails.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/install-test-deps.sh || { echo "Installing test dependencies failed"; exit 1; }

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet build ImageUpdater.Core.sln -c Release --nologo -v q 2>&1 | tee "$log" | grep -E "error|Warn|Elapsed" || true
if ! grep -q "Build succeeded" "$log"; then
  echo "Build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# A test that hangs is killed after 5 minutes; the run then names it ("The test running when the crash occurred").
dotnet test ImageUpdater.Core.sln -c Release --no-build --nologo \
  --blame-hang-timeout 5min --blame-hang-dump-type none 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one summary line per test assembly: "Passed!  - Failed: 0, Passed: 36, Skipped: 0, ..."
passed=$(grep -E "(Passed|Failed)! +- Failed:" "$log" | sed -E 's/.*Passed: *([0-9]+).*/\1/' | awk '{s+=$1} END {print s+0}')
failed=$(grep -E "(Passed|Failed)! +- Failed:" "$log" | sed -E 's/.*Failed: *([0-9]+),.*/\1/' | awk '{s+=$1} END {print s+0}')
passed=${passed:-0}
failed=${failed:-0}
# A hung or crashed test host prints no summary line for its assembly, only "Test Run Aborted.": one failure each.
aborted=$(grep -c "^Test Run Aborted" "$log")
failed=$((failed + aborted))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # a crash or a project that did not run counts as a failure
fi
echo "${passed} passed, ${failed} failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
