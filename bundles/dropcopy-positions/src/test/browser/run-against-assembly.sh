#!/usr/bin/env bash
# Boots a copy of the built assembly (karaf-assembly/target/assembly) on spare ports with the simulator's realistic
# scenario (fills, busts, corrections, spreads), runs dashboard-test.mjs in headless Chromium against it, and stops it.
# Screenshots: bundles/dropcopy-positions/target/browser/. The build runs the same script from itests' AssemblyTest;
# this is for running it alone. Usage (from the repository root, after mvn install):
#   bundles/dropcopy-positions/src/test/browser/run-against-assembly.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../../../../.." && pwd)"
command -v chromium >/dev/null 2>&1 || { apt-get update -q && apt-get install -y -q chromium; }
work="$(mktemp -d)"
cp -r "$root/karaf-assembly/target/assembly" "$work/karaf"
cd "$work/karaf"
http=${HTTP_PORT:-18481}; ssh=${SSH_PORT:-18401}; fix=${FIX_PORT:-18490}
sed -i "s/^org.osgi.service.http.port = .*/org.osgi.service.http.port = $http/" etc/org.ops4j.pax.web.cfg
sed -i "s/^sshPort = .*/sshPort = $ssh/" etc/org.apache.karaf.shell.cfg
sed -i "s/^rmiRegistryPort = .*/rmiRegistryPort = $((ssh + 1))/; s/^rmiServerPort = .*/rmiServerPort = $((ssh + 2))/" etc/org.apache.karaf.management.cfg
sed -i "s/127.0.0.1:19000/127.0.0.1:$fix/" etc/io.dropcopy.session-demo.cfg
sed -i "s/^port = 19000/port = $fix/; s/^scenario = .*/scenario = realistic/; s/^rate = .*/rate = 10/" etc/io.dropcopy.simulator-demo.cfg
bin/start
trap 'bin/stop || true; sleep 5; rm -rf "$work"' EXIT
# the HTTP port answers (404) before the dashboard's servlet is registered: wait for a 2xx
for _ in $(seq 1 300); do
  curl -sf -o /dev/null "http://127.0.0.1:$http/dropcopy/" && break
  sleep 1
done
DASHBOARD_ETC="$work/karaf/etc" DASHBOARD_JOURNAL="$work/karaf/data/dropcopy" \
DASHBOARD_BUST_MS=${DASHBOARD_BUST_MS:-180000} node --experimental-websocket --no-warnings \
  "$root/bundles/dropcopy-positions/src/test/browser/dashboard-test.mjs" "http://127.0.0.1:$http" karaf karaf \
  "$root/bundles/dropcopy-positions/target/browser"
