#!/usr/bin/env python3
"""Generate tests/data/rollout/parity.yaml: DaemonSets and ControllerRevisions that exercise every
rule of spec/rollout-validate.md §2-§4 and every branch of kubectl's pod-template printer.
The same file seeds the local API server (for side-by-side runs with a real kubectl) and is read
with --snapshot. Run: python3 tests/data/rollout/gen.py > tests/data/rollout/parity.yaml"""
import copy
import json
import sys

import yaml

NS = "parity"
objs = [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": NS, "uid": "uid-ns-parity"}}]


def ds(name, template, *, strategy="RollingUpdate", generation=2, status=None, selector=None,
       annotations=None):
    labels = template.setdefault("metadata", {}).setdefault("labels", {"app": name})
    spec = {
        "selector": selector or {"matchLabels": dict(labels)},
        "template": template,
        "revisionHistoryLimit": 10,
    }
    if strategy is not None:
        spec["updateStrategy"] = {"type": strategy}
        if strategy == "RollingUpdate":
            spec["updateStrategy"]["rollingUpdate"] = {"maxUnavailable": 1, "maxSurge": 0}
    obj = {
        "apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": {"name": name, "namespace": NS, "uid": f"uid-ds-{name}", "generation": generation,
                     "resourceVersion": "100", "creationTimestamp": "2026-01-01T00:00:00Z",
                     "labels": {"app": name}, "annotations": annotations or {}},
        "spec": spec,
        "status": status or {"observedGeneration": generation, "desiredNumberScheduled": 3,
                             "currentNumberScheduled": 3, "updatedNumberScheduled": 3,
                             "numberAvailable": 3, "numberReady": 3, "numberMisscheduled": 0},
    }
    objs.append(obj)
    return obj


def rev(d, number, template, *, hash_, cause=None, owner_uid=None, controller=True, labels=None,
        data=None, owner=True, legacy=False):
    meta = {
        "name": f"{d['metadata']['name']}-{hash_}", "namespace": NS,
        "uid": f"uid-cr-{d['metadata']['name']}-{hash_}",
        "labels": labels if labels is not None else {**template["metadata"]["labels"],
                                                     "controller-revision-hash": hash_},
        "annotations": {"deprecated.daemonset.template.generation": str(number)},
        "creationTimestamp": f"2026-01-{number % 28 + 1:02d}T00:00:00Z",
    }
    if cause is not None:
        meta["annotations"]["kubernetes.io/change-cause"] = cause
    if owner:
        meta["ownerReferences"] = [{
            "apiVersion": "apps/v1", "kind": "DaemonSet", "name": d["metadata"]["name"],
            "uid": owner_uid or d["metadata"]["uid"], "controller": controller,
            "blockOwnerDeletion": True}]
    if data is None:
        t = copy.deepcopy(template)
        t["$patch"] = "replace"
        if legacy:  # controllers before kubernetes#130989 wrote a null creationTimestamp
            t.setdefault("metadata", {})["creationTimestamp"] = None
        data = {"spec": {"template": t}}
    objs.append({"apiVersion": "apps/v1", "kind": "ControllerRevision", "metadata": meta,
                 "data": data, "revision": number})


def simple(name, image, **extra):
    c = {"name": name, "image": image, "imagePullPolicy": "IfNotPresent",
         "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
         "resources": {}}
    c.update(extra)
    return c


def tmpl(app, containers, **spec):
    s = {"containers": containers, "restartPolicy": "Always", "dnsPolicy": "ClusterFirst",
         "schedulerName": "default-scheduler", "securityContext": {},
         "terminationGracePeriodSeconds": 30}
    s.update(spec)
    return {"metadata": {"labels": {"app": app}}, "spec": s}


# --- rich: every printer branch -------------------------------------------------------------
rich_v1 = {
    "metadata": {
        "labels": {"app": "rich", "tier": "node", "a.example.com/role": "agent"},
        "annotations": {
            "kubectl.kubernetes.io/last-applied-configuration": '{"skipped":"by describe"}',
            "short": "value",
            "multi": "line one\nline two\n",
            "long": "x" * 150,
            "prometheus.io/scrape": "true",
        },
    },
    "spec": {
        "serviceAccountName": "rich-agent",
        "priorityClassName": "system-node-critical",
        "nodeSelector": {"kubernetes.io/os": "linux", "node-role.kubernetes.io/worker": ""},
        "tolerations": [
            {"key": "zeta", "operator": "Exists", "effect": "NoSchedule"},
            {"operator": "Exists"},
            {"key": "alpha", "operator": "Equal", "value": "yes", "effect": "NoExecute",
             "tolerationSeconds": 300},
            {"key": "beta", "operator": "Exists"},
            {"effect": "NoSchedule", "operator": "Exists"},
        ],
        "topologySpreadConstraints": [
            {"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone",
             "whenUnsatisfiable": "DoNotSchedule",
             "labelSelector": {"matchLabels": {"app": "rich"}}},
            {"maxSkew": 2, "topologyKey": "kubernetes.io/hostname",
             "whenUnsatisfiable": "ScheduleAnyway"},
        ],
        "initContainers": [
            simple("init-perms", "busybox:1.36", command=["sh", "-c", "chown -R 1000 /data\necho done"],
                   volumeMounts=[{"name": "data", "mountPath": "/data"}]),
        ],
        "containers": [
            simple(
                "agent", "example.com/agent:v1",
                command=["/agent"],
                args=["--port=9100", "--log-level=info"],
                ports=[
                    {"name": "metrics", "containerPort": 9100, "hostPort": 9100, "protocol": "TCP"},
                    {"containerPort": 8125, "protocol": "UDP"},
                    {"containerPort": 7000},
                ],
                resources={"limits": {"cpu": "500m", "memory": "256Mi", "nvidia.com/gpu": "1",
                                      "hugepages-2Mi": "4Mi"},
                           "requests": {"cpu": "100m", "memory": "128Mi",
                                        "ephemeral-storage": "1Gi"}},
                livenessProbe={"httpGet": {"path": "/healthz", "port": 9100, "scheme": "HTTP"},
                               "initialDelaySeconds": 10, "timeoutSeconds": 1, "periodSeconds": 10,
                               "successThreshold": 1, "failureThreshold": 3},
                readinessProbe={"httpGet": {"path": "/ready", "port": "metrics", "host": "127.0.0.1",
                                            "scheme": "HTTPS"},
                                "timeoutSeconds": 2, "periodSeconds": 5, "successThreshold": 2,
                                "failureThreshold": 6},
                startupProbe={"exec": {"command": ["cat", "/tmp/started"]}, "periodSeconds": 1,
                              "timeoutSeconds": 1, "successThreshold": 1, "failureThreshold": 30},
                envFrom=[
                    {"configMapRef": {"name": "agent-config"}},
                    {"prefix": "SEC_", "secretRef": {"name": "agent-secret", "optional": True}},
                ],
                env=[
                    {"name": "PLAIN", "value": "hello"},
                    {"name": "EMPTY", "value": ""},
                    {"name": "MULTI", "value": "first\nsecond"},
                    {"name": "NODE_NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1",
                                                                     "fieldPath": "spec.nodeName"}}},
                    {"name": "CPU_LIMIT", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu",
                                                                             "divisor": "1m"}}},
                    {"name": "MEM_REQ", "valueFrom": {"resourceFieldRef": {"containerName": "agent",
                                                                           "resource": "requests.memory",
                                                                           "divisor": "1Mi"}}},
                    {"name": "EPH", "valueFrom": {"resourceFieldRef": {"resource": "requests.ephemeral-storage",
                                                                       "divisor": "1"}}},
                    {"name": "TOKEN", "valueFrom": {"secretKeyRef": {"name": "agent-secret",
                                                                     "key": "token"}}},
                    {"name": "LEVEL", "valueFrom": {"configMapKeyRef": {"name": "agent-config",
                                                                        "key": "level",
                                                                        "optional": True}}},
                ],
                volumeMounts=[
                    {"name": "varlog", "mountPath": "/var/log", "readOnly": True},
                    {"name": "config", "mountPath": "/etc/agent", "subPath": "agent.conf"},
                    {"name": "data", "mountPath": "/data"},
                ],
                volumeDevices=[{"name": "raw", "devicePath": "/dev/xvdb"}],
                securityContext={"seccompProfile": {"type": "Localhost",
                                                    "localhostProfile": "profiles/agent.json"}},
            ),
            simple(
                "sidecar", "example.com/sidecar:2.0",
                ports=[{"containerPort": 8080, "protocol": "TCP"}],
                livenessProbe={"tcpSocket": {"port": 8080}, "periodSeconds": 10, "timeoutSeconds": 1,
                               "successThreshold": 1, "failureThreshold": 3},
                readinessProbe={"grpc": {"port": 9090, "service": ""}, "periodSeconds": 10,
                                "timeoutSeconds": 1, "successThreshold": 1, "failureThreshold": 3},
                env=[{"name": "MEM_LIMIT", "valueFrom": {"resourceFieldRef": {"resource": "limits.memory"}}}],
                securityContext={"seccompProfile": {"type": "RuntimeDefault"}},
            ),
        ],
        "volumes": [
            {"name": "varlog", "hostPath": {"path": "/var/log", "type": ""}},
            {"name": "sock", "hostPath": {"path": "/run/agent.sock", "type": "Socket"}},
            {"name": "untyped", "hostPath": {"path": "/opt"}},
            {"name": "data", "emptyDir": {}},
            {"name": "shm", "emptyDir": {"medium": "Memory", "sizeLimit": "64Mi"}},
            {"name": "config", "configMap": {"name": "agent-config", "defaultMode": 420}},
            {"name": "creds", "secret": {"secretName": "agent-secret", "optional": True,
                                         "defaultMode": 256}},
            {"name": "claim", "persistentVolumeClaim": {"claimName": "agent-data", "readOnly": True}},
            {"name": "proj", "projected": {"defaultMode": 420, "sources": [
                {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
                {"secret": {"name": "extra", "optional": True}},
                {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"apiVersion": "v1",
                                                                             "fieldPath": "metadata.namespace"}}]}},
            ]}},
            {"name": "podinfo", "downwardAPI": {"defaultMode": 420, "items": [
                {"path": "labels", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.labels"}},
                {"path": "cpu", "resourceFieldRef": {"containerName": "agent", "resource": "limits.cpu",
                                                     "divisor": "1m"}},
            ]}},
            {"name": "csi", "csi": {"driver": "secrets-store.csi.k8s.io", "readOnly": True,
                                    "volumeAttributes": {"secretProviderClass": "agent", "usePodIdentity": "false"}}},
            {"name": "csi-bare", "csi": {"driver": "example.csi.io"}},
            {"name": "nfs", "nfs": {"server": "10.0.0.5", "path": "/exports", "readOnly": True}},
            {"name": "model", "image": {"reference": "example.com/model:1", "pullPolicy": "IfNotPresent"}},
            {"name": "raw", "persistentVolumeClaim": {"claimName": "raw-block"}},
        ],
    },
}
rich_v2 = copy.deepcopy(rich_v1)
rich_v2["spec"]["containers"][0]["image"] = "example.com/agent:v2"
rich_v2["spec"]["containers"][0]["env"][0]["value"] = "world"
rich = ds("rich", copy.deepcopy(rich_v2), generation=3,
          status={"observedGeneration": 3, "desiredNumberScheduled": 5, "currentNumberScheduled": 5,
                  "updatedNumberScheduled": 2, "numberAvailable": 4, "numberReady": 4,
                  "numberMisscheduled": 0})
