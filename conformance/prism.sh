#!/usr/bin/env bash
# Prism (pinned in package.json) serves spec/ as a validating mock (--errors: a request that
# breaks the spec is answered with an error, not mocked); the generated client calls every
# operation against it (examples/call_every_operation.rs). Fails unless Prism validated every
# request and found nothing to object to.
#
# One exception, a Prism limitation rather than a finding: Prism's text/* serializer passes only
# strings, so it cannot mock `$count`'s text/plain integer and answers 500 NO_COMPLEX_OBJECT_TEXT
# after validating the request. For that operation the request check is all Prism can give; the
# client reading the count is tested against the example service in generated/tests/crud.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
source conformance/lib.sh

work=target/conformance
mkdir -p "$work"
[[ -x conformance/node_modules/.bin/prism ]] ||
  npm ci --prefix conformance --no-audit --no-fund --loglevel=error

cargo build --quiet -p device-compliance-user-status --example call_every_operation
port=$(free_port)
start_background "$work/prism.log" conformance/node_modules/.bin/prism mock \
  spec/device-compliance-user-status.yaml --host 127.0.0.1 --port "$port" --errors
wait_for_port "$port" 60

calls=$work/prism-calls.txt
status=0
timeout 120 target/debug/examples/call_every_operation \
  --base "http://127.0.0.1:$port" --token conformance-token >"$calls" || status=$?
cat "$calls"
sleep 0.5  # let Prism flush its log

failed=0
expect() {  # expect DESCRIPTION COMMAND...
  local description=$1
  shift
  if "$@"; then echo "ok: $description"; else echo "FAILED: $description" >&2; failed=1; fi
}
count_in_log() { grep -ci -- "$1" "$work/prism.log" || true; }
expect "Prism validated 6 requests and all passed" \
  test "$(count_in_log 'The request passed the validation rules')" -eq 6
expect "Prism reported no request violation" \
  test "$(count_in_log 'violation')" -eq 0
expect "the only Prism error is the unmockable text/plain \$count" \
  test "$(grep -- '✖' "$work/prism.log" | grep -vc 'userStatuses/\$count .*NO_COMPLEX_OBJECT_TEXT' || true)" -eq 0
expect "the client succeeded on the five operations Prism can mock" \
  test "$(grep -c '^ok ' "$calls")" -eq 5
expect "the one failure is \$count answered 500 by Prism" \
  grep -q '^FAILED count: the service answered 500' "$calls"
expect "call_every_operation exited 1 for that one failure, not for a crash" test "$status" -eq 1
if ((failed)); then
  echo "Prism's log: $work/prism.log" >&2
  exit 1
fi
