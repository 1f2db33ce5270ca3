#!/usr/bin/env bash
# Prism (pinned in package.json) checks the generated client, and the example service, against
# spec/, in two runs of examples/call_every_operation.rs (every operation, every parameter):
#
# 1. mock: Prism serves spec/ as a validating mock (--errors: a request that breaks the spec is
#    answered with an error, not mocked). Prism must validate every request and find nothing.
# 2. proxy: Prism validates each request, forwards it to the example service on the generated
#    server, and validates the response it gets back; nothing may break the spec either way.
#
# One exception in each run, a Prism limitation rather than a finding: Prism takes a text/plain
# body only as a string. As a mock it cannot produce `$count`'s text/plain integer (500
# NO_COMPLEX_OBJECT_TEXT, after the request passed validation); as a proxy it checks the
# service's `42` as the string "42" against `type: integer`. The script requires exactly those
# and nothing else; reading the count is tested against the example service in
# generated/tests/crud.rs, and schemathesis checks the same response against the spec.
set -euo pipefail
cd "$(dirname "$0")/.."
source conformance/lib.sh

work=target/conformance
mkdir -p "$work"
[[ -x conformance/node_modules/.bin/prism ]] ||
  npm ci --prefix conformance --no-audit --no-fund --loglevel=error
cargo build --quiet -p device-compliance-user-status --example call_every_operation --example server
prism=conformance/node_modules/.bin/prism
spec=spec/device-compliance-user-status.yaml

failed=0
expect() {  # expect DESCRIPTION COMMAND...
  local description=$1
  shift
  if "$@"; then echo "ok: $description"; else echo "FAILED: $description" >&2; failed=1; fi
}
count_in() { grep -ci -- "$2" "$1" || true; }

# call_every_operation BASE TOKEN OUTPUT: its exit status goes to $status.
call_every_operation() {
  status=0
  timeout 120 target/debug/examples/call_every_operation --base "$1" --token "$2" >"$3" || status=$?
  cat "$3"
  sleep 0.5  # let Prism flush its log
}

# The client's results: every operation but $count succeeded; $count got Prism's 500.
expect_all_but_count() {
  expect "the client succeeded on the five other operations" test "$(grep -c '^ok ' "$1")" -eq 5
  expect "the one failure is \$count answered 500 by Prism" \
    grep -q '^FAILED count: the service answered 500' "$1"
  expect "call_every_operation exited 1 for that one failure, not for a crash" test "$status" -eq 1
}

echo "-- prism mock"
log=$work/prism-mock.log
calls=$work/prism-mock-calls.txt
port=$(free_port)
start_background "$log" "$prism" mock "$spec" --host 127.0.0.1 --port "$port" --errors
wait_for_port "$port" 60
call_every_operation "http://127.0.0.1:$port" conformance-token "$calls"
expect "Prism validated 6 requests and all passed" \
  test "$(count_in "$log" 'The request passed the validation rules')" -eq 6
expect "Prism reported no request violation" test "$(count_in "$log" 'violation')" -eq 0
expect "the only Prism error is the unmockable text/plain \$count" \
  test "$(grep -- '✖' "$log" | grep -vc 'userStatuses/\$count .*NO_COMPLEX_OBJECT_TEXT' || true)" -eq 0
expect_all_but_count "$calls"

echo "-- prism proxy to the example service"
log=$work/prism-proxy.log
calls=$work/prism-proxy-calls.txt
start_example_service "$work/prism-proxy-service.log"
port=$(free_port)
start_background "$log" "$prism" proxy "$spec" "http://127.0.0.1:$service_port/beta" \
  --host 127.0.0.1 --port "$port" --errors
wait_for_port "$port" 60
call_every_operation "http://127.0.0.1:$port" "$token" "$calls"
expect "Prism forwarded 6 requests and the service answered each" \
  test "$(count_in "$log" 'has returned 2')" -eq 6
expect "the only Prism error is on the text/plain \$count" \
  test "$(grep -- '✖' "$log" | grep -vc 'userStatuses/\$count .*VIOLATIONS' || true)" -eq 0
count_url="http://127.0.0.1:$port/deviceManagement/deviceCompliancePolicies/p/userStatuses/\$count"
violations=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $token" "$count_url" |
  tr -d '\r' | sed -n 's/^sl-violations: //p')
expect "and that error is the text read as a string, nothing else" test "$violations" = \
  '[{"location":["response","body"],"severity":"Error","code":"type","message":"Response body must be integer"}]'
expect_all_but_count "$calls"

if ((failed)); then
  echo "Prism's logs: $work/prism-*.log" >&2
  exit 1
fi
