#!/usr/bin/env bash
# Runs the date-sensitive test suites with the machine clock moved to awkward days (libfaketime around the
# whole process tree: jest, the workers, Postgres, Chromium and the Java Temporal server that stands in for
# the Go dev server, whose clock libfaketime cannot move). Proves the suite does not depend on today's date.
#
#   npm run test:any-day                          # the default awkward days below
#   npm run test:any-day -- 2031-04-17T23:30-06:00 # any instants (Mexico City offset advised)
#   PLAZO_ANY_DAY_SUITES="test/cliCases" npm run test:any-day
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Each default is a day where a date bug shows, at an hour where Mexico City and UTC disagree on the date.
defaults=(
  "2027-01-29T17:30:00-06:00" # Friday before Monday 1 Feb 2027 (LFT art. 74 Monday; LFPA keeps 5 Feb)
  "2026-12-24T23:30:00-06:00" # Christmas Eve, 05:30 UTC on the 25th (a holiday)
  "2026-12-31T22:00:00-06:00" # year end, already 1 Jan in UTC
  "2030-09-30T23:00:00-06:00" # eve of 1 Oct in a transmission year (reform reading)
  "2030-12-01T09:00:00-06:00" # 1 Dec of a transmission year (LFPA as written), a Sunday
  "2028-02-29T12:00:00-06:00" # leap day
)
dates=("$@")
[ ${#dates[@]} -eq 0 ] && dates=("${defaults[@]}")

suites="${PLAZO_ANY_DAY_SUITES:-domain client test/cliCases test/apiContract test/accessMatrix test/payloadEncryption test/userAdmin test/webPages.browser test/adminPages.browser test/phoneFirst.browser}"

say() { printf '[any-day] %s\n' "$*"; }
bash scripts/setup.sh >/dev/null || { say "scripts/setup.sh failed; run it alone to see why"; exit 1; }

lib=""
for candidate in /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 /usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1; do
  [ -f "$candidate" ] && lib="$candidate" && break
done
if [ -z "$lib" ]; then
  sudo=""; [ "$(id -u)" != "0" ] && sudo="sudo"
  say "installing Debian's faketime (libfaketime)"
  $sudo apt-get update -qq >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq faketime >/dev/null 2>&1 || { say "apt-get install faketime failed"; exit 1; }
  lib="$(dpkg -L libfaketime 2>/dev/null | grep 'libfaketime.so.1$' | head -1)"
fi
[ -f "$lib" ] || { say "libfaketime not found"; exit 1; }

mkdir -p .data
failed=0
summary=()
for when in "${dates[@]}"; do
  target="$(date -d "$when" +%s 2>/dev/null)" || { say "not a date: $when"; exit 2; }
  offset=$(( target - $(date +%s) ))
  out=".data/any-day-$(date -u -d "@$target" +%Y%m%dT%H%M)Z.json"
  say "clock at $when (offset ${offset}s): $suites"
  # Offsets, not a fixed start ("@…"), so every process of the tree agrees on the time; monotonic clocks
  # stay real, which the JVM and libuv timers need.
  shift_by="${offset}s"; [ "$offset" -ge 0 ] && shift_by="+${offset}s"
  FAKETIME="$shift_by" FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_FORCE_MONOTONIC_FIX="${FAKETIME_FORCE_MONOTONIC_FIX:-0}" LD_PRELOAD="$lib" PLAZO_TEST_DEV_SERVER=test-server \
    npx jest --json --outputFile="$out" $suites >".data/any-day.log" 2>&1
  status=$?
  line="$(node scripts/testSummary.js "$out" | tail -1)"
  summary+=("$when  $line")
  if [ $status -ne 0 ]; then
    failed=1
    say "FAILED at $when: $line (log: .data/any-day.log)"
    node -e 'const r=require(process.argv[1]);for(const f of r.testResults)for(const t of f.assertionResults)if(t.status==="failed")console.log("  ✗ "+f.name.replace(process.cwd()+"/","")+" › "+t.fullName+"\n    "+(t.failureMessages[0]||"").split("\n").slice(0,6).join("\n    "))' "$root/$out"
    cp .data/any-day.log ".data/any-day-$(date -u -d "@$target" +%Y%m%dT%H%M)Z.log"
  fi
done
say "results:"
for s in "${summary[@]}"; do say "  $s"; done
exit $failed
