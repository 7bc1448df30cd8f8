#!/usr/bin/env bash
# End-to-end scale benchmark (issue 2 acceptance): `explain-placement` for one DaemonSet on a
# synthetic snapshot of 5,000 nodes and 150,000 pods, whole process, against
# `jq '.items|length'` on the same file, side by side in one hyperfine run; then peak RSS of
# kubectl-ds against the file size.
#
# Targets: wall time <= 0.25x jq; peak RSS <= 2x the file size. The script prints the figures
# and whether each target is met; it exits 0 either way (it is a measurement, not a test).
#
# Usage: benches/scale.sh [SNAPSHOT]   (default /tmp/big.json; generated when missing with
#        ../shared/tools/gen_cluster.py 5000 30 SNAPSHOT). Needs hyperfine, jq and GNU time
#        (Debian: apt-get install -y hyperfine jq time).
# Environment: DS (default kube-proxy), NS (default kube-system), RUNS (default 10),
#        CARGO_TARGET_DIR as for cargo.
set -euo pipefail
cd "$(dirname "$0")/.."

SNAPSHOT=${1:-/tmp/big.json}
DS=${DS:-kube-proxy}
NS=${NS:-kube-system}
RUNS=${RUNS:-10}
GEN=../shared/tools/gen_cluster.py
[ -f "$GEN" ] || GEN=/work/shared/tools/gen_cluster.py

for tool in hyperfine jq /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install -y hyperfine jq time)" >&2; exit 3; }
done

echo "== build (release)"
cargo build --release --quiet
BIN="${CARGO_TARGET_DIR:-target}/release/kubectl-ds"

if [ ! -f "$SNAPSHOT" ]; then
  echo "== generate $SNAPSHOT"
  python3 "$GEN" 5000 30 "$SNAPSHOT"
fi
SIZE=$(stat -c %s "$SNAPSHOT")
echo "snapshot: $SNAPSHOT, $SIZE bytes, $(nproc) cores"

CMD="$BIN explain-placement $DS -n $NS --snapshot $SNAPSHOT -o json > /dev/null"
JQ="jq '.items|length' $SNAPSHOT"

echo "== wall time (hyperfine, one run, side by side)"
JSON=$(mktemp)
trap 'rm -f "$JSON" "$JSON.time"' EXIT
hyperfine --warmup 2 --runs "$RUNS" --export-json "$JSON" -n kubectl-ds "$CMD" -n jq "$JQ"

echo "== peak RSS (/usr/bin/time -v)"
/usr/bin/time -v -o "$JSON.time" sh -c "$CMD"
RSS_KB=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$JSON.time")
/usr/bin/time -v -o "$JSON.time" sh -c "$JQ > /dev/null"
JQ_RSS_KB=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$JSON.time")

python3 - "$JSON" "$SIZE" "$RSS_KB" "$JQ_RSS_KB" <<'EOF'
import json, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
size, rss, jq_rss = int(sys.argv[2]), int(sys.argv[3]) * 1024, int(sys.argv[4]) * 1024
ds, jq = runs["kubectl-ds"]["mean"], runs["jq"]["mean"]
print(f"kubectl-ds mean {ds*1e3:.0f} ms, jq mean {jq*1e3:.0f} ms: ratio {ds/jq:.3f} "
      f"(target <= 0.25: {'met' if ds/jq <= 0.25 else 'NOT met'})")
print(f"kubectl-ds peak RSS {rss/2**20:.1f} MiB, file {size/2**20:.1f} MiB: ratio {rss/size:.2f} "
      f"(target <= 2: {'met' if rss/size <= 2 else 'NOT met'}); jq peak RSS {jq_rss/2**20:.1f} MiB")
EOF
