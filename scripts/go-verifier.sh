#!/usr/bin/env bash
# Builds the independent log verifier (tests/Suanwang.Server.Tests/Audit/verifier/main.go) with
# Go's golang.org/x/mod/sumdb/note and sumdb/tlog from Debian's packages, and prints the path of
# the binary on the last line of stdout (everything else goes to stderr).
#
#   go-verifier.sh SOURCE_FOLDER OUTPUT_FOLDER
#
# Installs golang-go and golang-golang-x-mod-dev when missing (needs root). Builds without modules
# (GO111MODULE=off), against the Debian source tree under /usr/share/gocode/src: no network.
set -euo pipefail

source=${1:?usage: go-verifier.sh SOURCE_FOLDER OUTPUT_FOLDER}
output=${2:?usage: go-verifier.sh SOURCE_FOLDER OUTPUT_FOLDER}
gopath=/usr/share/gocode

say() { echo "go-verifier.sh: $*" >&2; }

# Two test runs at once must not both run apt.
exec 9>/tmp/suanwang-go-verifier.lock
flock 9

if ! command -v go >/dev/null || [[ ! -f "$gopath/src/golang.org/x/mod/sumdb/tlog/tlog.go" ]]; then
    if [[ $(id -u) -ne 0 ]]; then
        say "Go or golang.org/x/mod is not installed and this is not root: install golang-go and golang-golang-x-mod-dev"
        exit 1
    fi
    say "installing golang-go and golang-golang-x-mod-dev"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends golang-go golang-golang-x-mod-dev >&2
fi

mkdir -p "$output/cache"
cd "$source"
GO111MODULE=off GOPATH="$gopath" GOCACHE="$output/cache" GOFLAGS= go build -o "$output/verifier" main.go >&2
echo "$output/verifier"
