#!/usr/bin/env bash
# Installs the npm package @cedar-policy/cedar-wasm for the data-law differential test into a
# cache folder outside the repository, or reuses it, and prints the folder holding node_modules on
# the last line of stdout (everything else goes to stderr).
#
#   SUANWANG_CEDAR_DIR      the cache folder (default ${XDG_CACHE_HOME:-$HOME/.cache}/suanwang/cedar-wasm)
#   SUANWANG_CEDAR_VERSION  the package version (default 4.13.0)
#
# node and npm are installed with apt when missing (needs root).
set -euo pipefail

version=${SUANWANG_CEDAR_VERSION:-4.13.0}
dir=${SUANWANG_CEDAR_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/suanwang/cedar-wasm}/$version

say() { echo "cedar.sh: $*" >&2; }

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    say "installing node and npm"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends nodejs npm >&2
fi

mkdir -p "$dir"
# Two test runs starting at once must not both install into the folder.
exec 9>"$dir/.lock"
flock 9
if [[ ! -f "$dir/node_modules/@cedar-policy/cedar-wasm/nodejs/cedar_wasm.js" ]]; then
    say "installing @cedar-policy/cedar-wasm@$version into $dir"
    npm install --prefix "$dir" --no-audit --no-fund "@cedar-policy/cedar-wasm@$version" >&2
fi

echo "$dir"
