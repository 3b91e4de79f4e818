#!/usr/bin/env bash
# Runs every test of the solution in Release. Needs only the .NET SDK; the workload traces are
# read from ../shared/traces (or $SUANWANG_TRACES) where the trace tests need them.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build Suanwang.slnx -c Release -warnaserror
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Suanwang.slnx -c Release --no-build 2>&1 | tee "$log" || status=$?
# One closing line over all test projects: "N passed, N failed, N skipped".
awk '/(Passed|Failed)!  - Failed:/ {
        for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
