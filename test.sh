#!/usr/bin/env bash
# Runs every test of the solution in Release. Needs only the .NET SDK and, for what the tests
# install, root and Debian's apt: the PostgreSQL tests run scripts/postgres.sh (installs the
# postgresql package when missing, starts a private cluster on 127.0.0.1), the Slurm tests run
# scripts/slurm.sh (installs slurm-wlm and munge when missing, starts a one-node cluster). Both
# are stopped at the end when this run started them. The trace tests read the full public traces
# from ../shared/traces (or $SUANWANG_TRACES) and otherwise the samples in tests/data/traces;
# the few that check facts of a whole trace are then not run, and the closing line says so. The
# model tests read ../shared/models (or $SUANWANG_MODELS) and are likewise listed when it is absent.
set -euo pipefail
cd "$(dirname "$0")"

# The tests start PostgreSQL (scripts/postgres.sh) and Slurm (scripts/slurm.sh) when they need
# them; whatever was not running before this run is stopped when it ends.
pg_port=${SUANWANG_PG_PORT:-5432}
pg_dir=${SUANWANG_PG_DIR:-/tmp/suanwang-pg-$pg_port}
answers() { (exec 3<>"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; }
running() { pgrep -x "$1" >/dev/null 2>&1; }
had_postgres=0; answers && had_postgres=1
had_slurm=0; running slurmctld && had_slurm=1
had_munge=0; running munged && had_munge=1
stop_started() {
    if [[ $had_postgres -eq 0 && -f "$pg_dir/data/postmaster.pid" ]]; then
        pg_ctl=$(ls -d /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -n 1)
        if [[ -n "$pg_ctl" ]]; then
            echo "test.sh: stopping the PostgreSQL server the tests started"
            if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null || true
            else "$pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null || true; fi
        fi
    fi
    if [[ $had_slurm -eq 0 ]] && running slurmctld; then
        echo "test.sh: stopping the Slurm daemons the tests started"
        pkill -x slurmd || true
        pkill -x slurmctld || true
    fi
    if [[ $had_munge -eq 0 ]] && running munged; then pkill -x munged || true; fi
}

dotnet build Suanwang.slnx -c Release -warnaserror
log=$(mktemp)
trap 'rm -f "$log"; stop_started' EXIT
status=0
dotnet test Suanwang.slnx -c Release --no-build 2>&1 | tee "$log" || status=$?
# One closing line over all test projects: "N passed, N failed, N skipped".
awk '/(Passed|Failed)!  - Failed:/ {
        for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     } END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
# A test not run says why: the whole-trace tests when only the samples were found, the
# immutable-file test where chattr cannot make a file immutable.
skipped=$(grep -c '^  Skipped ' "$log" || true)
if [[ $skipped -gt 0 ]]; then
    echo "$skipped not run:"
    grep '^  Skipped ' "$log" | sed 's/^  Skipped /  /; s/ \[.*//'
    if ! ls -d ../shared/traces >/dev/null 2>&1 && [[ -z "${SUANWANG_TRACES:-}" ]]; then
        echo "  (the whole-trace tests need the full public traces: set SUANWANG_TRACES or put shared/traces beside the repository; scripts/download-traces.sh fetches them)"
    fi
    if ! ls ../shared/models/*.gguf >/dev/null 2>&1 && [[ -z "${SUANWANG_MODELS:-}" ]]; then
        echo "  (the model tests need a GGUF model: set SUANWANG_MODELS or put shared/models beside the repository)"
    fi
fi
exit "$status"
