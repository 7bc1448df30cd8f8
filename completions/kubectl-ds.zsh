#compdef kubectl-ds

autoload -U is-at-least

_kubectl-ds() {
    typeset -A opt_args
    typeset -a _arguments_options
    local ret=1

    if is-at-least 5.2; then
        _arguments_options=(-s -S -C)
    else
        _arguments_options=(-s -C)
    fi

    local context curcontext="$curcontext" state line
    _arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file (default\: \$KUBECONFIG, several paths merged, else ~/.kube/config)]:PATH:_files' \
'*--context=[The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run\: one answer per cluster, see docs/fleet.md)]:NAME:_default' \
'(--context)--context-selector=[Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. '\''^prod-'\'']:REGEX:_default' \
'--max-concurrency=[Fleet runs\: how many clusters are asked at once (default 32\: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters'\'' state is held)]:N:_default' \
'-n+[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--namespace=[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--request-timeout=[How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)]:DURATION:_default' \
'--chunk-size=[Return large lists in chunks of this many objects, as kubectl'\''s --chunk-size (0 = one request per list) \[default\: 500\]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server'\''s watch cache in one response (resourceVersion=0), as the scheduler'\''s own informer reads them]:N:_default' \
'-o+[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--output=[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--color=[When to colour output\: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never]:WHEN:(auto always never)' \
'*--snapshot=[Read cluster state from a file, a directory (recursively, e.g. a \`kubectl cluster-info dump\`), or \`-\` for stdin, instead of a live cluster. Repeatable]:PATH:_files' \
'--kube-version=[The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default\: the live server'\''s /version, else the version a snapshot recorded, else 1.37)]:MAJOR.MINOR:_default' \
'*--feature-gates=[Feature gates that differ from that release'\''s defaults, spelled as the Kubernetes components spell them\: Name=true,Other=false. Repeatable]:GATES:_default' \
'--distribution=[The distribution whose controllers run\: kubernetes or openshift (default\: detected from the server'\''s API groups, else recorded in the snapshot, else kubernetes)]:NAME:_default' \
'-v+[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--verbose=[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'(--context)--all-contexts[Ask every context of the kubeconfig (a fleet run)]' \
'-A[Span all namespaces (where a command lists across namespaces)]' \
'--all-namespaces[Span all namespaces (where a command lists across namespaces)]' \
'--no-color[Same as --color=never]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_kubectl-ds_commands" \
"*::: :->kubectl-ds" \
&& ret=0
    case $state in
    (kubectl-ds)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-ds-command-$line[1]:"
        case $line[1] in
            (explain-placement)
_arguments "${_arguments_options[@]}" : \
'-f+[Preview a DaemonSet manifest (YAML/JSON file, or - for stdin) instead of one in the cluster]:MANIFEST:_files' \
'--filename=[Preview a DaemonSet manifest (YAML/JSON file, or - for stdin) instead of one in the cluster]:MANIFEST:_files' \
'-l+[Only nodes matching this label selector (e.g. pool=gpu,!node-role.kubernetes.io/control-plane)]:SELECTOR:_default' \
'--selector=[Only nodes matching this label selector (e.g. pool=gpu,!node-role.kubernetes.io/control-plane)]:SELECTOR:_default' \
'*--node=[Only these nodes (repeatable, or comma-separated)]:NAME:_default' \
'--kubeconfig=[Path to the kubeconfig file (default\: \$KUBECONFIG, several paths merged, else ~/.kube/config)]:PATH:_files' \
'*--context=[The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run\: one answer per cluster, see docs/fleet.md)]:NAME:_default' \
'(--context)--context-selector=[Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. '\''^prod-'\'']:REGEX:_default' \
'--max-concurrency=[Fleet runs\: how many clusters are asked at once (default 32\: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters'\'' state is held)]:N:_default' \
'-n+[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--namespace=[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--request-timeout=[How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)]:DURATION:_default' \
'--chunk-size=[Return large lists in chunks of this many objects, as kubectl'\''s --chunk-size (0 = one request per list) \[default\: 500\]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server'\''s watch cache in one response (resourceVersion=0), as the scheduler'\''s own informer reads them]:N:_default' \
'-o+[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--output=[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--color=[When to colour output\: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never]:WHEN:(auto always never)' \
'*--snapshot=[Read cluster state from a file, a directory (recursively, e.g. a \`kubectl cluster-info dump\`), or \`-\` for stdin, instead of a live cluster. Repeatable]:PATH:_files' \
'--kube-version=[The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default\: the live server'\''s /version, else the version a snapshot recorded, else 1.37)]:MAJOR.MINOR:_default' \
'*--feature-gates=[Feature gates that differ from that release'\''s defaults, spelled as the Kubernetes components spell them\: Name=true,Other=false. Repeatable]:GATES:_default' \
'--distribution=[The distribution whose controllers run\: kubernetes or openshift (default\: detected from the server'\''s API groups, else recorded in the snapshot, else kubernetes)]:NAME:_default' \
'-v+[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--verbose=[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--problems[Only the nodes that need action\: wanted but not running up to date and ready (NotReady, Pending, Failed, Missing, Terminating, Outdated). The summary still counts every node]' \
'(--context)--all-contexts[Ask every context of the kubeconfig (a fleet run)]' \
'-A[Span all namespaces (where a command lists across namespaces)]' \
'--all-namespaces[Span all namespaces (where a command lists across namespaces)]' \
'--no-color[Same as --color=never]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::daemonset -- The DaemonSet\: NAME, NAMESPACE/NAME or daemonset/NAME (also ds/NAME, daemonset.apps/NAME):_default' \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file (default\: \$KUBECONFIG, several paths merged, else ~/.kube/config)]:PATH:_files' \
'*--context=[The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run\: one answer per cluster, see docs/fleet.md)]:NAME:_default' \
'(--context)--context-selector=[Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. '\''^prod-'\'']:REGEX:_default' \
'--max-concurrency=[Fleet runs\: how many clusters are asked at once (default 32\: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters'\'' state is held)]:N:_default' \
'-n+[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--namespace=[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--request-timeout=[How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)]:DURATION:_default' \
'--chunk-size=[Return large lists in chunks of this many objects, as kubectl'\''s --chunk-size (0 = one request per list) \[default\: 500\]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server'\''s watch cache in one response (resourceVersion=0), as the scheduler'\''s own informer reads them]:N:_default' \
'-o+[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--output=[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--color=[When to colour output\: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never]:WHEN:(auto always never)' \
'*--snapshot=[Read cluster state from a file, a directory (recursively, e.g. a \`kubectl cluster-info dump\`), or \`-\` for stdin, instead of a live cluster. Repeatable]:PATH:_files' \
'--kube-version=[The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default\: the live server'\''s /version, else the version a snapshot recorded, else 1.37)]:MAJOR.MINOR:_default' \
'*--feature-gates=[Feature gates that differ from that release'\''s defaults, spelled as the Kubernetes components spell them\: Name=true,Other=false. Repeatable]:GATES:_default' \
'--distribution=[The distribution whose controllers run\: kubernetes or openshift (default\: detected from the server'\''s API groups, else recorded in the snapshot, else kubernetes)]:NAME:_default' \
'-v+[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--verbose=[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'(--context)--all-contexts[Ask every context of the kubeconfig (a fleet run)]' \
'-A[Span all namespaces (where a command lists across namespaces)]' \
'--all-namespaces[Span all namespaces (where a command lists across namespaces)]' \
'--no-color[Same as --color=never]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(ls)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file (default\: \$KUBECONFIG, several paths merged, else ~/.kube/config)]:PATH:_files' \
'*--context=[The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run\: one answer per cluster, see docs/fleet.md)]:NAME:_default' \
'(--context)--context-selector=[Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. '\''^prod-'\'']:REGEX:_default' \
'--max-concurrency=[Fleet runs\: how many clusters are asked at once (default 32\: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters'\'' state is held)]:N:_default' \
'-n+[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--namespace=[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--request-timeout=[How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)]:DURATION:_default' \
'--chunk-size=[Return large lists in chunks of this many objects, as kubectl'\''s --chunk-size (0 = one request per list) \[default\: 500\]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server'\''s watch cache in one response (resourceVersion=0), as the scheduler'\''s own informer reads them]:N:_default' \
'-o+[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--output=[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--color=[When to colour output\: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never]:WHEN:(auto always never)' \
'*--snapshot=[Read cluster state from a file, a directory (recursively, e.g. a \`kubectl cluster-info dump\`), or \`-\` for stdin, instead of a live cluster. Repeatable]:PATH:_files' \
'--kube-version=[The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default\: the live server'\''s /version, else the version a snapshot recorded, else 1.37)]:MAJOR.MINOR:_default' \
'*--feature-gates=[Feature gates that differ from that release'\''s defaults, spelled as the Kubernetes components spell them\: Name=true,Other=false. Repeatable]:GATES:_default' \
'--distribution=[The distribution whose controllers run\: kubernetes or openshift (default\: detected from the server'\''s API groups, else recorded in the snapshot, else kubernetes)]:NAME:_default' \
'-v+[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--verbose=[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'(--context)--all-contexts[Ask every context of the kubeconfig (a fleet run)]' \
'-A[Span all namespaces (where a command lists across namespaces)]' \
'--all-namespaces[Span all namespaces (where a command lists across namespaces)]' \
'--no-color[Same as --color=never]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(why-not-scheduled)
_arguments "${_arguments_options[@]}" : \
'-l+[Explain every node matching this label selector instead of one NODE (e.g. pool=gpu)]:SELECTOR:_default' \
'--selector=[Explain every node matching this label selector instead of one NODE (e.g. pool=gpu)]:SELECTOR:_default' \
'--kubeconfig=[Path to the kubeconfig file (default\: \$KUBECONFIG, several paths merged, else ~/.kube/config)]:PATH:_files' \
'*--context=[The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run\: one answer per cluster, see docs/fleet.md)]:NAME:_default' \
'(--context)--context-selector=[Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. '\''^prod-'\'']:REGEX:_default' \
'--max-concurrency=[Fleet runs\: how many clusters are asked at once (default 32\: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters'\'' state is held)]:N:_default' \
'-n+[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--namespace=[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--request-timeout=[How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)]:DURATION:_default' \
'--chunk-size=[Return large lists in chunks of this many objects, as kubectl'\''s --chunk-size (0 = one request per list) \[default\: 500\]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server'\''s watch cache in one response (resourceVersion=0), as the scheduler'\''s own informer reads them]:N:_default' \
'-o+[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--output=[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--color=[When to colour output\: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never]:WHEN:(auto always never)' \
'*--snapshot=[Read cluster state from a file, a directory (recursively, e.g. a \`kubectl cluster-info dump\`), or \`-\` for stdin, instead of a live cluster. Repeatable]:PATH:_files' \
'--kube-version=[The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default\: the live server'\''s /version, else the version a snapshot recorded, else 1.37)]:MAJOR.MINOR:_default' \
'*--feature-gates=[Feature gates that differ from that release'\''s defaults, spelled as the Kubernetes components spell them\: Name=true,Other=false. Repeatable]:GATES:_default' \
'--distribution=[The distribution whose controllers run\: kubernetes or openshift (default\: detected from the server'\''s API groups, else recorded in the snapshot, else kubernetes)]:NAME:_default' \
'-v+[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--verbose=[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--all[Also list DaemonSets that are running and ready on the node]' \
'(--context)--all-contexts[Ask every context of the kubeconfig (a fleet run)]' \
'-A[Span all namespaces (where a command lists across namespaces)]' \
'--all-namespaces[Span all namespaces (where a command lists across namespaces)]' \
'--no-color[Same as --color=never]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::node -- The node to explain (with -l\: leave it out; a single argument is then the DaemonSet):_default' \
'::daemonset -- Only this DaemonSet (NAME, NAMESPACE/NAME or daemonset/NAME)\: show every check, passed or failed:_default' \
&& ret=0
;;
(why-not)
_arguments "${_arguments_options[@]}" : \
'-l+[Explain every node matching this label selector instead of one NODE (e.g. pool=gpu)]:SELECTOR:_default' \
'--selector=[Explain every node matching this label selector instead of one NODE (e.g. pool=gpu)]:SELECTOR:_default' \
'--kubeconfig=[Path to the kubeconfig file (default\: \$KUBECONFIG, several paths merged, else ~/.kube/config)]:PATH:_files' \
'*--context=[The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run\: one answer per cluster, see docs/fleet.md)]:NAME:_default' \
'(--context)--context-selector=[Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. '\''^prod-'\'']:REGEX:_default' \
'--max-concurrency=[Fleet runs\: how many clusters are asked at once (default 32\: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters'\'' state is held)]:N:_default' \
'-n+[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--namespace=[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--request-timeout=[How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)]:DURATION:_default' \
'--chunk-size=[Return large lists in chunks of this many objects, as kubectl'\''s --chunk-size (0 = one request per list) \[default\: 500\]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server'\''s watch cache in one response (resourceVersion=0), as the scheduler'\''s own informer reads them]:N:_default' \
'-o+[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--output=[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--color=[When to colour output\: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never]:WHEN:(auto always never)' \
'*--snapshot=[Read cluster state from a file, a directory (recursively, e.g. a \`kubectl cluster-info dump\`), or \`-\` for stdin, instead of a live cluster. Repeatable]:PATH:_files' \
'--kube-version=[The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default\: the live server'\''s /version, else the version a snapshot recorded, else 1.37)]:MAJOR.MINOR:_default' \
'*--feature-gates=[Feature gates that differ from that release'\''s defaults, spelled as the Kubernetes components spell them\: Name=true,Other=false. Repeatable]:GATES:_default' \
'--distribution=[The distribution whose controllers run\: kubernetes or openshift (default\: detected from the server'\''s API groups, else recorded in the snapshot, else kubernetes)]:NAME:_default' \
'-v+[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--verbose=[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--all[Also list DaemonSets that are running and ready on the node]' \
'(--context)--all-contexts[Ask every context of the kubeconfig (a fleet run)]' \
'-A[Span all namespaces (where a command lists across namespaces)]' \
'--all-namespaces[Span all namespaces (where a command lists across namespaces)]' \
'--no-color[Same as --color=never]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::node -- The node to explain (with -l\: leave it out; a single argument is then the DaemonSet):_default' \
'::daemonset -- Only this DaemonSet (NAME, NAMESPACE/NAME or daemonset/NAME)\: show every check, passed or failed:_default' \
&& ret=0
;;
(snapshot)
_arguments "${_arguments_options[@]}" : \
'--file=[Write to PATH instead of stdout (created with mode 0600, replaced only once complete)]:PATH:_files' \
'--kubeconfig=[Path to the kubeconfig file (default\: \$KUBECONFIG, several paths merged, else ~/.kube/config)]:PATH:_files' \
'*--context=[The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run\: one answer per cluster, see docs/fleet.md)]:NAME:_default' \
'(--context)--context-selector=[Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. '\''^prod-'\'']:REGEX:_default' \
'--max-concurrency=[Fleet runs\: how many clusters are asked at once (default 32\: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters'\'' state is held)]:N:_default' \
'-n+[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--namespace=[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--request-timeout=[How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)]:DURATION:_default' \
'--chunk-size=[Return large lists in chunks of this many objects, as kubectl'\''s --chunk-size (0 = one request per list) \[default\: 500\]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server'\''s watch cache in one response (resourceVersion=0), as the scheduler'\''s own informer reads them]:N:_default' \
'-o+[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--output=[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--color=[When to colour output\: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never]:WHEN:(auto always never)' \
'*--snapshot=[Read cluster state from a file, a directory (recursively, e.g. a \`kubectl cluster-info dump\`), or \`-\` for stdin, instead of a live cluster. Repeatable]:PATH:_files' \
'--kube-version=[The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default\: the live server'\''s /version, else the version a snapshot recorded, else 1.37)]:MAJOR.MINOR:_default' \
'*--feature-gates=[Feature gates that differ from that release'\''s defaults, spelled as the Kubernetes components spell them\: Name=true,Other=false. Repeatable]:GATES:_default' \
'--distribution=[The distribution whose controllers run\: kubernetes or openshift (default\: detected from the server'\''s API groups, else recorded in the snapshot, else kubernetes)]:NAME:_default' \
'-v+[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--verbose=[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--no-redact[Keep env values, credential-looking annotations and flags, and last-applied configuration]' \
'(--context)--all-contexts[Ask every context of the kubeconfig (a fleet run)]' \
'-A[Span all namespaces (where a command lists across namespaces)]' \
'--all-namespaces[Span all namespaces (where a command lists across namespaces)]' \
'--no-color[Same as --color=never]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(rollout)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file (default\: \$KUBECONFIG, several paths merged, else ~/.kube/config)]:PATH:_files' \
'*--context=[The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run\: one answer per cluster, see docs/fleet.md)]:NAME:_default' \
'(--context)--context-selector=[Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. '\''^prod-'\'']:REGEX:_default' \
'--max-concurrency=[Fleet runs\: how many clusters are asked at once (default 32\: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters'\'' state is held)]:N:_default' \
'-n+[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--namespace=[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--request-timeout=[How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)]:DURATION:_default' \
'--chunk-size=[Return large lists in chunks of this many objects, as kubectl'\''s --chunk-size (0 = one request per list) \[default\: 500\]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server'\''s watch cache in one response (resourceVersion=0), as the scheduler'\''s own informer reads them]:N:_default' \
'-o+[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--output=[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--color=[When to colour output\: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never]:WHEN:(auto always never)' \
'*--snapshot=[Read cluster state from a file, a directory (recursively, e.g. a \`kubectl cluster-info dump\`), or \`-\` for stdin, instead of a live cluster. Repeatable]:PATH:_files' \
'--kube-version=[The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default\: the live server'\''s /version, else the version a snapshot recorded, else 1.37)]:MAJOR.MINOR:_default' \
'*--feature-gates=[Feature gates that differ from that release'\''s defaults, spelled as the Kubernetes components spell them\: Name=true,Other=false. Repeatable]:GATES:_default' \
'--distribution=[The distribution whose controllers run\: kubernetes or openshift (default\: detected from the server'\''s API groups, else recorded in the snapshot, else kubernetes)]:NAME:_default' \
'-v+[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--verbose=[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'(--context)--all-contexts[Ask every context of the kubeconfig (a fleet run)]' \
'-A[Span all namespaces (where a command lists across namespaces)]' \
'--all-namespaces[Span all namespaces (where a command lists across namespaces)]' \
'--no-color[Same as --color=never]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
":: :_kubectl-ds__subcmd__rollout_commands" \
"*::: :->rollout" \
&& ret=0

    case $state in
    (rollout)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-ds-rollout-command-$line[1]:"
        case $line[1] in
            (status)
_arguments "${_arguments_options[@]}" : \
'-w+[Watch until the rollout finishes (--watch=false prints one status and exits 0)]::BOOL:(true false)' \
'--watch=[Watch until the rollout finishes (--watch=false prints one status and exits 0)]::BOOL:(true false)' \
'--timeout=[Give up after this long (e.g. 30s, 5m; 0 = wait forever)]:DURATION:_default' \
'--revision=[Accepted for kubectl compatibility; ignored for DaemonSets (as in kubectl)]:N:_default' \
'--kubeconfig=[Path to the kubeconfig file (default\: \$KUBECONFIG, several paths merged, else ~/.kube/config)]:PATH:_files' \
'*--context=[The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run\: one answer per cluster, see docs/fleet.md)]:NAME:_default' \
'(--context)--context-selector=[Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. '\''^prod-'\'']:REGEX:_default' \
'--max-concurrency=[Fleet runs\: how many clusters are asked at once (default 32\: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters'\'' state is held)]:N:_default' \
'-n+[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--namespace=[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--request-timeout=[How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)]:DURATION:_default' \
'--chunk-size=[Return large lists in chunks of this many objects, as kubectl'\''s --chunk-size (0 = one request per list) \[default\: 500\]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server'\''s watch cache in one response (resourceVersion=0), as the scheduler'\''s own informer reads them]:N:_default' \
'-o+[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--output=[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--color=[When to colour output\: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never]:WHEN:(auto always never)' \
'*--snapshot=[Read cluster state from a file, a directory (recursively, e.g. a \`kubectl cluster-info dump\`), or \`-\` for stdin, instead of a live cluster. Repeatable]:PATH:_files' \
'--kube-version=[The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default\: the live server'\''s /version, else the version a snapshot recorded, else 1.37)]:MAJOR.MINOR:_default' \
'*--feature-gates=[Feature gates that differ from that release'\''s defaults, spelled as the Kubernetes components spell them\: Name=true,Other=false. Repeatable]:GATES:_default' \
'--distribution=[The distribution whose controllers run\: kubernetes or openshift (default\: detected from the server'\''s API groups, else recorded in the snapshot, else kubernetes)]:NAME:_default' \
'-v+[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--verbose=[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'(--context)--all-contexts[Ask every context of the kubeconfig (a fleet run)]' \
'-A[Span all namespaces (where a command lists across namespaces)]' \
'--all-namespaces[Span all namespaces (where a command lists across namespaces)]' \
'--no-color[Same as --color=never]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':daemonset -- The DaemonSet\: NAME, NAMESPACE/NAME, daemonset/NAME, or kubectl'\''s `daemonset NAME`:_default' \
'::name -- The name, when DS was a resource type (`daemonset NAME`, as kubectl accepts):_default' \
&& ret=0
;;
(history)
_arguments "${_arguments_options[@]}" : \
'--revision=[Show the pod template of this revision]:N:_default' \
'--kubeconfig=[Path to the kubeconfig file (default\: \$KUBECONFIG, several paths merged, else ~/.kube/config)]:PATH:_files' \
'*--context=[The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run\: one answer per cluster, see docs/fleet.md)]:NAME:_default' \
'(--context)--context-selector=[Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. '\''^prod-'\'']:REGEX:_default' \
'--max-concurrency=[Fleet runs\: how many clusters are asked at once (default 32\: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters'\'' state is held)]:N:_default' \
'-n+[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--namespace=[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--request-timeout=[How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)]:DURATION:_default' \
'--chunk-size=[Return large lists in chunks of this many objects, as kubectl'\''s --chunk-size (0 = one request per list) \[default\: 500\]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server'\''s watch cache in one response (resourceVersion=0), as the scheduler'\''s own informer reads them]:N:_default' \
'-o+[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--output=[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--color=[When to colour output\: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never]:WHEN:(auto always never)' \
'*--snapshot=[Read cluster state from a file, a directory (recursively, e.g. a \`kubectl cluster-info dump\`), or \`-\` for stdin, instead of a live cluster. Repeatable]:PATH:_files' \
'--kube-version=[The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default\: the live server'\''s /version, else the version a snapshot recorded, else 1.37)]:MAJOR.MINOR:_default' \
'*--feature-gates=[Feature gates that differ from that release'\''s defaults, spelled as the Kubernetes components spell them\: Name=true,Other=false. Repeatable]:GATES:_default' \
'--distribution=[The distribution whose controllers run\: kubernetes or openshift (default\: detected from the server'\''s API groups, else recorded in the snapshot, else kubernetes)]:NAME:_default' \
'-v+[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--verbose=[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'(--context)--all-contexts[Ask every context of the kubeconfig (a fleet run)]' \
'-A[Span all namespaces (where a command lists across namespaces)]' \
'--all-namespaces[Span all namespaces (where a command lists across namespaces)]' \
'--no-color[Same as --color=never]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':daemonset -- The DaemonSet\: NAME, NAMESPACE/NAME, daemonset/NAME, or kubectl'\''s `daemonset NAME`:_default' \
'::name -- The name, when DS was a resource type (`daemonset NAME`, as kubectl accepts):_default' \
&& ret=0
;;
(undo)
_arguments "${_arguments_options[@]}" : \
'--to-revision=[The revision to roll back to (0 = the previous one)]:N:_default' \
'--dry-run=[none (apply), client (print what would be applied) or server (validate on the server)]::MODE:_default' \
'--kubeconfig=[Path to the kubeconfig file (default\: \$KUBECONFIG, several paths merged, else ~/.kube/config)]:PATH:_files' \
'*--context=[The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run\: one answer per cluster, see docs/fleet.md)]:NAME:_default' \
'(--context)--context-selector=[Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. '\''^prod-'\'']:REGEX:_default' \
'--max-concurrency=[Fleet runs\: how many clusters are asked at once (default 32\: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters'\'' state is held)]:N:_default' \
'-n+[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--namespace=[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--request-timeout=[How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)]:DURATION:_default' \
'--chunk-size=[Return large lists in chunks of this many objects, as kubectl'\''s --chunk-size (0 = one request per list) \[default\: 500\]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server'\''s watch cache in one response (resourceVersion=0), as the scheduler'\''s own informer reads them]:N:_default' \
'-o+[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--output=[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--color=[When to colour output\: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never]:WHEN:(auto always never)' \
'*--snapshot=[Read cluster state from a file, a directory (recursively, e.g. a \`kubectl cluster-info dump\`), or \`-\` for stdin, instead of a live cluster. Repeatable]:PATH:_files' \
'--kube-version=[The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default\: the live server'\''s /version, else the version a snapshot recorded, else 1.37)]:MAJOR.MINOR:_default' \
'*--feature-gates=[Feature gates that differ from that release'\''s defaults, spelled as the Kubernetes components spell them\: Name=true,Other=false. Repeatable]:GATES:_default' \
'--distribution=[The distribution whose controllers run\: kubernetes or openshift (default\: detected from the server'\''s API groups, else recorded in the snapshot, else kubernetes)]:NAME:_default' \
'-v+[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--verbose=[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'(--context)--all-contexts[Ask every context of the kubeconfig (a fleet run)]' \
'-A[Span all namespaces (where a command lists across namespaces)]' \
'--all-namespaces[Span all namespaces (where a command lists across namespaces)]' \
'--no-color[Same as --color=never]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':daemonset -- The DaemonSet\: NAME, NAMESPACE/NAME, daemonset/NAME, or kubectl'\''s `daemonset NAME`:_default' \
'::name -- The name, when DS was a resource type (`daemonset NAME`, as kubectl accepts):_default' \
&& ret=0
;;
(restart)
_arguments "${_arguments_options[@]}" : \
'--dry-run=[none (apply), client (print what would be done) or server (validate on the server)]::MODE:_default' \
'--kubeconfig=[Path to the kubeconfig file (default\: \$KUBECONFIG, several paths merged, else ~/.kube/config)]:PATH:_files' \
'*--context=[The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run\: one answer per cluster, see docs/fleet.md)]:NAME:_default' \
'(--context)--context-selector=[Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. '\''^prod-'\'']:REGEX:_default' \
'--max-concurrency=[Fleet runs\: how many clusters are asked at once (default 32\: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters'\'' state is held)]:N:_default' \
'-n+[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--namespace=[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--request-timeout=[How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)]:DURATION:_default' \
'--chunk-size=[Return large lists in chunks of this many objects, as kubectl'\''s --chunk-size (0 = one request per list) \[default\: 500\]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server'\''s watch cache in one response (resourceVersion=0), as the scheduler'\''s own informer reads them]:N:_default' \
'-o+[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--output=[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--color=[When to colour output\: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never]:WHEN:(auto always never)' \
'*--snapshot=[Read cluster state from a file, a directory (recursively, e.g. a \`kubectl cluster-info dump\`), or \`-\` for stdin, instead of a live cluster. Repeatable]:PATH:_files' \
'--kube-version=[The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default\: the live server'\''s /version, else the version a snapshot recorded, else 1.37)]:MAJOR.MINOR:_default' \
'*--feature-gates=[Feature gates that differ from that release'\''s defaults, spelled as the Kubernetes components spell them\: Name=true,Other=false. Repeatable]:GATES:_default' \
'--distribution=[The distribution whose controllers run\: kubernetes or openshift (default\: detected from the server'\''s API groups, else recorded in the snapshot, else kubernetes)]:NAME:_default' \
'-v+[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--verbose=[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'(--context)--all-contexts[Ask every context of the kubeconfig (a fleet run)]' \
'-A[Span all namespaces (where a command lists across namespaces)]' \
'--all-namespaces[Span all namespaces (where a command lists across namespaces)]' \
'--no-color[Same as --color=never]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':daemonset -- The DaemonSet\: NAME, NAMESPACE/NAME, daemonset/NAME, or kubectl'\''s `daemonset NAME`:_default' \
'::name -- The name, when DS was a resource type (`daemonset NAME`, as kubectl accepts):_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-ds__subcmd__rollout__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-ds-rollout-help-command-$line[1]:"
        case $line[1] in
            (status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(history)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(undo)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(restart)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(diff-revision)
_arguments "${_arguments_options[@]}" : \
'-U+[Lines of context around each change (\`--context\` is kubectl'\''s kubeconfig-context flag, so this takes diff'\''s and git'\''s spelling)]:N:_default' \
'--unified=[Lines of context around each change (\`--context\` is kubectl'\''s kubeconfig-context flag, so this takes diff'\''s and git'\''s spelling)]:N:_default' \
'--kubeconfig=[Path to the kubeconfig file (default\: \$KUBECONFIG, several paths merged, else ~/.kube/config)]:PATH:_files' \
'*--context=[The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run\: one answer per cluster, see docs/fleet.md)]:NAME:_default' \
'(--context)--context-selector=[Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. '\''^prod-'\'']:REGEX:_default' \
'--max-concurrency=[Fleet runs\: how many clusters are asked at once (default 32\: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters'\'' state is held)]:N:_default' \
'-n+[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--namespace=[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--request-timeout=[How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)]:DURATION:_default' \
'--chunk-size=[Return large lists in chunks of this many objects, as kubectl'\''s --chunk-size (0 = one request per list) \[default\: 500\]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server'\''s watch cache in one response (resourceVersion=0), as the scheduler'\''s own informer reads them]:N:_default' \
'-o+[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--output=[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--color=[When to colour output\: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never]:WHEN:(auto always never)' \
'*--snapshot=[Read cluster state from a file, a directory (recursively, e.g. a \`kubectl cluster-info dump\`), or \`-\` for stdin, instead of a live cluster. Repeatable]:PATH:_files' \
'--kube-version=[The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default\: the live server'\''s /version, else the version a snapshot recorded, else 1.37)]:MAJOR.MINOR:_default' \
'*--feature-gates=[Feature gates that differ from that release'\''s defaults, spelled as the Kubernetes components spell them\: Name=true,Other=false. Repeatable]:GATES:_default' \
'--distribution=[The distribution whose controllers run\: kubernetes or openshift (default\: detected from the server'\''s API groups, else recorded in the snapshot, else kubernetes)]:NAME:_default' \
'-v+[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--verbose=[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--summary[One line per changed field (\`spec.containers\[agent\].image\: v1 → v2\`)]' \
'--exit-code[Exit 1 when the templates differ (git'\''s convention)]' \
'(--context)--all-contexts[Ask every context of the kubeconfig (a fleet run)]' \
'-A[Span all namespaces (where a command lists across namespaces)]' \
'--all-namespaces[Span all namespaces (where a command lists across namespaces)]' \
'--no-color[Same as --color=never]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
':daemonset -- The DaemonSet\: NAME, NAMESPACE/NAME or daemonset/NAME:_default' \
'::a -- The old side\: a revision number or `live` (default\: the revision before the current one):_default' \
'::b -- The new side\: a revision number or `live` (default\: the current revision):_default' \
&& ret=0
;;
(completion)
_arguments "${_arguments_options[@]}" : \
'--kubeconfig=[Path to the kubeconfig file (default\: \$KUBECONFIG, several paths merged, else ~/.kube/config)]:PATH:_files' \
'*--context=[The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run\: one answer per cluster, see docs/fleet.md)]:NAME:_default' \
'(--context)--context-selector=[Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. '\''^prod-'\'']:REGEX:_default' \
'--max-concurrency=[Fleet runs\: how many clusters are asked at once (default 32\: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters'\'' state is held)]:N:_default' \
'-n+[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--namespace=[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--request-timeout=[How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)]:DURATION:_default' \
'--chunk-size=[Return large lists in chunks of this many objects, as kubectl'\''s --chunk-size (0 = one request per list) \[default\: 500\]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server'\''s watch cache in one response (resourceVersion=0), as the scheduler'\''s own informer reads them]:N:_default' \
'-o+[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--output=[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--color=[When to colour output\: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never]:WHEN:(auto always never)' \
'*--snapshot=[Read cluster state from a file, a directory (recursively, e.g. a \`kubectl cluster-info dump\`), or \`-\` for stdin, instead of a live cluster. Repeatable]:PATH:_files' \
'--kube-version=[The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default\: the live server'\''s /version, else the version a snapshot recorded, else 1.37)]:MAJOR.MINOR:_default' \
'*--feature-gates=[Feature gates that differ from that release'\''s defaults, spelled as the Kubernetes components spell them\: Name=true,Other=false. Repeatable]:GATES:_default' \
'--distribution=[The distribution whose controllers run\: kubernetes or openshift (default\: detected from the server'\''s API groups, else recorded in the snapshot, else kubernetes)]:NAME:_default' \
'-v+[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--verbose=[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'(--context)--all-contexts[Ask every context of the kubeconfig (a fleet run)]' \
'-A[Span all namespaces (where a command lists across namespaces)]' \
'--all-namespaces[Span all namespaces (where a command lists across namespaces)]' \
'--no-color[Same as --color=never]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'::shell -- The shell to generate a script for:(bash zsh fish)' \
":: :_kubectl-ds__subcmd__completion_commands" \
"*::: :->completion" \
&& ret=0

    case $state in
    (completion)
        words=($line[2] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-ds-completion-command-$line[2]:"
        case $line[2] in
            (install)
_arguments "${_arguments_options[@]}" : \
'--dir=[Directory to install into (default\: the directory of this binary)]:DIR:_files' \
'--kubeconfig=[Path to the kubeconfig file (default\: \$KUBECONFIG, several paths merged, else ~/.kube/config)]:PATH:_files' \
'*--context=[The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run\: one answer per cluster, see docs/fleet.md)]:NAME:_default' \
'(--context)--context-selector=[Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. '\''^prod-'\'']:REGEX:_default' \
'--max-concurrency=[Fleet runs\: how many clusters are asked at once (default 32\: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters'\'' state is held)]:N:_default' \
'-n+[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--namespace=[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--request-timeout=[How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)]:DURATION:_default' \
'--chunk-size=[Return large lists in chunks of this many objects, as kubectl'\''s --chunk-size (0 = one request per list) \[default\: 500\]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server'\''s watch cache in one response (resourceVersion=0), as the scheduler'\''s own informer reads them]:N:_default' \
'-o+[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--output=[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--color=[When to colour output\: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never]:WHEN:(auto always never)' \
'*--snapshot=[Read cluster state from a file, a directory (recursively, e.g. a \`kubectl cluster-info dump\`), or \`-\` for stdin, instead of a live cluster. Repeatable]:PATH:_files' \
'--kube-version=[The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default\: the live server'\''s /version, else the version a snapshot recorded, else 1.37)]:MAJOR.MINOR:_default' \
'*--feature-gates=[Feature gates that differ from that release'\''s defaults, spelled as the Kubernetes components spell them\: Name=true,Other=false. Repeatable]:GATES:_default' \
'--distribution=[The distribution whose controllers run\: kubernetes or openshift (default\: detected from the server'\''s API groups, else recorded in the snapshot, else kubernetes)]:NAME:_default' \
'-v+[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--verbose=[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'(--context)--all-contexts[Ask every context of the kubeconfig (a fleet run)]' \
'-A[Span all namespaces (where a command lists across namespaces)]' \
'--all-namespaces[Span all namespaces (where a command lists across namespaces)]' \
'--no-color[Same as --color=never]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-ds__subcmd__completion__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-ds-completion-help-command-$line[1]:"
        case $line[1] in
            (install)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
;;
(validate)
_arguments "${_arguments_options[@]}" : \
'*-f+[Manifest file, directory (read recursively\: .yaml, .yml, .json) or - for stdin. Repeatable]:PATH:_files' \
'*--filename=[Manifest file, directory (read recursively\: .yaml, .yml, .json) or - for stdin. Repeatable]:PATH:_files' \
'*--ignore=[Silence these warning rules for this run (comma-separated or repeated)]:RULES:_default' \
'--kubeconfig=[Path to the kubeconfig file (default\: \$KUBECONFIG, several paths merged, else ~/.kube/config)]:PATH:_files' \
'*--context=[The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run\: one answer per cluster, see docs/fleet.md)]:NAME:_default' \
'(--context)--context-selector=[Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. '\''^prod-'\'']:REGEX:_default' \
'--max-concurrency=[Fleet runs\: how many clusters are asked at once (default 32\: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters'\'' state is held)]:N:_default' \
'-n+[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--namespace=[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--request-timeout=[How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)]:DURATION:_default' \
'--chunk-size=[Return large lists in chunks of this many objects, as kubectl'\''s --chunk-size (0 = one request per list) \[default\: 500\]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server'\''s watch cache in one response (resourceVersion=0), as the scheduler'\''s own informer reads them]:N:_default' \
'-o+[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--output=[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--color=[When to colour output\: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never]:WHEN:(auto always never)' \
'*--snapshot=[Read cluster state from a file, a directory (recursively, e.g. a \`kubectl cluster-info dump\`), or \`-\` for stdin, instead of a live cluster. Repeatable]:PATH:_files' \
'--kube-version=[The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default\: the live server'\''s /version, else the version a snapshot recorded, else 1.37)]:MAJOR.MINOR:_default' \
'*--feature-gates=[Feature gates that differ from that release'\''s defaults, spelled as the Kubernetes components spell them\: Name=true,Other=false. Repeatable]:GATES:_default' \
'--distribution=[The distribution whose controllers run\: kubernetes or openshift (default\: detected from the server'\''s API groups, else recorded in the snapshot, else kubernetes)]:NAME:_default' \
'-v+[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--verbose=[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--strict[Treat unknown fields and DaemonSet warnings as errors (kubectl'\''s strict field validation rejects unknown fields)]' \
'--live[Preview placement against the live cluster (kubeconfig)\: selector immutability for DaemonSets that already exist, nodes matched, nodes where the pod would not fit]' \
'(--context)--all-contexts[Ask every context of the kubeconfig (a fleet run)]' \
'-A[Span all namespaces (where a command lists across namespaces)]' \
'--all-namespaces[Span all namespaces (where a command lists across namespaces)]' \
'--no-color[Same as --color=never]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
&& ret=0
;;
(what-if)
_arguments "${_arguments_options[@]}" : \
'*--nodes=[The nodes to change (repeatable, or comma-separated). Only the chosen nodes are evaluated]:NAME:_default' \
'-l+[The nodes to change, by label selector (e.g. pool=gpu); with --nodes, both must match]:SELECTOR:_default' \
'--selector=[The nodes to change, by label selector (e.g. pool=gpu); with --nodes, both must match]:SELECTOR:_default' \
'*--taint=[Add a taint, kubectl taint syntax (e.g. dedicated=ml\:NoSchedule, gpu\:NoExecute); replaces the value of a taint with the same key and effect. Repeatable]:KEY[=VALUE]:EFFECT:_default' \
'*--untaint=[Remove the taints with KEY (only those with EFFECT, when given); kubectl'\''s KEY- and KEY\:EFFECT- are accepted. Repeatable]:KEY[:EFFECT]:_default' \
'*--label=[Set a node label. Repeatable]:KEY=VALUE:_default' \
'*--unlabel=[Remove a node label (KEY, or kubectl'\''s KEY-). Repeatable]:KEY:_default' \
'-f+[A DaemonSet manifest (YAML/JSON file, or - for stdin) compared with the DaemonSet of the same namespace/name (or with nothing, when it is new)]:MANIFEST:_files' \
'--filename=[A DaemonSet manifest (YAML/JSON file, or - for stdin) compared with the DaemonSet of the same namespace/name (or with nothing, when it is new)]:MANIFEST:_files' \
'*--fail-on=[Exit 1 when any of these effects occurs (comma-separated, e.g. lose,evict,unfit)]:EFFECT:(gain lose evict unfit fit)' \
'--kubeconfig=[Path to the kubeconfig file (default\: \$KUBECONFIG, several paths merged, else ~/.kube/config)]:PATH:_files' \
'*--context=[The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run\: one answer per cluster, see docs/fleet.md)]:NAME:_default' \
'(--context)--context-selector=[Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. '\''^prod-'\'']:REGEX:_default' \
'--max-concurrency=[Fleet runs\: how many clusters are asked at once (default 32\: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters'\'' state is held)]:N:_default' \
'-n+[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--namespace=[Namespace scope (default\: the context'\''s namespace, else "default")]:NS:_default' \
'--request-timeout=[How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)]:DURATION:_default' \
'--chunk-size=[Return large lists in chunks of this many objects, as kubectl'\''s --chunk-size (0 = one request per list) \[default\: 500\]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server'\''s watch cache in one response (resourceVersion=0), as the scheduler'\''s own informer reads them]:N:_default' \
'-o+[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--output=[Output format\: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl'\''s JSONPath over the JSON shape); validate also\: text, junit, sarif]:FORMAT:(table wide json yaml name text junit sarif)' \
'--color=[When to colour output\: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never]:WHEN:(auto always never)' \
'*--snapshot=[Read cluster state from a file, a directory (recursively, e.g. a \`kubectl cluster-info dump\`), or \`-\` for stdin, instead of a live cluster. Repeatable]:PATH:_files' \
'--kube-version=[The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default\: the live server'\''s /version, else the version a snapshot recorded, else 1.37)]:MAJOR.MINOR:_default' \
'*--feature-gates=[Feature gates that differ from that release'\''s defaults, spelled as the Kubernetes components spell them\: Name=true,Other=false. Repeatable]:GATES:_default' \
'--distribution=[The distribution whose controllers run\: kubernetes or openshift (default\: detected from the server'\''s API groups, else recorded in the snapshot, else kubernetes)]:NAME:_default' \
'-v+[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'--verbose=[Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed]::LEVEL:_default' \
'(--uncordon)--cordon[Cordon the nodes (spec.unschedulable and the node.kubernetes.io/unschedulable\:NoSchedule taint). Daemon pods tolerate it by default]' \
'--uncordon[Uncordon the nodes]' \
'(--taint --untaint --label --unlabel --cordon --uncordon)--remove[Remove the nodes from the cluster (their pods go with them)]' \
'(--context)--all-contexts[Ask every context of the kubeconfig (a fleet run)]' \
'-A[Span all namespaces (where a command lists across namespaces)]' \
'--all-namespaces[Span all namespaces (where a command lists across namespaces)]' \
'--no-color[Same as --color=never]' \
'-h[Print help]' \
'--help[Print help]' \
'-V[Print version]' \
'--version[Print version]' \
'*::daemonsets -- DaemonSets to evaluate\: NAME or NAMESPACE/NAME (default\: every DaemonSet in scope, all namespaces unless -n; with only -f, the manifest'\''s DaemonSet):_default' \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-ds__subcmd__help_commands" \
"*::: :->help" \
&& ret=0

    case $state in
    (help)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-ds-help-command-$line[1]:"
        case $line[1] in
            (explain-placement)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(list)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(why-not-scheduled)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(snapshot)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(rollout)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-ds__subcmd__help__subcmd__rollout_commands" \
"*::: :->rollout" \
&& ret=0

    case $state in
    (rollout)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-ds-help-rollout-command-$line[1]:"
        case $line[1] in
            (status)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(history)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(undo)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(restart)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(diff-revision)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(completion)
_arguments "${_arguments_options[@]}" : \
":: :_kubectl-ds__subcmd__help__subcmd__completion_commands" \
"*::: :->completion" \
&& ret=0

    case $state in
    (completion)
        words=($line[1] "${words[@]}")
        (( CURRENT += 1 ))
        curcontext="${curcontext%:*:*}:kubectl-ds-help-completion-command-$line[1]:"
        case $line[1] in
            (install)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
(validate)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(what-if)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
(help)
_arguments "${_arguments_options[@]}" : \
&& ret=0
;;
        esac
    ;;
esac
;;
        esac
    ;;
esac
}

(( $+functions[_kubectl-ds_commands] )) ||
_kubectl-ds_commands() {
    local commands; commands=(
'explain-placement:Show, for every node, whether a DaemonSet'\''s pod should run there, whether it does, and why not' \
'list:Every DaemonSet in scope on one line\: counters, rollout state, the most common reason nodes are not covered' \
'ls:Every DaemonSet in scope on one line\: counters, rollout state, the most common reason nodes are not covered' \
'why-not-scheduled:Explain why DaemonSets are not running (or not ready) on a node' \
'why-not:Explain why DaemonSets are not running (or not ready) on a node' \
'snapshot:Write the cluster state the other commands read to one YAML/JSON file (redacted), for --snapshot' \
'rollout:Rollout status, history and undo for DaemonSets' \
'diff-revision:Show what changed between two revisions of a DaemonSet (or a revision and the live template)' \
'completion:Shell completion\: scripts for bash, zsh, fish, or \`install\` for completion through kubectl' \
'validate:Validate DaemonSet manifests offline\: what the API server would reject, and DaemonSet pitfalls' \
'what-if:Placement before and after a change not made yet\: node taints, labels, cordons, removals, manifests' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-ds commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__completion_commands] )) ||
_kubectl-ds__subcmd__completion_commands() {
    local commands; commands=(
'install:Put \`kubectl_complete-ds\` on PATH (beside this binary) so kubectl completes plugin arguments' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-ds completion commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__completion__subcmd__help_commands] )) ||
_kubectl-ds__subcmd__completion__subcmd__help_commands() {
    local commands; commands=(
'install:Put \`kubectl_complete-ds\` on PATH (beside this binary) so kubectl completes plugin arguments' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-ds completion help commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__completion__subcmd__help__subcmd__help_commands] )) ||
_kubectl-ds__subcmd__completion__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds completion help help commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__completion__subcmd__help__subcmd__install_commands] )) ||
_kubectl-ds__subcmd__completion__subcmd__help__subcmd__install_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds completion help install commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__completion__subcmd__install_commands] )) ||
_kubectl-ds__subcmd__completion__subcmd__install_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds completion install commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__diff-revision_commands] )) ||
_kubectl-ds__subcmd__diff-revision_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds diff-revision commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__explain-placement_commands] )) ||
_kubectl-ds__subcmd__explain-placement_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds explain-placement commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__help_commands] )) ||
_kubectl-ds__subcmd__help_commands() {
    local commands; commands=(
'explain-placement:Show, for every node, whether a DaemonSet'\''s pod should run there, whether it does, and why not' \
'list:Every DaemonSet in scope on one line\: counters, rollout state, the most common reason nodes are not covered' \
'why-not-scheduled:Explain why DaemonSets are not running (or not ready) on a node' \
'snapshot:Write the cluster state the other commands read to one YAML/JSON file (redacted), for --snapshot' \
'rollout:Rollout status, history and undo for DaemonSets' \
'diff-revision:Show what changed between two revisions of a DaemonSet (or a revision and the live template)' \
'completion:Shell completion\: scripts for bash, zsh, fish, or \`install\` for completion through kubectl' \
'validate:Validate DaemonSet manifests offline\: what the API server would reject, and DaemonSet pitfalls' \
'what-if:Placement before and after a change not made yet\: node taints, labels, cordons, removals, manifests' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-ds help commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__help__subcmd__completion_commands] )) ||
_kubectl-ds__subcmd__help__subcmd__completion_commands() {
    local commands; commands=(
'install:Put \`kubectl_complete-ds\` on PATH (beside this binary) so kubectl completes plugin arguments' \
    )
    _describe -t commands 'kubectl-ds help completion commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__help__subcmd__completion__subcmd__install_commands] )) ||
_kubectl-ds__subcmd__help__subcmd__completion__subcmd__install_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds help completion install commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__help__subcmd__diff-revision_commands] )) ||
_kubectl-ds__subcmd__help__subcmd__diff-revision_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds help diff-revision commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__help__subcmd__explain-placement_commands] )) ||
_kubectl-ds__subcmd__help__subcmd__explain-placement_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds help explain-placement commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__help__subcmd__help_commands] )) ||
_kubectl-ds__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds help help commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__help__subcmd__list_commands] )) ||
_kubectl-ds__subcmd__help__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds help list commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__help__subcmd__rollout_commands] )) ||
_kubectl-ds__subcmd__help__subcmd__rollout_commands() {
    local commands; commands=(
'status:Wait for a rollout to finish, showing progress and the nodes that hold it back' \
'history:List revisions (REVISION, CHANGE-CAUSE), or show one revision'\''s pod template' \
'undo:Roll back to a previous revision (guarded against concurrent edits)' \
'restart:Restart every pod of the DaemonSet (kubectl'\''s restartedAt template annotation)' \
    )
    _describe -t commands 'kubectl-ds help rollout commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__help__subcmd__rollout__subcmd__history_commands] )) ||
_kubectl-ds__subcmd__help__subcmd__rollout__subcmd__history_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds help rollout history commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__help__subcmd__rollout__subcmd__restart_commands] )) ||
_kubectl-ds__subcmd__help__subcmd__rollout__subcmd__restart_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds help rollout restart commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__help__subcmd__rollout__subcmd__status_commands] )) ||
_kubectl-ds__subcmd__help__subcmd__rollout__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds help rollout status commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__help__subcmd__rollout__subcmd__undo_commands] )) ||
_kubectl-ds__subcmd__help__subcmd__rollout__subcmd__undo_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds help rollout undo commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__help__subcmd__snapshot_commands] )) ||
_kubectl-ds__subcmd__help__subcmd__snapshot_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds help snapshot commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__help__subcmd__validate_commands] )) ||
_kubectl-ds__subcmd__help__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds help validate commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__help__subcmd__what-if_commands] )) ||
_kubectl-ds__subcmd__help__subcmd__what-if_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds help what-if commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__help__subcmd__why-not-scheduled_commands] )) ||
_kubectl-ds__subcmd__help__subcmd__why-not-scheduled_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds help why-not-scheduled commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__list_commands] )) ||
_kubectl-ds__subcmd__list_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds list commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__rollout_commands] )) ||
_kubectl-ds__subcmd__rollout_commands() {
    local commands; commands=(
'status:Wait for a rollout to finish, showing progress and the nodes that hold it back' \
'history:List revisions (REVISION, CHANGE-CAUSE), or show one revision'\''s pod template' \
'undo:Roll back to a previous revision (guarded against concurrent edits)' \
'restart:Restart every pod of the DaemonSet (kubectl'\''s restartedAt template annotation)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-ds rollout commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__rollout__subcmd__help_commands] )) ||
_kubectl-ds__subcmd__rollout__subcmd__help_commands() {
    local commands; commands=(
'status:Wait for a rollout to finish, showing progress and the nodes that hold it back' \
'history:List revisions (REVISION, CHANGE-CAUSE), or show one revision'\''s pod template' \
'undo:Roll back to a previous revision (guarded against concurrent edits)' \
'restart:Restart every pod of the DaemonSet (kubectl'\''s restartedAt template annotation)' \
'help:Print this message or the help of the given subcommand(s)' \
    )
    _describe -t commands 'kubectl-ds rollout help commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__rollout__subcmd__help__subcmd__help_commands] )) ||
_kubectl-ds__subcmd__rollout__subcmd__help__subcmd__help_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds rollout help help commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__rollout__subcmd__help__subcmd__history_commands] )) ||
_kubectl-ds__subcmd__rollout__subcmd__help__subcmd__history_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds rollout help history commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__rollout__subcmd__help__subcmd__restart_commands] )) ||
_kubectl-ds__subcmd__rollout__subcmd__help__subcmd__restart_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds rollout help restart commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__rollout__subcmd__help__subcmd__status_commands] )) ||
_kubectl-ds__subcmd__rollout__subcmd__help__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds rollout help status commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__rollout__subcmd__help__subcmd__undo_commands] )) ||
_kubectl-ds__subcmd__rollout__subcmd__help__subcmd__undo_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds rollout help undo commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__rollout__subcmd__history_commands] )) ||
_kubectl-ds__subcmd__rollout__subcmd__history_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds rollout history commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__rollout__subcmd__restart_commands] )) ||
_kubectl-ds__subcmd__rollout__subcmd__restart_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds rollout restart commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__rollout__subcmd__status_commands] )) ||
_kubectl-ds__subcmd__rollout__subcmd__status_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds rollout status commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__rollout__subcmd__undo_commands] )) ||
_kubectl-ds__subcmd__rollout__subcmd__undo_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds rollout undo commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__snapshot_commands] )) ||
_kubectl-ds__subcmd__snapshot_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds snapshot commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__validate_commands] )) ||
_kubectl-ds__subcmd__validate_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds validate commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__what-if_commands] )) ||
_kubectl-ds__subcmd__what-if_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds what-if commands' commands "$@"
}
(( $+functions[_kubectl-ds__subcmd__why-not-scheduled_commands] )) ||
_kubectl-ds__subcmd__why-not-scheduled_commands() {
    local commands; commands=()
    _describe -t commands 'kubectl-ds why-not-scheduled commands' commands "$@"
}

if [ "$funcstack[1]" = "_kubectl-ds" ]; then
    _kubectl-ds "$@"
else
    compdef _kubectl-ds kubectl-ds
fi
