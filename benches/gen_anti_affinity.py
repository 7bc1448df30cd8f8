#!/usr/bin/env python3
"""Add inter-pod anti-affinity to a gen_cluster.py snapshot, for `cargo bench --bench placement`
with the InterPodAffinity filter in play (docs/performance.md).

    python3 benches/gen_anti_affinity.py /tmp/big.json /tmp/big-anti.json

The `svc-0` pods (one per node) get a required anti-affinity to `app=svc-0` over the hostname;
fluent-bit's template an anti-affinity to a label no pod has (every pod is scanned, none
matches); node-exporter's an anti-affinity to `app=svc-1` (one pod on every node: it fails on
every node, and preemption is asked everywhere).
"""
import json
import sys


def anti(app, key="kubernetes.io/hostname"):
    return {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
        {"labelSelector": {"matchLabels": {"app": app}}, "topologyKey": key}]}}


def main(src, dst):
    with open(src) as f:
        doc = json.load(f)
    for item in doc["items"]:
        if item["kind"] == "Pod" and item["metadata"].get("labels", {}).get("app") == "svc-0":
            item["spec"]["affinity"] = anti("svc-0")
        if item["kind"] == "DaemonSet":
            spec = item["spec"]["template"]["spec"]
            name = item["metadata"]["name"]
            if name == "fluent-bit":
                spec["affinity"] = anti("never-there")
            if name == "node-exporter":
                spec["affinity"] = anti("svc-1")
    with open(dst, "w") as f:
        json.dump(doc, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
