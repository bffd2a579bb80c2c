#!/usr/bin/env bash
# Runs every test of Tsunagu; works as root without prompts. Needs the .NET SDK and ../shared; installs Chromium, CJK
# fonts and npm, and installs and starts PostgreSQL from Debian's packages, when missing. SQL Server tests run when
# TSUNAGU_SQLSERVER holds a connection string.
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -d ../shared/dmn-tck ]; then
  echo "../shared/dmn-tck is missing: the conformance tests read the shared data beside the repository." >&2
  exit 1
fi

# The page journeys drive Debian's Chromium (never a downloaded browser) and need Japanese fonts; the build needs npm.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
command -v npm >/dev/null || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "The page tests need: ${missing[*]} (install them with apt-get as root)." >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# A throw-away PostgreSQL database for the PostgreSQL tests; when none can be had they are reported as skipped.
if TSUNAGU_POSTGRES=$(TSUNAGU_TEST_OWNER=$$ tests/servers/postgres.sh); then
  export TSUNAGU_POSTGRES
else
  echo "PostgreSQL is not available: its tests will be skipped." >&2
fi

log=$(mktemp)
# The tests' data folders (databases of demo cases) go to a temp directory of this run, removed when it ends. The build
# runs first with the usual one: build servers outlive the run and must not keep a removed directory.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tsunagu-tests.XXXXXX")
trap 'rm -rf "$log" "$scratch"' EXIT
status=0
if dotnet build Tsunagu.slnx -c Release 2>&1 | tee "$log"; then
  TMPDIR=$scratch MSBUILDDISABLENODEREUSE=1 dotnet test --solution Tsunagu.slnx -c Release --no-build 2>&1 | tee "$log" || status=$?
else
  status=1
fi

# The final "Test run summary" block counts every test project of the solution.
summary=$(awk '/Test run summary/{found=1} found' "$log")
total=$(echo "$summary" | awk '/total:/{print $2}' | tail -1)
failed=$(echo "$summary" | awk '/failed:/{print $2}' | tail -1)
passed=$(echo "$summary" | awk '/succeeded:/{print $2}' | tail -1)
skipped=$(echo "$summary" | awk '/skipped:/{print $2}' | tail -1)
if [ -z "$total" ]; then
  echo "0 passed, 1 failed"
  exit 1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
