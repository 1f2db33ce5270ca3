#!/usr/bin/env bash
# Schemathesis (pinned in requirements.txt) drives the example service built on the generated
# server from spec/, with a valid bearer token and every check, and fails on any finding.
# Usage: conformance/schemathesis.sh [extra schemathesis options, e.g. --seed N]
set -euo pipefail
cd "$(dirname "$0")/.."
source conformance/lib.sh

work=$PWD/target/conformance
venv=$work/venv
mkdir -p "$work"
if [[ ! -x $venv/bin/schemathesis ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r conformance/requirements.txt
fi

cargo build --quiet -p device-compliance-user-status --example server
start_example_service "$work/server.log"

cd "$work"  # schemathesis writes its cache next to where it runs
timeout 600 "$venv/bin/schemathesis" run "$OLDPWD/spec/device-compliance-user-status.yaml" \
  --url "http://127.0.0.1:$service_port/beta" \
  --header "Authorization: Bearer $token" \
  --checks all \
  --max-examples 100 \
  --no-color \
  "$@"