rev(rich, 1, rich_v1, hash_="5c8f9d7b6", cause="kubectl apply --filename=rich.yaml")
rev(rich, 2, rich_v2, hash_="6d9b4c5f7", cause="kubectl set image ds/rich agent=example.com/agent:v2")

# --- odd: rarer volume sources, no containers' ports, non-canonical quantities ---------------
odd_t = tmpl("odd", [simple("c", "img:1", resources={"limits": {"cpu": "0.5", "memory": "1024Mi"},
                                                       "requests": {"cpu": "250m", "memory": "1000"}},
                            env=[{"name": "CPU_REQ", "valueFrom": {"resourceFieldRef": {"resource": "requests.cpu"}}},
                                 {"name": "ESC", "value": "bell\x1b[31mred\rcr"}])],
             topologySpreadConstraints=[{"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule",
                                         "labelSelector": {"matchLabels": {"b": "2", "a": "1"},
                                                           "matchExpressions": [
                                                               {"key": "tier", "operator": "NotIn", "values": ["z", "x"]},
                                                               {"key": "gpu", "operator": "Exists"},
                                                               {"key": "old", "operator": "DoesNotExist"}]}}],
             volumes=[
                 {"name": "git", "gitRepo": {"repository": "https://example.com/r.git", "revision": "main"}},
                 {"name": "eph", "ephemeral": {"volumeClaimTemplate": {
                     "metadata": {"labels": {"type": "scratch"}},
                     "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "fast",
                              "resources": {"requests": {"storage": "1Gi"}}}}}},
                 {"name": "azf", "azureFile": {"secretName": "az", "shareName": "share", "readOnly": True}},
                 {"name": "nothing"},
                 {"name": "fc", "fc": {"targetWWNs": ["500a0981891b8dc5", "500a0981991b8dc5"], "lun": 2, "fsType": "ext4"}},
                 {"name": "flock", "flocker": {"datasetName": "ds1"}},
                 {"name": "gce", "gcePersistentDisk": {"pdName": "disk", "fsType": "ext4", "partition": 1}},
                 {"name": "aws", "awsElasticBlockStore": {"volumeID": "vol-1", "fsType": "ext4"}},
                 {"name": "pwx", "portworxVolume": {"volumeID": "p1"}},
                 {"name": "vs", "vsphereVolume": {"volumePath": "[ds] v.vmdk", "fsType": "ext4"}},
                 {"name": "ph", "photonPersistentDisk": {"pdID": "p", "fsType": "ext4"}},
                 {"name": "quo", "quobyte": {"registry": "r:7861", "volume": "v"}},
                 {"name": "glu", "glusterfs": {"endpoints": "ep", "path": "vol"}},
                 {"name": "sos", "storageos": {"volumeName": "v", "volumeNamespace": "ns1"}},
             ])
