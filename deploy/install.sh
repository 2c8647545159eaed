#!/usr/bin/env bash
# The one install recipe: .ci/run and deploy/Dockerfile both run this, so CI tests
# exactly what a server or container runs. Debian/Ubuntu.
#   deploy/install.sh                  Node dependencies (npm ci, no browser download)
#   deploy/install.sh --with-chromium  also Debian's Chromium (WhatsApp pilot, browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."

with_chromium=false
for arg in "$@"; do
  case "$arg" in
    --with-chromium) with_chromium=true ;;
    *) echo "unknown option $arg (use --with-chromium)" >&2; exit 2 ;;
  esac
done

if $with_chromium && [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian chromium (never a downloaded browser)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "warning: could not install chromium; the WhatsApp pilot and browser tests need it"
fi

# better-sqlite3 ships prebuilt binaries; without one for this platform it compiles (build-essential, python3).
export PUPPETEER_SKIP_DOWNLOAD=1
npm ci --no-audit --no-fund
