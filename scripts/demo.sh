#!/usr/bin/env bash
# One command for a fresh machine: installs what the demo needs (Debian packages, npm packages,
# code-server), then starts the sandbox (a local EC2/STS emulator, a PlanetScale API stand-in,
# PostgreSQL + PgBouncer over TLS and a DNS server) and VS Code in the browser with the extension
# installed and pointed at the sandbox. It prints the URL to open. Ctrl+C stops everything.
# With a real AWS account and PlanetScale token, install the .vsix instead (see README).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/install-deps.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  npm ci --no-audit --no-fund
fi
bash scripts/install-code-server.sh
npm run package
# Most users run VS Code on a laptop outside the VPC: the demo starts there (verification goes
# through an instance in the VPC); pass --vantage vpc to be the application instance instead.
exec npm run sandbox -- --vantage laptop "$@"