odd_t["metadata"]["annotations"] = {"exact": "y" * 136, "over": "z" * 137}
odd = ds("odd", copy.deepcopy(odd_t))
rev(odd, 1, odd_t, hash_="5d6c7b8f9")
nocont = tmpl("nocont", [])
nocont["metadata"]["labels"] = {"app": "nocont"}
nc = ds("nocont", copy.deepcopy(nocont))
rev(nc, 1, nocont, hash_="6f7d8c9b5", data={"spec": {"template": {"$patch": "replace", "spec": {"containers": []}}}})

# --- bare: minimal template (upstream TestViewHistory-like) -----------------------------------
bare_t = {"metadata": {"labels": {"foo": "bar"}}, "spec": {"containers": [{"name": "test", "image": "nginx"}]}}
bare = ds("bare", copy.deepcopy(bare_t), selector={"matchLabels": {"foo": "bar"}})
rev(bare, 1, bare_t, hash_="7bd4c5d9f")

# --- empty: no history ------------------------------------------------------------------------
ds("empty", tmpl("empty", [simple("c", "nginx:1")]))

# --- owners: ownership and ordering rules ------------------------------------------------------
own_t = [tmpl("owners", [simple("c", f"img:{i}")]) for i in range(12)]
owners = ds("owners", copy.deepcopy(own_t[10]), generation=11,
            status={"observedGeneration": 11, "desiredNumberScheduled": 2, "currentNumberScheduled": 2,
                    "updatedNumberScheduled": 2, "numberAvailable": 2, "numberReady": 2,
                    "numberMisscheduled": 0})
