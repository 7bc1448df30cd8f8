#!/usr/bin/env bash
# Side-by-side whole-process benchmark (issue 4 acceptance): `kubectl ds validate --strict`
# against `kubernetes-validate --strict` (PyPI) on the same set of DaemonSet manifest files, in
# one hyperfine run. Target: kubectl-ds at least 100x faster (mean wall time).
#
# The files are copies of the six realistic agents under tests/data/validate/valid/ (calico-node,
# cilium, fluentd, kube-proxy, node-exporter, NVIDIA device plugin), one DaemonSet per file, each
# copy with its own name. kubectl-ds is given the directory (it walks it itself);
# kubernetes-validate is given the file list (it takes no directories).
#
# Exit codes differ by design and both runs do their whole work: kubernetes-validate checks the
# schema only and passes every file (exit 0); `kubectl ds validate --strict` also turns the
# DaemonSet warnings these agents carry (no resource requests, tolerate-everything) into errors
# (exit 1). The script checks those exit codes once before timing, then times with hyperfine -i.
#
# It prints the figures and whether the target is met; it exits 0 either way (a measurement,
# not a test), 3 when a tool is missing.
#
# Usage: benches/validate_vs.sh [N]   (N files, default 600)
# Needs: hyperfine (apt-get install -y hyperfine); kubernetes-validate
#        (pip install kubernetes-validate; it ships the Kubernetes schemas and runs offline).
# Environment: RUNS (default 5), WARMUP (default 1), KEEP=1 keeps the file directory,
#        CARGO_TARGET_DIR as for cargo.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-600}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}

for tool in hyperfine kubernetes-validate python3; do
  command -v "$tool" >/dev/null || {
    echo "missing $tool (apt-get install -y hyperfine; pip install kubernetes-validate)" >&2
    exit 3
  }
done

echo "== build (release)"
cargo build --release --locked --quiet
BIN="${CARGO_TARGET_DIR:-target}/release/kubectl-ds"

DIR=$(mktemp -d /tmp/validate-vs.XXXXXX)
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$DIR"' EXIT

echo "== prepare $N files in $DIR"
AGENTS=(calico-node cilium fluentd kube-proxy node-exporter nvidia-device-plugin)
for ((i = 0; i < N; i++)); do
  a=${AGENTS[$((i % ${#AGENTS[@]}))]}
  # The first `name: <agent>` line is the DaemonSet's own name: make every copy distinct.
  sed "0,/name: $a/s//name: $a-$i/" "tests/data/validate/valid/$a.yaml" \
    >"$DIR/ds-$(printf %05d "$i").yaml"
done
FILES=("$DIR"/*.yaml)
echo "files: ${#FILES[@]}, $(du -sb "$DIR" | cut -f1) bytes"

echo "== machine"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "kubectl-ds: $("$BIN" --version)"
echo "kubernetes-validate: $(kubernetes-validate --version 2>&1 | head -1)"

echo "== exit codes and findings (once, before timing)"
set +e
"$BIN" validate --strict -f "$DIR" >"$DIR.ours.txt" 2>&1
ours_rc=$?
kubernetes-validate --strict "${FILES[@]}" >"$DIR.theirs.txt" 2>&1
theirs_rc=$?
set -e
echo "kubectl-ds validate --strict: exit $ours_rc; $(tail -1 "$DIR.ours.txt")"
echo "kubernetes-validate --strict: exit $theirs_rc; $(grep -c ' passed ' "$DIR.theirs.txt") files passed"
rm -f "$DIR.ours.txt" "$DIR.theirs.txt"
if [ "$ours_rc" -gt 1 ] || [ "$theirs_rc" -ne 0 ]; then
  echo "unexpected exit codes (kubectl-ds 0 or 1, kubernetes-validate 0 expected)" >&2
  exit 1
fi

echo "== hyperfine"
JSON="$DIR.hyperfine.json"
hyperfine --warmup "$WARMUP" --runs "$RUNS" -i --export-json "$JSON" \
  -n "kubectl-ds validate --strict" "$BIN validate --strict -f $DIR > /dev/null" \
  -n "kubernetes-validate --strict" "kubernetes-validate --strict ${FILES[*]} > /dev/null"

python3 - "$JSON" "$N" <<'EOF'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
n = int(sys.argv[2])
ours, theirs = results[0], results[1]
ratio = theirs["mean"] / ours["mean"]
for r in results:
    print(f'{r["command"]}: mean {r["mean"]*1000:.1f} ms ± {r["stddev"]*1000:.1f} ms, '
          f'user {r["user"]*1000:.1f} ms, system {r["system"]*1000:.1f} ms, '
          f'{n / r["mean"]:.0f} files/s')
print(f"kubectl-ds is {ratio:.0f}x faster (target: at least 100x): "
      + ("met" if ratio >= 100 else "NOT met"))
EOF
rm -f "$JSON"
