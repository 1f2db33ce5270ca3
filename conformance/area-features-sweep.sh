#!/usr/bin/env bash
# Every fixture spec generated with one feature per area (`features:path`, or the mode given as
# the first argument), each crate built with no area and with each area alone (with `server`
# and `client`), under clippy -D warnings. Not in CI (one cargo run per area); see
# docs/testing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
by="${1:-path}"
work="$PWD/target/area-sweep-$by"
rm -rf "$work/crates"
mkdir -p "$work/crates"
cargo build --release -p xtask -q
members=()
for spec in generator/tests/fixtures/*.yaml; do
  stem=$(basename "$spec" .yaml)
  name="sweep-$stem"
  ./target/release/xtask codegen --spec "$spec" --out "$work/crates/$name" --crate-name "$name" \
    --select "features:$by" >/dev/null 2>&1
  members+=("\"crates/$name\"")
done
(IFS=,; printf '[workspace]\nresolver = "2"\nmembers = [%s]\n' "${members[*]}") >"$work/Cargo.toml"
cp Cargo.lock "$work/Cargo.lock"
export CARGO_TARGET_DIR="$PWD/target/scratch-target"
builds=0
failed=0
for dir in "$work"/crates/*; do
  name=$(basename "$dir")
  # The area features: the names after the comment that introduces them.
  areas=$(sed -n '/^# One feature per area/,$p' "$dir/Cargo.toml" | sed -n 's/^\([a-z0-9-]*\) = \[\]$/\1/p')
  has_operations=$(grep -q '^server = ' "$dir/Cargo.toml" && echo yes || echo no)
  for area in "" $areas; do
    features="$area"
    if [ "$has_operations" = yes ]; then
      features="${area:+$area,}server,client"
    fi
    builds=$((builds + 1))
    if ! (cd "$work" && cargo clippy -q -p "$name" --no-default-features --features "$features" -- -D warnings) \
      >"$work/last.log" 2>&1; then
      failed=$((failed + 1))
      echo "FAILED: $name with [$features]"
      head -40 "$work/last.log"
    fi
  done
done
echo "$builds builds, $failed failed"
[ "$failed" -eq 0 ]