rev(owners, 2, own_t[2], hash_="54f5b9b9c", cause="")
rev(owners, 10, own_t[10], hash_="5fbd8c6c4", cause="größer — unicode cause")
rev(owners, 9, own_t[9], hash_="7c5cd8c6b", cause="nine")
rev(owners, 3, own_t[3], hash_="8b6f4d9c5", owner_uid="uid-someone-else")             # other owner
rev(owners, 4, own_t[4], hash_="9d7c6b5f4", controller=False)                          # not controller
rev(owners, 5, own_t[5], hash_="b5c4d7f69", owner=False)                               # orphan
rev(owners, 6, own_t[6], hash_="c6d5f4b97", labels={"app": "other", "controller-revision-hash": "c6d5f4b97"})
rev(owners, 7, own_t[7], hash_="d7f6b5c48", cause="first seven")                       # duplicate 7 ...
rev(owners, 7, own_t[8], hash_="f8b7c6d59", cause="second seven")                      # ... later wins

# --- unpatched: revision data is a whole DaemonSet, no $patch (needs a real strategic merge) --
unp_cur = tmpl("unpatched", [simple("main", "app:2", env=[{"name": "A", "value": "1"}]),
                             simple("helper", "helper:1")])
unpatched = ds("unpatched", copy.deepcopy(unp_cur))
rev(unpatched, 1, unp_cur, hash_="67c7bd9d8", data={"spec": {"template": {
    "metadata": {"labels": {"app": "unpatched", "extra": "yes"}},
    "spec": {"containers": [{"name": "main", "image": "app:1",
                              "env": [{"name": "B", "value": "2"}]}],
             "dnsPolicy": "Default"}}}})
rev(unpatched, 2, unp_cur, hash_="78d8ce9e9")

