//! kubectl's `describe` pod-template printer (`DescribePodTemplate`), as used by
//! `rollout history --revision N` and `rollout undo --dry-run=client`. Literal tabs separate
//! labels from values, exactly like kubectl's tab-writer input, so output can be compared
//! byte-for-byte with kubectl's.

use std::collections::BTreeMap;
use std::fmt::Write;

use k8s_openapi::api::core::v1::{Container, PodTemplateSpec, Probe, Volume};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

fn map_lines(
    out: &mut String,
    indent: &str,
    title: &str,
    m: Option<&BTreeMap<String, String>>,
    sep: &str,
) {
    let _ = write!(out, "{indent}{title}:\t");
    match m.filter(|m| !m.is_empty()) {
        None => out.push_str("<none>\n"),
        Some(m) => {
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    out.push('\t');
                }
                let _ = writeln!(out, "{k}{sep}{v}");
            }
        }
    }
}

/// The whole `Pod Template:` block.
pub fn describe(t: &PodTemplateSpec) -> String {
    let mut out = String::from("Pod Template:\n");
    let meta = t.metadata.as_ref();
    map_lines(
        &mut out,
        "  ",
        "Labels",
        meta.and_then(|m| m.labels.as_ref()),
        "=",
    );
    if let Some(a) = meta
        .and_then(|m| m.annotations.as_ref())
        .filter(|a| !a.is_empty())
    {
        map_lines(&mut out, "  ", "Annotations", Some(a), ": ");
    }
    let Some(spec) = t.spec.as_ref() else {
        out.push_str("  Containers: <none>\n");
        return out;
    };
    if let Some(sa) = spec
        .service_account_name
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        let _ = writeln!(out, "  Service Account:\t{sa}");
    }
    if let Some(init) = spec.init_containers.as_ref().filter(|c| !c.is_empty()) {
        out.push_str("  Init Containers:\n");
        for c in init {
            container(&mut out, c);
        }
    }
    if spec.containers.is_empty() {
        out.push_str("  Containers: <none>\n");
    } else {
        out.push_str("  Containers:\n");
        for c in &spec.containers {
            container(&mut out, c);
        }
    }
    volumes(&mut out, spec.volumes.as_deref().unwrap_or(&[]));
    if let Some(pc) = spec
        .priority_class_name
        .as_deref()
        .filter(|s| !s.is_empty())
    {
        let _ = writeln!(out, "  Priority Class Name:\t{pc}");
    }
    map_lines(
        &mut out,
        "  ",
        "Node-Selectors",
        spec.node_selector.as_ref(),
        "=",
    );
    out.push_str("  Tolerations:\t");
    match spec.tolerations.as_ref().filter(|t| !t.is_empty()) {
        None => out.push_str("<none>\n"),
        Some(tols) => {
            for (i, t) in tols.iter().enumerate() {
                if i > 0 {
                    out.push('\t');
                }
                let key = t.key.as_deref().unwrap_or("");
                let value = t.value.as_deref().unwrap_or("");
                let effect = t.effect.as_deref().unwrap_or("");
                out.push_str(key);
                if !value.is_empty() {
                    let _ = write!(out, "={value}");
                }
                if !effect.is_empty() {
                    let _ = write!(out, ":{effect}");
                }
                if t.operator.as_deref() == Some("Exists") && value.is_empty() {
                    out.push_str(if key.is_empty() && effect.is_empty() {
                        "op=Exists"
                    } else {
                        " op=Exists"
                    });
                }
                if let Some(s) = t.toleration_seconds {
                    let _ = write!(out, " for {s}s");
                }
                out.push('\n');
            }
        }
    }
    out
}

fn ports(c: &Container, host: bool) -> (bool, String) {
    let ports = c.ports.as_deref().unwrap_or(&[]);
    if ports.is_empty() {
        return (false, "<none>".into());
    }
    let list: Vec<String> = ports
        .iter()
        .map(|p| {
            let n = if host {
                p.host_port.unwrap_or(0)
            } else {
                p.container_port
            };
            let proto = p.protocol.as_deref().unwrap_or("TCP");
            match p.name.as_deref().filter(|n| !n.is_empty()) {
                Some(name) => format!("{n}/{proto} ({name})"),
                None => format!("{n}/{proto}"),
            }
        })
        .collect();
    (list.len() > 1, list.join(", "))
}

