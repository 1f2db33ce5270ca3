# Shared by the conformance scripts: a free loopback port, waiting for a listener, and a
# background process that is stopped when the script exits however it exits.

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_for_port PORT SECONDS: until something accepts connections on 127.0.0.1:PORT.
wait_for_port() {
  local port=$1 deadline=$((SECONDS + $2))
  until python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), timeout=1).close()" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      echo "nothing listens on 127.0.0.1:$port after $2 s" >&2
      return 1
    fi
    sleep 0.5
  done
}

# start_background LOG COMMAND...: runs COMMAND with output to LOG; killed on exit.
background_pids=()
start_background() {
  local log=$1
  shift
  "$@" >"$log" 2>&1 &
  background_pids+=($!)
}
stop_background() {
  for pid in "${background_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}
trap stop_background EXIT

# start_example_service LOG: the example service of the generated crate (built beforehand with
# `cargo build --example server`) on a free loopback port with a random bearer token; sets
# $service_port and $token, and returns once it accepts connections.
start_example_service() {
  service_port=$(free_port)
  token=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  start_background "$1" target/debug/examples/server --listen "127.0.0.1:$service_port" --token "$token"
  wait_for_port "$service_port" 30
}
