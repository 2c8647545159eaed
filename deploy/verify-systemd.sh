#!/usr/bin/env bash
# Checks deploy/suarawarga.service with `systemd-analyze verify` where systemd is
# installed (paths pointed at this checkout, since /opt/suarawarga may not exist here).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "systemd-analyze not available: skipping the systemd unit check"
  exit 0
fi
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
node_bin="$(command -v node)"
sed -e "s#/opt/suarawarga#$PWD#g" -e "s#/usr/bin/node#$node_bin#" deploy/suarawarga.service > "$dir/suarawarga.service"
# User= must exist for verify; the unit is checked as it is otherwise.
id suarawarga >/dev/null 2>&1 || sed -i -e 's/^User=.*/User=root/' -e 's/^Group=.*/Group=root/' "$dir/suarawarga.service"
out="$(SYSTEMD_LOG_LEVEL=warning systemd-analyze verify "$dir/suarawarga.service" 2>&1 || true)"
# Outside a booted systemd (containers) verify complains about the manager, not the unit.
problems="$(printf '%s\n' "$out" | grep -F 'suarawarga.service' || true)"
if [ -n "$problems" ]; then
  printf '%s\n' "$problems" >&2
  echo "deploy/suarawarga.service: systemd-analyze verify found problems" >&2
  exit 1
fi
echo "deploy/suarawarga.service: systemd-analyze verify ok"
