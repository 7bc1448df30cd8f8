#!/usr/bin/env python3
"""Regenerates examples/demo-cluster.yaml (run from the repository root after `cargo build`)."""
import json, copy, yaml
items = []
T0 = "2026-11-20T08:00:00Z"
def node(name, labels=None, taints=None, unsched=False, ready=True, cpu="3900m", mem="15Gi", pods="110"):
    l = {"kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64"}
    l.update(labels or {})
    spec = {}
    if taints: spec["taints"] = taints
    if unsched: spec["unschedulable"] = True
    items.append({"apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "uid": "uid-" + name, "labels": l, "creationTimestamp": "2026-11-01T00:00:00Z"},
        "spec": spec,
        "status": {"capacity": {"cpu": "4", "memory": "16Gi", "pods": pods},
                   "allocatable": {"cpu": cpu, "memory": mem, "pods": pods, "ephemeral-storage": "95Gi"},
                   "conditions": [{"type": "Ready", "status": "True" if ready else "Unknown",
                                   "reason": "KubeletReady" if ready else "NodeStatusUnknown",
                                   "lastTransitionTime": "2026-11-20T07:00:00Z"}],
                   "nodeInfo": {"kubeletVersion": "v1.34.1"}}})
node("cp-1", {"node-role.kubernetes.io/control-plane": ""}, [{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}])
node("worker-1"); node("worker-2")
node("worker-3", taints=[{"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule", "timeAdded": T0}], unsched=True)
node("worker-4", ready=False, taints=[{"key": "node.kubernetes.io/unreachable", "effect": "NoSchedule", "timeAdded": T0},
                                     {"key": "node.kubernetes.io/unreachable", "effect": "NoExecute", "timeAdded": T0}])
for g in ("gpu-1", "gpu-2"):
    node(g, {"pool": "gpu", "nvidia.com/gpu.present": "true"}, [{"key": "nvidia.com/gpu", "value": "present", "effect": "NoSchedule"}], cpu="15900m", mem="62Gi")
node("small-1", {"pool": "edge"}, cpu="900m", mem="2Gi")
nodes = [i["metadata"]["name"] for i in items]
for ns in ("kube-system", "logging", "monitoring", "gpu-operator", "shop"):
    items.append({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": ns, "uid": "uid-ns-" + ns}})
# The two PriorityClasses every API server creates (preemption reads them).
for pc, value, what in (("system-cluster-critical", 2000000000, "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."),
                        ("system-node-critical", 2000001000, "Used for system critical pods that must not be moved from their current node.")):
    items.append({"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass", "metadata": {"name": pc, "uid": "uid-pc-" + pc},
                  "value": value, "preemptionPolicy": "PreemptLowerPriority", "description": what})

def ds(ns, name, template_spec, hashes, max_unavail=1, annotations=None):
    labels = {"app.kubernetes.io/name": name}
    tmpl = {"metadata": {"labels": labels}, "spec": template_spec}
    uid = f"uid-ds-{name}"
    d = {"apiVersion": "apps/v1", "kind": "DaemonSet",
         "metadata": {"name": name, "namespace": ns, "uid": uid, "generation": len(hashes),
                      "creationTimestamp": "2026-11-02T00:00:00Z", "resourceVersion": "1000",
                      "annotations": {"deprecated.daemonset.template.generation": str(len(hashes)), **(annotations or {})}},
         "spec": {"selector": {"matchLabels": labels}, "template": tmpl,
                  "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": max_unavail, "maxSurge": 0}},
                  "revisionHistoryLimit": 10},
         "status": {}}
    items.append(d)
    return d, uid