fn container(out: &mut String, c: &Container) {
    let _ = writeln!(out, "   {}:", c.name);
    let _ = writeln!(out, "    Image:\t{}", c.image.as_deref().unwrap_or(""));
    let (many, p) = ports(c, false);
    let _ = writeln!(out, "    Port{}:\t{p}", if many { "s" } else { "" });
    let (many, p) = ports(c, true);
    let _ = writeln!(out, "    Host Port{}:\t{p}", if many { "s" } else { "" });
    for (title, list) in [("Command", &c.command), ("Args", &c.args)] {
        if let Some(items) = list.as_ref().filter(|l| !l.is_empty()) {
            let _ = writeln!(out, "    {title}:");
            for item in items {
                for line in item.split('\n') {
                    let _ = writeln!(out, "      {line}");
                }
            }
        }
    }
    if let Some(r) = &c.resources {
        for (title, m) in [("Limits", &r.limits), ("Requests", &r.requests)] {
            if let Some(m) = m.as_ref().filter(|m| !m.is_empty()) {
                let _ = writeln!(out, "    {title}:");
                for (k, q) in m {
                    let _ = writeln!(out, "      {k}:\t{}", q.0);
                }
            }
        }
    }
    for (title, probe) in [
        ("Liveness", &c.liveness_probe),
        ("Readiness", &c.readiness_probe),
        ("Startup", &c.startup_probe),
    ] {
        if let Some(p) = probe {
            let _ = writeln!(out, "    {title}:\t{}", describe_probe(p));
        }
    }
    if let Some(from) = c.env_from.as_ref().filter(|f| !f.is_empty()) {
        out.push_str("    Environment Variables from:\n");
        for f in from {
            let (name, kind, optional) = match (&f.config_map_ref, &f.secret_ref) {
                (Some(cm), _) => (cm.name.clone(), "ConfigMap", cm.optional.unwrap_or(false)),
                (None, Some(s)) => (s.name.clone(), "Secret", s.optional.unwrap_or(false)),
                _ => continue,
            };
            let kind = match f.prefix.as_deref().filter(|p| !p.is_empty()) {
                Some(p) => format!("{kind} with prefix '{p}'"),
                None => kind.to_string(),
            };
            let _ = writeln!(out, "      {name}\t{kind}\tOptional: {optional}");
        }
    }
    match c.env.as_ref().filter(|e| !e.is_empty()) {
        None => out.push_str("    Environment:\t<none>\n"),
        Some(env) => {
            out.push_str("    Environment:\n");
            for e in env {
                let value = match &e.value_from {
                    None => e.value.clone().unwrap_or_default(),
                    Some(vf) => {
                        if let Some(f) = &vf.field_ref {
                            format!(
                                " ({}:{})",
                                f.api_version.as_deref().unwrap_or(""),
                                f.field_path
                            )
                        } else if let Some(r) = &vf.resource_field_ref {
                            format!(
                                " ({}:{})",
                                r.container_name.as_deref().unwrap_or(""),
                                r.resource
                            )
                        } else if let Some(s) = &vf.secret_key_ref {
                            format!(
                                "<set to the key '{}' in secret '{}'>\tOptional: {}",
                                s.key,
                                s.name,
                                s.optional.unwrap_or(false)
                            )
                        } else if let Some(cm) = &vf.config_map_key_ref {
                            format!(
                                "<set to the key '{}' of config map '{}'>\tOptional: {}",
                                cm.key,
                                cm.name,
                                cm.optional.unwrap_or(false)
                            )
                        } else {
                            String::new()
                        }
                    }
                };
                let _ = writeln!(out, "      {}:\t{value}", e.name);
            }
        }
    }
    match c.volume_mounts.as_ref().filter(|m| !m.is_empty()) {
        None => out.push_str("    Mounts:\t<none>\n"),
        Some(mounts) => {
            out.push_str("    Mounts:\n");
            let mut sorted: Vec<_> = mounts.iter().collect();
            sorted.sort_by(|a, b| a.mount_path.cmp(&b.mount_path));
            for m in sorted {
                let mode = if m.read_only == Some(true) {
                    "ro"
                } else {
                    "rw"
                };
                let sub = m
                    .sub_path
                    .as_deref()
                    .filter(|s| !s.is_empty())
                    .map(|s| format!(", path = {s:?}"))
                    .unwrap_or_default();
                let _ = writeln!(out, "      {} from {} ({mode}{sub})", m.mount_path, m.name);
            }
        }
    }
}

