#!/usr/bin/env bash
# Installs the Debian packages that the browser and PostgreSQL tests drive:
# chromium (used by Playwright's Python package, never `playwright install`)
# and postgresql (a throwaway server started by the tests on loopback).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "system-deps: need root to install ${need[*]} (apt-get)" >&2; exit 1
    fi
else
    SUDO=""
fi
echo "system-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
