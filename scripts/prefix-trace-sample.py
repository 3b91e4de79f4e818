#!/usr/bin/env python3
"""Writes the hand-made JSON-lines inference trace with prefix block ids used by the tests
(tests/data/traces/token-prefix/sessions.jsonl): six applications, each with its own system
prompt, and multi-turn sessions whose every turn resends the session so far. Block ids are
chained: one id per distinct prefix of 512-token blocks, as in Mooncake's traces. Fixed seed."""
import json
import random
import sys

rng = random.Random(20231116)
BLOCK = 512
next_id = 0
ids = {}


def block_id(prefix):
    global next_id
    if prefix not in ids:
        ids[prefix] = next_id
        next_id += 1
    return ids[prefix]


apps = [tuple(("sys", a, k) for k in range(rng.randint(2, 6))) for a in range(6)]
requests = []
for session in range(60):
    app = rng.randrange(len(apps))
    blocks = list(apps[app])
    at = rng.uniform(0, 55_000)
    for turn in range(rng.randint(2, 8)):
        blocks += [("turn", session, turn, k) for k in range(rng.randint(1, 2))]
        if len(blocks) > 13:
            break
        chain = [block_id(tuple(blocks[: i + 1])) for i in range(len(blocks))]
        tail = rng.randint(1, BLOCK - 1)
        requests.append({
            "timestamp": int(at),
            "input_length": (len(blocks) - 1) * BLOCK + tail,
            "output_length": rng.randint(20, 600),
            "hash_ids": chain,
        })
        at += rng.uniform(2_000, 12_000)

requests.sort(key=lambda r: r["timestamp"])
out = open(sys.argv[1], "w") if len(sys.argv) > 1 else sys.stdout
for r in requests:
    out.write(json.dumps(r, separators=(", ", ": ")) + "\n")
