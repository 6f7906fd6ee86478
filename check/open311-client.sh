#!/usr/bin/env bash
# Runs Code for America's Open311 client for Node.js (npm "open311" 0.0.12, node-open311), unchanged, against a
# running platform's /open311/v2: discovery, services, every definition, a POST with the answers its definition
# requires, the token if one is answered (none is: the id is known at once), the request by id and by a list of ids,
# the list filtered, a multivaluelist sent as this client sends one, and a wrong api_key. Exits non-zero at the first step the client cannot take.
# Usage: check/open311-client.sh [BASE_URL] [LAT LONG]   (default http://localhost:8080/open311/v2/, a point of the
#        demo's grid FS-1-01; the api key is $OPEN311_KEY or the demo's demo-open311-key)
# The client's JSON format is used: its XML parsers are a git dependency no registry serves (sparkxml) and a native
# module (xml2json/node-expat), so they are replaced by stubs that throw if called. Its HTTP library (request 2.11) and
# lodash 0.6 are the versions its package.json asks for.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/open311-client
if [[ ! -f $dir/node_modules/open311/open311.js ]]; then
  rm -rf "$dir" && mkdir -p "$dir/node_modules"
  # the client itself unpacked after npm's install, which would remove it as extraneous
  (cd "$dir" && npm install --silent --no-save --no-package-lock request@2.11.4 lodash@0.6.1 >/dev/null \
    && npm pack --silent open311@0.0.12 >/dev/null && mkdir -p node_modules/open311 \
    && tar xzf open311-0.0.12.tgz -C node_modules/open311 --strip-components=1)
  for m in sparkxml xml2json; do
    mkdir -p "$dir/node_modules/$m"
    echo "module.exports = new Proxy({}, {get: () => () => { throw new Error('$m: the XML format is not checked here'); }});" \
      > "$dir/node_modules/$m/index.js"
  done
fi
BASE=${1:-http://localhost:8080/open311/v2/} LAT=${2:-34.51} LONG=${3:-118.6935} NODE_PATH="$PWD/$dir/node_modules" \
  node check/open311-client.js
