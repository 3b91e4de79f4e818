#!/usr/bin/env bash
# Regenerates the portal's map data (src/Suanwang.Portal/Map/world-110m.txt and
# country-centroids.txt) from Natural Earth outlines in npm world-atlas. Needs node and npm; the
# output is committed, so building and running the portal needs neither.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent world-atlas@2.0.2 i18n-iso-countries@7.14.0 >/dev/null
mkdir atlas iso
tar xzf world-atlas-2.0.2.tgz -C atlas --strip-components=1
tar xzf i18n-iso-countries-7.14.0.tgz -C iso --strip-components=1
node "$root/scripts/world-map.mjs" "$work/atlas" "$work/iso" "$root/src/Suanwang.Portal/Map"
