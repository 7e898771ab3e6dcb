#!/usr/bin/env bash
# Installs Debian's chromium when it is missing: the status page test loads the page in a real
# headless browser (console errors, rendered components, a screenshot under target/).
# Idempotent: does nothing when a chromium binary is already there. Without apt-get it only
# warns; the browser test then skips with a message saying chromium is absent.
set -euo pipefail

for candidate in chromium chromium-browser; do
  if command -v "$candidate" >/dev/null 2>&1; then
    exit 0
  fi
done

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: apt-get not available; the status page browser test will be skipped" >&2
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

export DEBIAN_FRONTEND=noninteractive
# --no-install-recommends keeps it to the browser and its libraries (no desktop extras); the
# fonts package gives the headless screenshot readable text.
packages=(chromium fonts-dejavu-core)
if ! $sudo apt-get install -y --no-install-recommends "${packages[@]}"; then
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends "${packages[@]}"
fi