fn int_or_string(v: &IntOrString) -> String {
    match v {
        IntOrString::Int(i) => i.to_string(),
        IntOrString::String(s) => s.clone(),
    }
}

fn describe_probe(p: &Probe) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s successThreshold={} failureThreshold={}",
        p.initial_delay_seconds.unwrap_or(0),
        p.timeout_seconds.unwrap_or(0),
        p.period_seconds.unwrap_or(0),
        p.success_threshold.unwrap_or(0),
        p.failure_threshold.unwrap_or(0)
    );
    if let Some(e) = &p.exec {
        return format!(
            "exec [{}] {attrs}",
            e.command.as_deref().unwrap_or(&[]).join(" ")
        );
    }
    if let Some(h) = &p.http_get {
        let scheme = h.scheme.as_deref().unwrap_or("").to_lowercase();
        let host = h.host.as_deref().unwrap_or("");
        let path = h.path.as_deref().unwrap_or("");
        // Go's url.URL.String(): no scheme gives `//host:port/path`.
        let scheme = if scheme.is_empty() {
            String::new()
        } else {
            format!("{scheme}:")
        };
        return format!(
            "http-get {scheme}//{host}:{}{path} {attrs}",
            int_or_string(&h.port)
        );
    }
    if let Some(t) = &p.tcp_socket {
        return format!(
            "tcp-socket {}:{} {attrs}",
            t.host.as_deref().unwrap_or(""),
            int_or_string(&t.port)
        );
    }
    if let Some(g) = &p.grpc {
        return format!(
            "grpc <pod>:{} {} {attrs}",
            g.port,
            g.service.as_deref().unwrap_or("")
        );
    }
    format!("unknown {attrs}")
}

fn volumes(out: &mut String, vols: &[Volume]) {
    if vols.is_empty() {
        out.push_str("  Volumes:\t<none>\n");
        return;
    }
    out.push_str("  Volumes:\n");
    for v in vols {
        let _ = writeln!(out, "   {}:", v.name);
        if let Some(h) = &v.host_path {
            let _ = writeln!(
                out,
                "    Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{}",
                h.path,
                h.type_.as_deref().unwrap_or("")
            );
        } else if let Some(e) = &v.empty_dir {
            let size = e
                .size_limit
                .as_ref()
                .map_or("<unset>".to_string(), |q| q.0.clone());
            let _ = writeln!(
                out,
                "    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t{}\n    SizeLimit:\t{size}",
                e.medium.as_deref().unwrap_or("")
            );
        } else if let Some(c) = &v.config_map {
            let _ = writeln!(
                out,
                "    Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\t{}",
                c.name,
                c.optional.unwrap_or(false)
            );
        } else if let Some(s) = &v.secret {
            let _ = writeln!(
                out,
                "    Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\t{}",
                s.secret_name.as_deref().unwrap_or(""),
                s.optional.unwrap_or(false)
            );
        } else if let Some(p) = &v.persistent_volume_claim {
            let _ = writeln!(
                out,
                "    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{}\n    ReadOnly:\t{}",
                p.claim_name,
                p.read_only.unwrap_or(false)
            );
        } else if v.projected.is_some() {
            out.push_str("    Type:\tProjected (a volume that contains injected data from multiple sources)\n");
        } else if v.downward_api.is_some() {
            out.push_str(
                "    Type:\tDownwardAPI (a volume populated by information about the pod)\n",
            );
        } else {
            out.push_str("    <unknown>\n");
        }
    }
}
