#!/usr/bin/env bash
# Installs Debian's Chromium for the portal's browser tests when it is missing, and prints its
# path on the last line of stdout (everything else goes to stderr). Playwright's own browser
# download is never used: the tests drive this binary through LaunchOptions.ExecutablePath.
set -euo pipefail

say() { echo "chromium.sh: $*" >&2; }

# Two test runs starting at once must not both run apt.
exec 9>/tmp/suanwang-chromium.lock
flock 9

if [[ ! -x /usr/bin/chromium ]]; then
    if [[ $(id -u) -ne 0 ]]; then
        say "Chromium is not installed and this is not root: install the chromium package"
        exit 1
    fi
    say "installing Chromium"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends chromium fonts-noto-cjk >&2
fi

echo /usr/bin/chromium