def revision(d, uid, n, h, template, cause=None):
    ann = {"deprecated.daemonset.template.generation": str(n)}
    if cause: ann["kubernetes.io/change-cause"] = cause
    items.append({"apiVersion": "apps/v1", "kind": "ControllerRevision",
        "metadata": {"name": f"{d['metadata']['name']}-{h}", "namespace": d["metadata"]["namespace"], "uid": f"uid-cr-{h}",
                     "labels": {**template["metadata"]["labels"], "controller-revision-hash": h},
                     "annotations": ann, "creationTimestamp": f"2026-11-{10+n:02d}T00:00:00Z",
                     "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": d["metadata"]["name"], "uid": uid, "controller": True, "blockOwnerDeletion": True}]},
        "data": {"spec": {"template": {**copy.deepcopy(template), "$patch": "replace"}}}, "revision": n})

pod_seq = [0]
def pod(ns, name, node_name, owner=None, labels=None, phase="Running", ready=True, containers=None, waiting=None, restarts=0,
        unbound_target=None, created="2026-11-21T10:00:00Z", sched_msg=None):
    pod_seq[0] += 1
    meta = {"name": name, "namespace": ns, "uid": f"uid-pod-{pod_seq[0]}", "labels": labels or {}, "creationTimestamp": created}
    if owner:
        meta["ownerReferences"] = [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": owner[0], "uid": owner[1], "controller": True, "blockOwnerDeletion": True}]
    spec = {"containers": containers or [{"name": "app", "image": "busybox"}]}
    if node_name: spec["nodeName"] = node_name
    if unbound_target:
        spec["affinity"] = {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
            {"matchFields": [{"key": "metadata.name", "operator": "In", "values": [unbound_target]}]}]}}}
    cs = [{"name": c["name"], "ready": ready and not waiting, "restartCount": restarts, "image": c["image"],
           "state": ({"waiting": {"reason": waiting, "message": "back-off 5m0s restarting failed container"}} if waiting else {"running": {"startedAt": created}})}
          for c in spec["containers"]] if phase == "Running" else []
    conds = [{"type": "Ready", "status": "True" if ready and not waiting else "False", "lastTransitionTime": created}]
    if phase == "Pending":
        conds = [{"type": "PodScheduled", "status": "False", "reason": "Unschedulable", "message": sched_msg or "", "lastTransitionTime": created}]
    items.append({"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec,
                  "status": {"phase": phase, "conditions": conds, "containerStatuses": cs}})
    if sched_msg:
        items.append({"apiVersion": "v1", "kind": "Event", "metadata": {"name": f"{name}.1", "namespace": ns, "creationTimestamp": created},
                      "involvedObject": {"kind": "Pod", "namespace": ns, "name": name, "uid": meta["uid"]},
                      "reason": "FailedScheduling", "type": "Warning", "message": sched_msg, "count": 12, "lastTimestamp": "2026-11-22T09:00:00Z"})

def ctr(name, image, cpu=None, mem=None, host_port=None):
    c = {"name": name, "image": image, "imagePullPolicy": "IfNotPresent", "terminationMessagePolicy": "File", "terminationMessagePath": "/dev/termination-log"}
    if cpu or mem:
        c["resources"] = {"requests": {k: v for k, v in (("cpu", cpu), ("memory", mem)) if v}}
    if host_port:
        c["ports"] = [{"name": "metrics", "containerPort": host_port, "hostPort": host_port, "protocol": "TCP"}]
    return c

def spec_of(containers, **kw):
    s = {"containers": containers, "restartPolicy": "Always", "dnsPolicy": "ClusterFirst", "schedulerName": "default-scheduler",
         "terminationGracePeriodSeconds": 30, "securityContext": {}}
    s.update(kw)
    return s

# 1. kube-proxy: tolerates everything, healthy everywhere except the unreachable node.
kp_spec = spec_of([ctr("kube-proxy", "registry.k8s.io/kube-proxy:v1.34.1", cpu="50m")], hostNetwork=True,
                  priorityClassName="system-node-critical", tolerations=[{"operator": "Exists"}])
d, uid = ds("kube-system", "kube-proxy", kp_spec, ["6b8f7c9d4"])
revision(d, uid, 1, "6b8f7c9d4", d["spec"]["template"])
for n in nodes:
    pod("kube-system", f"kube-proxy-{n[-1]}{len(n)}x", n, ("kube-proxy", uid), {"app.kubernetes.io/name": "kube-proxy", "controller-revision-hash": "6b8f7c9d4"},
        ready=(n != "worker-4"), containers=kp_spec["containers"])

