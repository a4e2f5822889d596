#!/usr/bin/env bash
# Installs the Debian packages the extension's sandbox, demo and tests need on a fresh machine:
# Chromium (end-to-end tests), libkrb5-dev and a C toolchain (code-server's native modules),
# PostgreSQL and PgBouncer (the sandbox database), OpenSSL (the sandbox CA), the AWS CLI and dig.
# Skips apt entirely when everything is already installed. Needs root (or sudo).
set -euo pipefail

PACKAGES=(chromium libkrb5-dev build-essential python3 postgresql pgbouncer openssl awscli dnsutils ca-certificates)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "Debian packages already installed: ${PACKAGES[*]}"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "install-deps: need root to install: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "Installing Debian packages: ${missing[*]}"
start=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q "${missing[@]}"
echo "Debian packages installed in $(( $(date +%s) - start )) s"