# --- selector with matchExpressions ----------------------------------------------------------
expr_t = tmpl("expr", [simple("c", "img:1")])
expr_t["metadata"]["labels"]["track"] = "stable"
expr = ds("expr", copy.deepcopy(expr_t), selector={
    "matchLabels": {"app": "expr"},
    "matchExpressions": [{"key": "track", "operator": "In", "values": ["stable", "canary"]}]})
rev(expr, 1, expr_t, hash_="9e9df8f7c")
expr_t2 = copy.deepcopy(expr_t)
expr_t2["metadata"]["labels"]["track"] = "beta"
rev(expr, 2, expr_t2, hash_="bf7c9d8d6")   # labels no longer match the selector: not shown

# --- undo skip rule: the controller has not re-numbered yet ------------------------------------
# kubectl compares the live template, Go-encoded, with the revision's data byte for byte.
def skip_case(name, command=("sh", "-c", "run; wait"), **kw):
    sk = [tmpl(name, [simple("c", f"img:{i}", command=list(command))]) for i in range(4)]
    d = ds(name, copy.deepcopy(sk[2]))
    rev(d, 1, sk[1], hash_="6c4d5b8f9", **kw)
    rev(d, 2, sk[2], hash_="7d5f6c9b4", **kw)   # live template == second-highest
    rev(d, 3, sk[3], hash_="8f6b7d4c5", **kw)
    return d, sk

skip_case("skip")
skip_case("skip-legacy", legacy=True)          # null creationTimestamp in data: kubectl rolls back
skip_case("skip-amp", command=("sh", "-c", "run && wait"))  # '&' raw in data, escaped by Go
q = tmpl("skip-quantity", [simple("c", "img:1", resources={"requests": {"cpu": "0.5"}})])
qd = ds("skip-quantity", copy.deepcopy(q))
rev(qd, 1, tmpl("skip-quantity", [simple("c", "img:0")]), hash_="5f4c6d7b8")
rev(qd, 2, q, hash_="6b5d7f8c9")               # "0.5" in data, Go re-encodes the live one as "500m"
bare2_t = {"metadata": {"labels": {"app": "skip-bare"}}, "spec": {"containers": [{"name": "c", "image": "img:1"}]}}
b2 = ds("skip-bare", copy.deepcopy(bare2_t))
rev(b2, 1, {"metadata": {"labels": {"app": "skip-bare"}}, "spec": {"containers": [{"name": "c", "image": "img:0"}]}},
    hash_="7c6d8b9f5")
rev(b2, 2, bare2_t, hash_="8d7f9c5b6")         # no "resources": Go adds it to the live one

# --- single revision ----------------------------------------------------------------------------
one_t = tmpl("single", [simple("c", "img:1")])
single = ds("single", copy.deepcopy(one_t))
rev(single, 1, one_t, hash_="5b9c8d7f6")

# --- status cases (spec §2.1) ------------------------------------------------------------------
def st(name, strategy="RollingUpdate", generation=1, **status):
    full = {"desiredNumberScheduled": 0, "currentNumberScheduled": 0, "numberMisscheduled": 0,
            "numberReady": 0}
    full.update(status)
    ds(name, tmpl(name, [simple("c", "img:1")]), strategy=strategy, generation=generation, status=full)

st("st-updating", generation=2, observedGeneration=2, desiredNumberScheduled=4, updatedNumberScheduled=1,
   numberAvailable=4)
st("st-available", generation=2, observedGeneration=2, desiredNumberScheduled=4, updatedNumberScheduled=4,
   numberAvailable=3)
st("st-done", generation=2, observedGeneration=2, desiredNumberScheduled=4, updatedNumberScheduled=4,
   numberAvailable=4)
st("st-surplus", generation=2, observedGeneration=3, desiredNumberScheduled=2, updatedNumberScheduled=5,
   numberAvailable=2)
st("st-zero", generation=0)
st("st-observing", generation=3, observedGeneration=2, desiredNumberScheduled=4, updatedNumberScheduled=4,
   numberAvailable=4)
st("st-no-observed", generation=1, desiredNumberScheduled=1)
st("st-missing-strategy", strategy=None, generation=1, observedGeneration=1)
st("st-lowercase-strategy", strategy="rollingupdate", generation=5, observedGeneration=1)

yaml.safe_dump({"apiVersion": "v1", "kind": "List", "items": objs}, sys.stdout, sort_keys=False,
               allow_unicode=True, width=1000)
