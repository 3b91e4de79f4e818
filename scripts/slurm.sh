#!/usr/bin/env bash
# Starts a one-node Slurm cluster named "suanwang" on this machine, for the agent's Slurm backend
# and its tests. Debian 12, as root:
#
#   scripts/slurm.sh
#
# Installs slurm-wlm and munge when they are missing, creates a munge key when there is none,
# writes /etc/slurm/slurm.conf from deploy/slurm/slurm.conf, starts munged, slurmctld and slurmd,
# and waits until the node takes jobs. A second run reuses the daemons that are already running;
# it restarts them only when the generated configuration changed. Logs: /var/log/slurm.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
template="$root/deploy/slurm/slurm.conf"
conf=/etc/slurm/slurm.conf
marker="# Suanwang's one-node Slurm cluster"
host=$(hostname -s)
cpus=$(nproc)
wait_seconds=${SLURM_WAIT_SECONDS:-90}

say() { echo "slurm.sh: $*"; }
fail() { echo "slurm.sh: $*" >&2; exit 1; }

# alive PIDFILE: the daemon whose pid the file holds is running.
alive() { [[ -s "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# node_state: the node's state as sinfo prints it (idle, mixed, allocated, down*, drained, ...).
node_state() { sinfo -h -N -n "$host" -o %T 2>/dev/null | head -n 1; }

[[ $(id -u) -eq 0 ]] || fail "run as root: it installs packages and starts system daemons"
[[ -f "$template" ]] || fail "missing $template"

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null \
  || ! command -v munged >/dev/null; then
  say "installing slurm-wlm and munge"
  export DEBIAN_FRONTEND=noninteractive
  # Keep the packages' own service starts out of the way: this script starts the daemons itself.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    own_policy=1
  fi
  apt-get update -q
  apt-get install -y -q --no-install-recommends slurm-wlm munge
  if [[ $own_policy -eq 1 ]]; then
    rm -f "$policy"
  fi
fi

# munge: one key shared by every daemon of the cluster (here: one machine).
mkdir -p /etc/munge /var/lib/munge /var/log/munge /run/munge
if [[ ! -s /etc/munge/munge.key ]]; then
  say "creating /etc/munge/munge.key"
  if command -v mungekey >/dev/null; then
    mungekey --create --keyfile=/etc/munge/munge.key
  else
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
  fi
fi
chown -R munge:munge /etc/munge /var/lib/munge /var/log/munge /run/munge
chmod 0700 /etc/munge /var/lib/munge /var/log/munge
chmod 0755 /run/munge
chmod 0400 /etc/munge/munge.key
if ! munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
  say "starting munged"
  runuser -u munge -- /usr/sbin/munged
  for _ in $(seq 1 50); do
    munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1 && break
    sleep 0.1
  done
  munge -n </dev/null | unmunge >/dev/null 2>&1 || fail "munged did not start; see /var/log/munge/munged.log"
fi

# Configuration: refuse to replace a slurm.conf that this script did not write.
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
generated=$(sed -e "s/@HOST@/$host/g" -e "s/@CPUS@/$cpus/g" "$template")
changed=0
if [[ -f $conf ]]; then
  head -n 1 "$conf" | grep -qF "$marker" || fail "$conf exists and was not written by this script; leaving it alone"
  [[ "$(cat "$conf")" == "$generated" ]] || changed=1
else
  changed=1
fi
if [[ $changed -eq 1 ]]; then
  say "writing $conf (node $host, $cpus CPUs)"
  printf '%s\n' "$generated" >"$conf"
  # A daemon started on the old configuration must not keep it.
  for pidfile in /run/slurmd.pid /run/slurmctld.pid; do
    if alive "$pidfile"; then
      kill "$(cat "$pidfile")"
      for _ in $(seq 1 100); do alive "$pidfile" || break; sleep 0.1; done
    fi
  done
fi

if ! alive /run/slurmctld.pid; then
  say "starting slurmctld"
  slurmctld
fi
if ! alive /run/slurmd.pid; then
  say "starting slurmd"
  slurmd -N "$host"
fi

# Wait until the node takes jobs. A node left down by an earlier unclean stop is resumed.
deadline=$((SECONDS + wait_seconds))
while :; do
  state=$(node_state || true)
  case "$state" in
    idle | mixed | allocated | completing)
      say "node $host is $state"
      exit 0
      ;;
    down* | drain* | drained*)
      scontrol update NodeName="$host" State=RESUME >/dev/null 2>&1 || true
      ;;
  esac
  if ((SECONDS >= deadline)); then
    echo "slurm.sh: node $host is '${state:-unknown}' after ${wait_seconds}s" >&2
    tail -n 20 /var/log/slurm/slurmctld.log /var/log/slurm/slurmd.log >&2 || true
    exit 1
  fi
  sleep 0.5
done