# 2. fluentd: rolling update v1.16 -> v1.17 in progress; one new pod crash-looping; not on GPU nodes.
old_spec = spec_of([ctr("fluentd", "fluent/fluentd:v1.16-1", cpu="100m", mem="200Mi")],
                   tolerations=[{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists", "effect": "NoSchedule"}])
new_spec = copy.deepcopy(old_spec); new_spec["containers"][0]["image"] = "fluent/fluentd:v1.17-1"
d, uid = ds("logging", "fluentd", new_spec, ["7d9c5b6f8", "5f6d8c7b9"])
old_t = copy.deepcopy(d["spec"]["template"]); old_t["spec"] = old_spec
revision(d, uid, 1, "7d9c5b6f8", old_t, "kubectl apply --filename=fluentd.yaml")
revision(d, uid, 2, "5f6d8c7b9", d["spec"]["template"], "kubectl set image ds/fluentd fluentd=fluent/fluentd:v1.17-1")
fl = {"app.kubernetes.io/name": "fluentd"}
pod("logging", "fluentd-k2x7p", "cp-1", ("fluentd", uid), {**fl, "controller-revision-hash": "5f6d8c7b9"}, containers=new_spec["containers"])
pod("logging", "fluentd-9hq4z", "worker-1", ("fluentd", uid), {**fl, "controller-revision-hash": "7d9c5b6f8"}, containers=old_spec["containers"])
pod("logging", "fluentd-w5m2c", "worker-2", ("fluentd", uid), {**fl, "controller-revision-hash": "5f6d8c7b9"}, containers=new_spec["containers"],
    waiting="CrashLoopBackOff", restarts=14)
pod("logging", "fluentd-b8r6n", "worker-3", ("fluentd", uid), {**fl, "controller-revision-hash": "7d9c5b6f8"}, containers=old_spec["containers"])
pod("logging", "fluentd-t3v9d", "worker-4", ("fluentd", uid), {**fl, "controller-revision-hash": "7d9c5b6f8"}, containers=old_spec["containers"], ready=False)
pod("logging", "fluentd-p6z2s", "small-1", ("fluentd", uid), {**fl, "controller-revision-hash": "7d9c5b6f8"}, containers=old_spec["containers"])

# 3. node-exporter: hostPort 9100, blocked on worker-1 by a legacy exporter holding the port.
ne_spec = spec_of([ctr("node-exporter", "quay.io/prometheus/node-exporter:v1.9.1", cpu="50m", mem="64Mi", host_port=9100)],
                  hostNetwork=True, hostPID=True)
d, uid = ds("monitoring", "node-exporter", ne_spec, ["8c5d9f7b4"])
revision(d, uid, 1, "8c5d9f7b4", d["spec"]["template"])
ne = {"app.kubernetes.io/name": "node-exporter", "controller-revision-hash": "8c5d9f7b4"}
for n in ("worker-2", "worker-3", "small-1"):
    pod("monitoring", f"node-exporter-{n.replace('-', '')}", n, ("node-exporter", uid), ne, containers=ne_spec["containers"])
pod("monitoring", "node-exporter-x7k2m", None, ("node-exporter", uid), ne, phase="Pending", ready=False, unbound_target="worker-1",
    containers=ne_spec["containers"],
    sched_msg="0/8 nodes are available: 1 node(s) didn't have free ports for the requested pod ports. preemption: 0/8 nodes are available: 1 No preemption victims found for incoming pod, 7 Preemption is not helpful for scheduling.")
pod("monitoring", "legacy-exporter-0", "worker-1", None, {"app": "legacy-exporter"},
    containers=[ctr("exporter", "prom/node-exporter:v0.18.1", cpu="20m", host_port=9100)])

# 4. nvidia-device-plugin: GPU pool only.
nv_spec = spec_of([ctr("nvidia-device-plugin", "nvcr.io/nvidia/k8s-device-plugin:v0.17.0", cpu="10m")],
                  nodeSelector={"pool": "gpu"}, priorityClassName="system-node-critical",
                  tolerations=[{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}])
d, uid = ds("gpu-operator", "nvidia-device-plugin", nv_spec, ["9b7d4c6f5"])
revision(d, uid, 1, "9b7d4c6f5", d["spec"]["template"])
for n in ("gpu-1", "gpu-2"):
    pod("gpu-operator", f"nvidia-device-plugin-{n.replace('-', '')}", n, ("nvidia-device-plugin", uid),
        {"app.kubernetes.io/name": "nvidia-device-plugin", "controller-revision-hash": "9b7d4c6f5"}, containers=nv_spec["containers"])

# 5. csi-node: needs 500m cpu; does not fit the small edge node.
csi_spec = spec_of([ctr("csi-node", "registry.example.com/csi/node-driver:v2.4.0", cpu="500m", mem="512Mi")],
                   tolerations=[{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists", "effect": "NoSchedule"}])
d, uid = ds("kube-system", "csi-node", csi_spec, ["4f9c7d8b5"])
revision(d, uid, 1, "4f9c7d8b5", d["spec"]["template"])
csi = {"app.kubernetes.io/name": "csi-node", "controller-revision-hash": "4f9c7d8b5"}
for n in ("cp-1", "worker-1", "worker-2", "worker-3", "worker-4"):
    pod("kube-system", f"csi-node-{n.replace('-', '')}", n, ("csi-node", uid), csi, containers=csi_spec["containers"], ready=(n != "worker-4"))
pod("kube-system", "csi-node-q8w4t", None, ("csi-node", uid), csi, phase="Pending", ready=False, unbound_target="small-1",
    containers=csi_spec["containers"],
    sched_msg="0/8 nodes are available: 1 Insufficient cpu. preemption: 0/8 nodes are available: 1 No preemption victims found for incoming pod, 7 Preemption is not helpful for scheduling.")
# An app on the small node that uses most of its cpu.
pod("shop", "checkout-7f9d8-abcde", "small-1", None, {"app": "checkout"}, containers=[ctr("checkout", "shop/checkout:3.2", cpu="600m", mem="512Mi")])

# DaemonSet status as the controller would write it (computed with kubectl-ds itself).
import subprocess, tempfile, os
tmp = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
json.dump({"apiVersion": "v1", "kind": "List", "items": items}, tmp); tmp.close()
for it in items:
    if it["kind"] != "DaemonSet":
        continue
    ref = f'{it["metadata"]["namespace"]}/{it["metadata"]["name"]}'
    out = subprocess.run(["target/debug/kubectl-ds", "explain-placement", ref, "--snapshot", tmp.name, "-o", "json"], capture_output=True, text=True, check=True)
    s = json.loads(out.stdout)["summary"]
    it["status"] = {"currentNumberScheduled": s["scheduled"], "desiredNumberScheduled": s["desired"],
                    "numberAvailable": s["available"], "numberMisscheduled": s["misscheduled"],
                    "numberReady": s["ready"], "numberUnavailable": s["desired"] - s["available"],
                    "observedGeneration": it["metadata"]["generation"], "updatedNumberScheduled": s["updated"]}
os.unlink(tmp.name)
doc = {"apiVersion": "v1", "kind": "List", "metadata": {}, "items": items}
with open("examples/demo-cluster.yaml", "w") as f:
    f.write("# A small demo cluster for kubectl-ds (shape of `kubectl get nodes,pods,ds,controllerrevisions,events,namespaces,priorityclasses -A -o yaml`).\n")
    f.write("# 8 nodes: a control-plane node, workers (one cordoned, one unreachable), a tainted GPU pool and a small edge node.\n")
    yaml.safe_dump(doc, f, sort_keys=False, width=200)
