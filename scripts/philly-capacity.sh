#!/bin/sh
# Sizes the 15 sites of examples/networks/philly-15.yaml from the Philly trace.
#
# The trace does not give the size of any virtual cluster (VC), so each site gets enough cards of
# its model that the VC's offered work would keep it about 70% busy over the trace span, and never
# fewer cards than the VC's largest job, rounded up to whole nodes of 8 cards:
#
#   work_P  = sum(duration * num_gpus) * 18.7e-3 / 3600   P·h, run times being on P100 (18.7 TFLOPS)
#   span_h  = last submission - first submission, hours (whole trace, same for every VC)
#   cards   = max(ceil(work_P / span_h / 0.7 / model_pflops), max num_gpus), rounded up to 8
#
# Model figures come from catalog/accelerators.yaml. See docs/studies/philly-capacity.md.
# Usage: scripts/philly-capacity.sh [path/to/philly.csv]   (default: ../shared/traces/philly/philly.csv
# next to the repository).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
trace=${1:-"$root/../shared/traces/philly/philly.csv"}
catalog="$root/catalog/accelerators.yaml"
if [ ! -r "$trace" ]; then
    echo "philly-capacity: cannot read trace '$trace'; pass its path as the first argument" >&2
    exit 2
fi

# The accelerator model of each VC's site; keep in step with examples/networks/philly-15.yaml.
models='0e4a51 T4
103959 H200
11cb48 H20
23dbec MLU590
2869ce H100-SXM
51b7ef A100-40GB
6214e9 Ascend-910B
6c71a0 V100-16GB
795a4c T4
7f04ca V100-32GB
925e2b MLU370-X8
b436b2 P100
e13805 A100-80GB
ed69ec A10
ee9e8c P100'

echo "$models" | awk -v catalog="$catalog" -v trace="$trace" '
# Days since a fixed origin for a proleptic Gregorian date (POSIX awk has no mktime).
function days(y, m, d) {
    if (m <= 2) { y--; m += 12 }
    return 365 * y + int(y / 4) - int(y / 100) + int(y / 400) + int((153 * (m - 3) + 2) / 5) + d
}
function seconds(ts,    p, dt, tm) {
    split(ts, p, " "); split(p[1], dt, "-"); split(p[2], tm, ":")
    return days(dt[1] + 0, dt[2] + 0, dt[3] + 0) * 86400 + tm[1] * 3600 + tm[2] * 60 + tm[3]
}
function ceil(x) { return x == int(x) ? x : int(x) + 1 }
BEGIN {
    FS = " "
    while ((getline line < catalog) > 0) {
        if (line ~ /^  - id: /) { id = line; sub(/^  - id: */, "", id) }
        else if (line ~ /^    fp16_tflops: /) { v = line; sub(/^    fp16_tflops: */, "", v); tflops[id] = v + 0 }
    }
    close(catalog)
    if (!("P100" in tflops)) { print "philly-capacity: P100 missing from " catalog > "/dev/stderr"; exit 2 }
}
{ model[$1] = $2; if (!($2 in tflops)) { print "philly-capacity: model " $2 " not in " catalog > "/dev/stderr"; bad = 1 } }
END {
    if (bad) exit 2
    FS = ","
    first = -1; last = -1
    while ((getline line < trace) > 0) {
        n = split(line, f, ",")
        if (n < 5 || f[1] == "timestamp") continue
        t = seconds(f[1])
        if (first < 0 || t < first) first = t
        if (last < 0 || t > last) last = t
        c = f[5]; jobs[c]++; cardsec[c] += f[2] * f[3]
        if (f[3] + 0 > maxg[c]) maxg[c] = f[3] + 0
    }
    span = (last - first) / 3600
    ref = tflops["P100"] / 1000
    printf "trace span: %.1f h (first to last submission); target load 70%%; nodes of 8 cards\n\n", span
    print "| cluster | jobs | work P·h | max gpus | model | cards for 70% | cards | nodes | load |"
    print "|---|---:|---:|---:|---|---:|---:|---:|---:|"
    total = 0
    for (c in jobs) order[++k] = c
    # Sort cluster ids (insertion sort; 15 entries).
    for (i = 2; i <= k; i++) { v = order[i]; for (j = i - 1; j > 0 && order[j] > v; j--) order[j + 1] = order[j]; order[j + 1] = v }
    for (i = 1; i <= k; i++) {
        c = order[i]
        if (!(c in model)) { print "philly-capacity: no model chosen for cluster " c > "/dev/stderr"; exit 2 }
        work = cardsec[c] * ref / 3600
        p = tflops[model[c]] / 1000
        byload = ceil(work / span / 0.7 / p)
        cards = byload < maxg[c] ? maxg[c] : byload
        nodes = ceil(cards / 8)
        load = work / span / (nodes * 8 * p)
        printf "| %s | %d | %.1f | %d | %s | %d | %d | %d | %.0f%% |\n", c, jobs[c], work, maxg[c], model[c], byload, nodes * 8, nodes, load * 100
        total += work
    }
    printf "\ntotal work %.1f P·h over %.1f h: %.2f P on average\n", total, span, total / span
}'
