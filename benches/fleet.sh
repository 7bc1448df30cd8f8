#!/usr/bin/env bash
# Fleet benchmark (issue 14 acceptance): `rollout status DS --watch=false` across 20 local API
# servers that each add 0.1 s to every request (a remote control plane), against the same
# command on one of them, side by side in one hyperfine run. Target: fleet wall <= 2x one.
# Then the failure case: the 20 plus one cluster that refuses connections and one that never
# answers in time (--request-timeout 2s): every other cluster's answer printed, exit 3, wall
# bounded by the timeout.
#
# Usage: benches/fleet.sh   (needs hyperfine, python3 with aiohttp+pyyaml for fakeapi)
# Environment: N (clusters, default 20), LATENCY (default 0.1), RUNS (default 10),
#        BIN (a built kubectl-ds; default: cargo build --release), CARGO_TARGET_DIR as for cargo. Prints figures; exits 0 either way (a measurement).
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-20}
LATENCY=${LATENCY:-0.1}
RUNS=${RUNS:-10}
FAKEAPI=../shared/tools/fakeapi/start.sh
[ -f "$FAKEAPI" ] || FAKEAPI=/work/shared/tools/fakeapi/start.sh
FIXTURE=examples/demo-cluster.yaml

if [ -z "${BIN:-}" ]; then
  echo "== build (release)"
  cargo build --release --quiet
  BIN="$(realpath "${CARGO_TARGET_DIR:-target}")/release/kubectl-ds"
fi

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "== start $N fakeapi servers, --latency $LATENCY"
KCS=()
for i in $(seq -w 1 "$N"); do
  port=$(free_port)
  PIDS+=("$(bash "$FAKEAPI" "$port" "$FIXTURE" "$WORK/c$i.yaml" "" --context-name "c$i" --latency "$LATENCY")")
  KCS+=("$WORK/c$i.yaml")
done
FLEET=$(IFS=:; echo "${KCS[*]}")
export KUBECONFIG=$FLEET

ONE="$BIN rollout status logging/fluentd --watch=false --context c01"
ALL="$BIN rollout status logging/fluentd --watch=false --all-contexts"
echo "== one cluster vs all $N ($(nproc) cores)"
hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$WORK/h.json" "$ONE" "$ALL"
python3 - "$WORK/h.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
one, all_ = r[0]["mean"], r[1]["mean"]
print(f"one: {one*1000:.0f} ms, all: {all_*1000:.0f} ms, ratio {all_/one:.2f}x (target <= 2x: {'met' if all_/one <= 2 else 'NOT met'})")
EOF

echo "== plus one cluster down (connection refused) and one hanging (latency 5 s), --request-timeout 2s"
port=$(free_port)
sed "s/127.0.0.1:[0-9]*/127.0.0.1:$port/; s/c01/down/g" "$WORK/c01.yaml" > "$WORK/down.yaml"
port=$(free_port)
PIDS+=("$(bash "$FAKEAPI" "$port" "$FIXTURE" "$WORK/hang.yaml" "" --context-name hang --latency 5)")
export KUBECONFIG=$FLEET:$WORK/down.yaml:$WORK/hang.yaml
start=$(date +%s.%N)
set +e
"$BIN" rollout status logging/fluentd --watch=false --all-contexts --request-timeout 2s > "$WORK/out.txt"
code=$?
set -e
end=$(date +%s.%N)
answered=$(grep -c "Waiting for daemon set\|successfully rolled out" "$WORK/out.txt" || true)
echo "exit $code, wall $(python3 -c "print(f'{$end-$start:.2f}')") s, clusters answered: $answered of $N"
tail -1 "$WORK/out.txt"
