#!/usr/bin/env bash
# Installs Debian's prometheus-alertmanager when it is missing, without letting the package
# start its system service (which would listen on all interfaces): the alert dispatcher's
# Alertmanager test starts its own instance on a loopback port with gossip off.
# Idempotent: does nothing when the binary is already there.
set -euo pipefail

if command -v prometheus-alertmanager >/dev/null 2>&1; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-alertmanager: apt-get not available; the Alertmanager test will be skipped" >&2
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

# policy-rc.d exiting 101 tells invoke-rc.d not to start services during the install.
# Only remove it afterwards if we created it.
policy=/usr/sbin/policy-rc.d
created_policy=false
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod 755 "$policy"
  created_policy=true
fi
cleanup() {
  if [ "$created_policy" = true ]; then
    $sudo rm -f "$policy"
  fi
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y --no-install-recommends prometheus-alertmanager; then
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends prometheus-alertmanager
fi
