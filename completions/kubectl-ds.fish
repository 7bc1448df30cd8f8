# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_kubectl_ds_global_optspecs
    string join \n kubeconfig= context= all-contexts context-selector= max-concurrency= n/namespace= A/all-namespaces request-timeout= chunk-size= o/output= color= no-color snapshot= kube-version= feature-gates= distribution= v/verbose= h/help V/version
end

function __fish_kubectl_ds_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_kubectl_ds_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_kubectl_ds_using_subcommand
    set -l cmd (__fish_kubectl_ds_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, several paths merged, else ~/.kube/config)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -l context -d 'The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run: one answer per cluster, see docs/fleet.md)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -l context-selector -d 'Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. \'^prod-\'' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -l max-concurrency -d 'Fleet runs: how many clusters are asked at once (default 32: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters\' state is held)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -s n -l namespace -d 'Namespace scope (default: the context\'s namespace, else "default")' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -l request-timeout -d 'How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -l chunk-size -d 'Return large lists in chunks of this many objects, as kubectl\'s --chunk-size (0 = one request per list) [default: 500]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server\'s watch cache in one response (resourceVersion=0), as the scheduler\'s own informer reads them' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -s o -l output -d 'Output format: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl\'s JSONPath over the JSON shape); validate also: text, junit, sarif' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''
text\t''
junit\t''
sarif\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -l color -d 'When to colour output: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -l snapshot -d 'Read cluster state from a file, a directory (recursively, e.g. a `kubectl cluster-info dump`), or `-` for stdin, instead of a live cluster. Repeatable' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -l kube-version -d 'The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default: the live server\'s /version, else the version a snapshot recorded, else 1.37)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -l feature-gates -d 'Feature gates that differ from that release\'s defaults, spelled as the Kubernetes components spell them: Name=true,Other=false. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -l distribution -d 'The distribution whose controllers run: kubernetes or openshift (default: detected from the server\'s API groups, else recorded in the snapshot, else kubernetes)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -s v -l verbose -d 'Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -l all-contexts -d 'Ask every context of the kubeconfig (a fleet run)'
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -s A -l all-namespaces -d 'Span all namespaces (where a command lists across namespaces)'
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -l no-color -d 'Same as --color=never'
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -s h -l help -d 'Print help'
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -s V -l version -d 'Print version'
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -f -a "explain-placement" -d 'Show, for every node, whether a DaemonSet\'s pod should run there, whether it does, and why not'
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -f -a "list" -d 'Every DaemonSet in scope on one line: counters, rollout state, the most common reason nodes are not covered'
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -f -a "ls" -d 'Every DaemonSet in scope on one line: counters, rollout state, the most common reason nodes are not covered'
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -f -a "why-not-scheduled" -d 'Explain why DaemonSets are not running (or not ready) on a node'
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -f -a "why-not" -d 'Explain why DaemonSets are not running (or not ready) on a node'
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -f -a "snapshot" -d 'Write the cluster state the other commands read to one YAML/JSON file (redacted), for --snapshot'
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -f -a "rollout" -d 'Rollout status, history and undo for DaemonSets'
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -f -a "diff-revision" -d 'Show what changed between two revisions of a DaemonSet (or a revision and the live template)'
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -f -a "completion" -d 'Shell completion: scripts for bash, zsh, fish, or `install` for completion through kubectl'
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -f -a "validate" -d 'Validate DaemonSet manifests offline: what the API server would reject, and DaemonSet pitfalls'
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -f -a "what-if" -d 'Placement before and after a change not made yet: node taints, labels, cordons, removals, manifests'
complete -c kubectl-ds -n "__fish_kubectl_ds_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -s f -l filename -d 'Preview a DaemonSet manifest (YAML/JSON file, or - for stdin) instead of one in the cluster' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -s l -l selector -d 'Only nodes matching this label selector (e.g. pool=gpu,!node-role.kubernetes.io/control-plane)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -l node -d 'Only these nodes (repeatable, or comma-separated)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, several paths merged, else ~/.kube/config)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -l context -d 'The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run: one answer per cluster, see docs/fleet.md)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -l context-selector -d 'Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. \'^prod-\'' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -l max-concurrency -d 'Fleet runs: how many clusters are asked at once (default 32: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters\' state is held)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -s n -l namespace -d 'Namespace scope (default: the context\'s namespace, else "default")' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -l request-timeout -d 'How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -l chunk-size -d 'Return large lists in chunks of this many objects, as kubectl\'s --chunk-size (0 = one request per list) [default: 500]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server\'s watch cache in one response (resourceVersion=0), as the scheduler\'s own informer reads them' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -s o -l output -d 'Output format: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl\'s JSONPath over the JSON shape); validate also: text, junit, sarif' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''
text\t''
junit\t''
sarif\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -l color -d 'When to colour output: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -l snapshot -d 'Read cluster state from a file, a directory (recursively, e.g. a `kubectl cluster-info dump`), or `-` for stdin, instead of a live cluster. Repeatable' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -l kube-version -d 'The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default: the live server\'s /version, else the version a snapshot recorded, else 1.37)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -l feature-gates -d 'Feature gates that differ from that release\'s defaults, spelled as the Kubernetes components spell them: Name=true,Other=false. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -l distribution -d 'The distribution whose controllers run: kubernetes or openshift (default: detected from the server\'s API groups, else recorded in the snapshot, else kubernetes)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -s v -l verbose -d 'Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -l problems -d 'Only the nodes that need action: wanted but not running up to date and ready (NotReady, Pending, Failed, Missing, Terminating, Outdated). The summary still counts every node'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -l all-contexts -d 'Ask every context of the kubeconfig (a fleet run)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -s A -l all-namespaces -d 'Span all namespaces (where a command lists across namespaces)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -l no-color -d 'Same as --color=never'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -s h -l help -d 'Print help'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand explain-placement" -s V -l version -d 'Print version'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, several paths merged, else ~/.kube/config)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -l context -d 'The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run: one answer per cluster, see docs/fleet.md)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -l context-selector -d 'Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. \'^prod-\'' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -l max-concurrency -d 'Fleet runs: how many clusters are asked at once (default 32: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters\' state is held)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -s n -l namespace -d 'Namespace scope (default: the context\'s namespace, else "default")' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -l request-timeout -d 'How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -l chunk-size -d 'Return large lists in chunks of this many objects, as kubectl\'s --chunk-size (0 = one request per list) [default: 500]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server\'s watch cache in one response (resourceVersion=0), as the scheduler\'s own informer reads them' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -s o -l output -d 'Output format: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl\'s JSONPath over the JSON shape); validate also: text, junit, sarif' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''
text\t''
junit\t''
sarif\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -l color -d 'When to colour output: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -l snapshot -d 'Read cluster state from a file, a directory (recursively, e.g. a `kubectl cluster-info dump`), or `-` for stdin, instead of a live cluster. Repeatable' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -l kube-version -d 'The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default: the live server\'s /version, else the version a snapshot recorded, else 1.37)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -l feature-gates -d 'Feature gates that differ from that release\'s defaults, spelled as the Kubernetes components spell them: Name=true,Other=false. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -l distribution -d 'The distribution whose controllers run: kubernetes or openshift (default: detected from the server\'s API groups, else recorded in the snapshot, else kubernetes)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -s v -l verbose -d 'Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -l all-contexts -d 'Ask every context of the kubeconfig (a fleet run)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -s A -l all-namespaces -d 'Span all namespaces (where a command lists across namespaces)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -l no-color -d 'Same as --color=never'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -s h -l help -d 'Print help'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand list" -s V -l version -d 'Print version'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, several paths merged, else ~/.kube/config)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -l context -d 'The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run: one answer per cluster, see docs/fleet.md)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -l context-selector -d 'Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. \'^prod-\'' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -l max-concurrency -d 'Fleet runs: how many clusters are asked at once (default 32: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters\' state is held)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -s n -l namespace -d 'Namespace scope (default: the context\'s namespace, else "default")' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -l request-timeout -d 'How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -l chunk-size -d 'Return large lists in chunks of this many objects, as kubectl\'s --chunk-size (0 = one request per list) [default: 500]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server\'s watch cache in one response (resourceVersion=0), as the scheduler\'s own informer reads them' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -s o -l output -d 'Output format: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl\'s JSONPath over the JSON shape); validate also: text, junit, sarif' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''
text\t''
junit\t''
sarif\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -l color -d 'When to colour output: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -l snapshot -d 'Read cluster state from a file, a directory (recursively, e.g. a `kubectl cluster-info dump`), or `-` for stdin, instead of a live cluster. Repeatable' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -l kube-version -d 'The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default: the live server\'s /version, else the version a snapshot recorded, else 1.37)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -l feature-gates -d 'Feature gates that differ from that release\'s defaults, spelled as the Kubernetes components spell them: Name=true,Other=false. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -l distribution -d 'The distribution whose controllers run: kubernetes or openshift (default: detected from the server\'s API groups, else recorded in the snapshot, else kubernetes)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -s v -l verbose -d 'Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -l all-contexts -d 'Ask every context of the kubeconfig (a fleet run)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -s A -l all-namespaces -d 'Span all namespaces (where a command lists across namespaces)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -l no-color -d 'Same as --color=never'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -s h -l help -d 'Print help'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand ls" -s V -l version -d 'Print version'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -s l -l selector -d 'Explain every node matching this label selector instead of one NODE (e.g. pool=gpu)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, several paths merged, else ~/.kube/config)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -l context -d 'The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run: one answer per cluster, see docs/fleet.md)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -l context-selector -d 'Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. \'^prod-\'' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -l max-concurrency -d 'Fleet runs: how many clusters are asked at once (default 32: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters\' state is held)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -s n -l namespace -d 'Namespace scope (default: the context\'s namespace, else "default")' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -l request-timeout -d 'How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -l chunk-size -d 'Return large lists in chunks of this many objects, as kubectl\'s --chunk-size (0 = one request per list) [default: 500]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server\'s watch cache in one response (resourceVersion=0), as the scheduler\'s own informer reads them' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -s o -l output -d 'Output format: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl\'s JSONPath over the JSON shape); validate also: text, junit, sarif' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''
text\t''
junit\t''
sarif\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -l color -d 'When to colour output: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -l snapshot -d 'Read cluster state from a file, a directory (recursively, e.g. a `kubectl cluster-info dump`), or `-` for stdin, instead of a live cluster. Repeatable' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -l kube-version -d 'The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default: the live server\'s /version, else the version a snapshot recorded, else 1.37)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -l feature-gates -d 'Feature gates that differ from that release\'s defaults, spelled as the Kubernetes components spell them: Name=true,Other=false. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -l distribution -d 'The distribution whose controllers run: kubernetes or openshift (default: detected from the server\'s API groups, else recorded in the snapshot, else kubernetes)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -s v -l verbose -d 'Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -l all -d 'Also list DaemonSets that are running and ready on the node'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -l all-contexts -d 'Ask every context of the kubeconfig (a fleet run)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -s A -l all-namespaces -d 'Span all namespaces (where a command lists across namespaces)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -l no-color -d 'Same as --color=never'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -s h -l help -d 'Print help'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not-scheduled" -s V -l version -d 'Print version'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -s l -l selector -d 'Explain every node matching this label selector instead of one NODE (e.g. pool=gpu)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, several paths merged, else ~/.kube/config)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -l context -d 'The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run: one answer per cluster, see docs/fleet.md)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -l context-selector -d 'Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. \'^prod-\'' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -l max-concurrency -d 'Fleet runs: how many clusters are asked at once (default 32: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters\' state is held)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -s n -l namespace -d 'Namespace scope (default: the context\'s namespace, else "default")' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -l request-timeout -d 'How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -l chunk-size -d 'Return large lists in chunks of this many objects, as kubectl\'s --chunk-size (0 = one request per list) [default: 500]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server\'s watch cache in one response (resourceVersion=0), as the scheduler\'s own informer reads them' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -s o -l output -d 'Output format: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl\'s JSONPath over the JSON shape); validate also: text, junit, sarif' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''
text\t''
junit\t''
sarif\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -l color -d 'When to colour output: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -l snapshot -d 'Read cluster state from a file, a directory (recursively, e.g. a `kubectl cluster-info dump`), or `-` for stdin, instead of a live cluster. Repeatable' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -l kube-version -d 'The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default: the live server\'s /version, else the version a snapshot recorded, else 1.37)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -l feature-gates -d 'Feature gates that differ from that release\'s defaults, spelled as the Kubernetes components spell them: Name=true,Other=false. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -l distribution -d 'The distribution whose controllers run: kubernetes or openshift (default: detected from the server\'s API groups, else recorded in the snapshot, else kubernetes)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -s v -l verbose -d 'Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -l all -d 'Also list DaemonSets that are running and ready on the node'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -l all-contexts -d 'Ask every context of the kubeconfig (a fleet run)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -s A -l all-namespaces -d 'Span all namespaces (where a command lists across namespaces)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -l no-color -d 'Same as --color=never'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -s h -l help -d 'Print help'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand why-not" -s V -l version -d 'Print version'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -l file -d 'Write to PATH instead of stdout (created with mode 0600, replaced only once complete)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, several paths merged, else ~/.kube/config)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -l context -d 'The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run: one answer per cluster, see docs/fleet.md)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -l context-selector -d 'Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. \'^prod-\'' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -l max-concurrency -d 'Fleet runs: how many clusters are asked at once (default 32: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters\' state is held)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -s n -l namespace -d 'Namespace scope (default: the context\'s namespace, else "default")' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -l request-timeout -d 'How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -l chunk-size -d 'Return large lists in chunks of this many objects, as kubectl\'s --chunk-size (0 = one request per list) [default: 500]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server\'s watch cache in one response (resourceVersion=0), as the scheduler\'s own informer reads them' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -s o -l output -d 'Output format: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl\'s JSONPath over the JSON shape); validate also: text, junit, sarif' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''
text\t''
junit\t''
sarif\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -l color -d 'When to colour output: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -l snapshot -d 'Read cluster state from a file, a directory (recursively, e.g. a `kubectl cluster-info dump`), or `-` for stdin, instead of a live cluster. Repeatable' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -l kube-version -d 'The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default: the live server\'s /version, else the version a snapshot recorded, else 1.37)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -l feature-gates -d 'Feature gates that differ from that release\'s defaults, spelled as the Kubernetes components spell them: Name=true,Other=false. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -l distribution -d 'The distribution whose controllers run: kubernetes or openshift (default: detected from the server\'s API groups, else recorded in the snapshot, else kubernetes)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -s v -l verbose -d 'Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -l no-redact -d 'Keep env values, credential-looking annotations and flags, and last-applied configuration'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -l all-contexts -d 'Ask every context of the kubeconfig (a fleet run)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -s A -l all-namespaces -d 'Span all namespaces (where a command lists across namespaces)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -l no-color -d 'Same as --color=never'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -s h -l help -d 'Print help'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand snapshot" -s V -l version -d 'Print version'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, several paths merged, else ~/.kube/config)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -l context -d 'The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run: one answer per cluster, see docs/fleet.md)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -l context-selector -d 'Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. \'^prod-\'' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -l max-concurrency -d 'Fleet runs: how many clusters are asked at once (default 32: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters\' state is held)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -s n -l namespace -d 'Namespace scope (default: the context\'s namespace, else "default")' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -l request-timeout -d 'How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -l chunk-size -d 'Return large lists in chunks of this many objects, as kubectl\'s --chunk-size (0 = one request per list) [default: 500]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server\'s watch cache in one response (resourceVersion=0), as the scheduler\'s own informer reads them' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -s o -l output -d 'Output format: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl\'s JSONPath over the JSON shape); validate also: text, junit, sarif' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''
text\t''
junit\t''
sarif\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -l color -d 'When to colour output: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -l snapshot -d 'Read cluster state from a file, a directory (recursively, e.g. a `kubectl cluster-info dump`), or `-` for stdin, instead of a live cluster. Repeatable' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -l kube-version -d 'The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default: the live server\'s /version, else the version a snapshot recorded, else 1.37)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -l feature-gates -d 'Feature gates that differ from that release\'s defaults, spelled as the Kubernetes components spell them: Name=true,Other=false. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -l distribution -d 'The distribution whose controllers run: kubernetes or openshift (default: detected from the server\'s API groups, else recorded in the snapshot, else kubernetes)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -s v -l verbose -d 'Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -l all-contexts -d 'Ask every context of the kubeconfig (a fleet run)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -s A -l all-namespaces -d 'Span all namespaces (where a command lists across namespaces)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -l no-color -d 'Same as --color=never'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -s h -l help -d 'Print help'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -s V -l version -d 'Print version'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -f -a "status" -d 'Wait for a rollout to finish, showing progress and the nodes that hold it back'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -f -a "history" -d 'List revisions (REVISION, CHANGE-CAUSE), or show one revision\'s pod template'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -f -a "undo" -d 'Roll back to a previous revision (guarded against concurrent edits)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -f -a "restart" -d 'Restart every pod of the DaemonSet (kubectl\'s restartedAt template annotation)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and not __fish_seen_subcommand_from status history undo restart help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -s w -l watch -d 'Watch until the rollout finishes (--watch=false prints one status and exits 0)' -r -f -a "true\t''
false\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -l timeout -d 'Give up after this long (e.g. 30s, 5m; 0 = wait forever)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -l revision -d 'Accepted for kubectl compatibility; ignored for DaemonSets (as in kubectl)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, several paths merged, else ~/.kube/config)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -l context -d 'The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run: one answer per cluster, see docs/fleet.md)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -l context-selector -d 'Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. \'^prod-\'' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -l max-concurrency -d 'Fleet runs: how many clusters are asked at once (default 32: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters\' state is held)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -s n -l namespace -d 'Namespace scope (default: the context\'s namespace, else "default")' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -l request-timeout -d 'How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -l chunk-size -d 'Return large lists in chunks of this many objects, as kubectl\'s --chunk-size (0 = one request per list) [default: 500]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server\'s watch cache in one response (resourceVersion=0), as the scheduler\'s own informer reads them' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -s o -l output -d 'Output format: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl\'s JSONPath over the JSON shape); validate also: text, junit, sarif' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''
text\t''
junit\t''
sarif\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -l color -d 'When to colour output: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -l snapshot -d 'Read cluster state from a file, a directory (recursively, e.g. a `kubectl cluster-info dump`), or `-` for stdin, instead of a live cluster. Repeatable' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -l kube-version -d 'The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default: the live server\'s /version, else the version a snapshot recorded, else 1.37)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -l feature-gates -d 'Feature gates that differ from that release\'s defaults, spelled as the Kubernetes components spell them: Name=true,Other=false. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -l distribution -d 'The distribution whose controllers run: kubernetes or openshift (default: detected from the server\'s API groups, else recorded in the snapshot, else kubernetes)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -l all-contexts -d 'Ask every context of the kubeconfig (a fleet run)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -s A -l all-namespaces -d 'Span all namespaces (where a command lists across namespaces)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -l no-color -d 'Same as --color=never'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -l revision -d 'Show the pod template of this revision' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, several paths merged, else ~/.kube/config)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -l context -d 'The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run: one answer per cluster, see docs/fleet.md)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -l context-selector -d 'Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. \'^prod-\'' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -l max-concurrency -d 'Fleet runs: how many clusters are asked at once (default 32: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters\' state is held)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -s n -l namespace -d 'Namespace scope (default: the context\'s namespace, else "default")' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -l request-timeout -d 'How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -l chunk-size -d 'Return large lists in chunks of this many objects, as kubectl\'s --chunk-size (0 = one request per list) [default: 500]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server\'s watch cache in one response (resourceVersion=0), as the scheduler\'s own informer reads them' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -s o -l output -d 'Output format: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl\'s JSONPath over the JSON shape); validate also: text, junit, sarif' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''
text\t''
junit\t''
sarif\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -l color -d 'When to colour output: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -l snapshot -d 'Read cluster state from a file, a directory (recursively, e.g. a `kubectl cluster-info dump`), or `-` for stdin, instead of a live cluster. Repeatable' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -l kube-version -d 'The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default: the live server\'s /version, else the version a snapshot recorded, else 1.37)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -l feature-gates -d 'Feature gates that differ from that release\'s defaults, spelled as the Kubernetes components spell them: Name=true,Other=false. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -l distribution -d 'The distribution whose controllers run: kubernetes or openshift (default: detected from the server\'s API groups, else recorded in the snapshot, else kubernetes)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -s v -l verbose -d 'Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -l all-contexts -d 'Ask every context of the kubeconfig (a fleet run)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -s A -l all-namespaces -d 'Span all namespaces (where a command lists across namespaces)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -l no-color -d 'Same as --color=never'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from history" -s V -l version -d 'Print version'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l to-revision -d 'The revision to roll back to (0 = the previous one)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l dry-run -d 'none (apply), client (print what would be applied) or server (validate on the server)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, several paths merged, else ~/.kube/config)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l context -d 'The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run: one answer per cluster, see docs/fleet.md)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l context-selector -d 'Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. \'^prod-\'' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l max-concurrency -d 'Fleet runs: how many clusters are asked at once (default 32: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters\' state is held)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -s n -l namespace -d 'Namespace scope (default: the context\'s namespace, else "default")' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l request-timeout -d 'How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l chunk-size -d 'Return large lists in chunks of this many objects, as kubectl\'s --chunk-size (0 = one request per list) [default: 500]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server\'s watch cache in one response (resourceVersion=0), as the scheduler\'s own informer reads them' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -s o -l output -d 'Output format: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl\'s JSONPath over the JSON shape); validate also: text, junit, sarif' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''
text\t''
junit\t''
sarif\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l color -d 'When to colour output: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l snapshot -d 'Read cluster state from a file, a directory (recursively, e.g. a `kubectl cluster-info dump`), or `-` for stdin, instead of a live cluster. Repeatable' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l kube-version -d 'The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default: the live server\'s /version, else the version a snapshot recorded, else 1.37)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l feature-gates -d 'Feature gates that differ from that release\'s defaults, spelled as the Kubernetes components spell them: Name=true,Other=false. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l distribution -d 'The distribution whose controllers run: kubernetes or openshift (default: detected from the server\'s API groups, else recorded in the snapshot, else kubernetes)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -s v -l verbose -d 'Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l all-contexts -d 'Ask every context of the kubeconfig (a fleet run)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -s A -l all-namespaces -d 'Span all namespaces (where a command lists across namespaces)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -l no-color -d 'Same as --color=never'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -s h -l help -d 'Print help'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from undo" -s V -l version -d 'Print version'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l dry-run -d 'none (apply), client (print what would be done) or server (validate on the server)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, several paths merged, else ~/.kube/config)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l context -d 'The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run: one answer per cluster, see docs/fleet.md)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l context-selector -d 'Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. \'^prod-\'' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l max-concurrency -d 'Fleet runs: how many clusters are asked at once (default 32: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters\' state is held)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -s n -l namespace -d 'Namespace scope (default: the context\'s namespace, else "default")' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l request-timeout -d 'How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l chunk-size -d 'Return large lists in chunks of this many objects, as kubectl\'s --chunk-size (0 = one request per list) [default: 500]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server\'s watch cache in one response (resourceVersion=0), as the scheduler\'s own informer reads them' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -s o -l output -d 'Output format: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl\'s JSONPath over the JSON shape); validate also: text, junit, sarif' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''
text\t''
junit\t''
sarif\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l color -d 'When to colour output: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l snapshot -d 'Read cluster state from a file, a directory (recursively, e.g. a `kubectl cluster-info dump`), or `-` for stdin, instead of a live cluster. Repeatable' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l kube-version -d 'The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default: the live server\'s /version, else the version a snapshot recorded, else 1.37)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l feature-gates -d 'Feature gates that differ from that release\'s defaults, spelled as the Kubernetes components spell them: Name=true,Other=false. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l distribution -d 'The distribution whose controllers run: kubernetes or openshift (default: detected from the server\'s API groups, else recorded in the snapshot, else kubernetes)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -s v -l verbose -d 'Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l all-contexts -d 'Ask every context of the kubeconfig (a fleet run)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -s A -l all-namespaces -d 'Span all namespaces (where a command lists across namespaces)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -l no-color -d 'Same as --color=never'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from restart" -s V -l version -d 'Print version'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from help" -f -a "status" -d 'Wait for a rollout to finish, showing progress and the nodes that hold it back'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from help" -f -a "history" -d 'List revisions (REVISION, CHANGE-CAUSE), or show one revision\'s pod template'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from help" -f -a "undo" -d 'Roll back to a previous revision (guarded against concurrent edits)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart every pod of the DaemonSet (kubectl\'s restartedAt template annotation)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand rollout; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -s U -l unified -d 'Lines of context around each change (`--context` is kubectl\'s kubeconfig-context flag, so this takes diff\'s and git\'s spelling)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, several paths merged, else ~/.kube/config)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -l context -d 'The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run: one answer per cluster, see docs/fleet.md)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -l context-selector -d 'Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. \'^prod-\'' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -l max-concurrency -d 'Fleet runs: how many clusters are asked at once (default 32: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters\' state is held)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -s n -l namespace -d 'Namespace scope (default: the context\'s namespace, else "default")' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -l request-timeout -d 'How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -l chunk-size -d 'Return large lists in chunks of this many objects, as kubectl\'s --chunk-size (0 = one request per list) [default: 500]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server\'s watch cache in one response (resourceVersion=0), as the scheduler\'s own informer reads them' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -s o -l output -d 'Output format: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl\'s JSONPath over the JSON shape); validate also: text, junit, sarif' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''
text\t''
junit\t''
sarif\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -l color -d 'When to colour output: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -l snapshot -d 'Read cluster state from a file, a directory (recursively, e.g. a `kubectl cluster-info dump`), or `-` for stdin, instead of a live cluster. Repeatable' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -l kube-version -d 'The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default: the live server\'s /version, else the version a snapshot recorded, else 1.37)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -l feature-gates -d 'Feature gates that differ from that release\'s defaults, spelled as the Kubernetes components spell them: Name=true,Other=false. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -l distribution -d 'The distribution whose controllers run: kubernetes or openshift (default: detected from the server\'s API groups, else recorded in the snapshot, else kubernetes)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -s v -l verbose -d 'Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -l summary -d 'One line per changed field (`spec.containers[agent].image: v1 → v2`)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -l exit-code -d 'Exit 1 when the templates differ (git\'s convention)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -l all-contexts -d 'Ask every context of the kubeconfig (a fleet run)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -s A -l all-namespaces -d 'Span all namespaces (where a command lists across namespaces)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -l no-color -d 'Same as --color=never'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -s h -l help -d 'Print help'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand diff-revision" -s V -l version -d 'Print version'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, several paths merged, else ~/.kube/config)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l context -d 'The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run: one answer per cluster, see docs/fleet.md)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l context-selector -d 'Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. \'^prod-\'' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l max-concurrency -d 'Fleet runs: how many clusters are asked at once (default 32: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters\' state is held)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -s n -l namespace -d 'Namespace scope (default: the context\'s namespace, else "default")' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l request-timeout -d 'How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l chunk-size -d 'Return large lists in chunks of this many objects, as kubectl\'s --chunk-size (0 = one request per list) [default: 500]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server\'s watch cache in one response (resourceVersion=0), as the scheduler\'s own informer reads them' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -s o -l output -d 'Output format: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl\'s JSONPath over the JSON shape); validate also: text, junit, sarif' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''
text\t''
junit\t''
sarif\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l color -d 'When to colour output: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l snapshot -d 'Read cluster state from a file, a directory (recursively, e.g. a `kubectl cluster-info dump`), or `-` for stdin, instead of a live cluster. Repeatable' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l kube-version -d 'The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default: the live server\'s /version, else the version a snapshot recorded, else 1.37)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l feature-gates -d 'Feature gates that differ from that release\'s defaults, spelled as the Kubernetes components spell them: Name=true,Other=false. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l distribution -d 'The distribution whose controllers run: kubernetes or openshift (default: detected from the server\'s API groups, else recorded in the snapshot, else kubernetes)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -s v -l verbose -d 'Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l all-contexts -d 'Ask every context of the kubeconfig (a fleet run)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -s A -l all-namespaces -d 'Span all namespaces (where a command lists across namespaces)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -l no-color -d 'Same as --color=never'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -s h -l help -d 'Print help'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -s V -l version -d 'Print version'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -a "install" -d 'Put `kubectl_complete-ds` on PATH (beside this binary) so kubectl completes plugin arguments'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and not __fish_seen_subcommand_from install help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -l dir -d 'Directory to install into (default: the directory of this binary)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, several paths merged, else ~/.kube/config)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -l context -d 'The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run: one answer per cluster, see docs/fleet.md)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -l context-selector -d 'Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. \'^prod-\'' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -l max-concurrency -d 'Fleet runs: how many clusters are asked at once (default 32: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters\' state is held)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -s n -l namespace -d 'Namespace scope (default: the context\'s namespace, else "default")' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -l request-timeout -d 'How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -l chunk-size -d 'Return large lists in chunks of this many objects, as kubectl\'s --chunk-size (0 = one request per list) [default: 500]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server\'s watch cache in one response (resourceVersion=0), as the scheduler\'s own informer reads them' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -s o -l output -d 'Output format: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl\'s JSONPath over the JSON shape); validate also: text, junit, sarif' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''
text\t''
junit\t''
sarif\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -l color -d 'When to colour output: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -l snapshot -d 'Read cluster state from a file, a directory (recursively, e.g. a `kubectl cluster-info dump`), or `-` for stdin, instead of a live cluster. Repeatable' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -l kube-version -d 'The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default: the live server\'s /version, else the version a snapshot recorded, else 1.37)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -l feature-gates -d 'Feature gates that differ from that release\'s defaults, spelled as the Kubernetes components spell them: Name=true,Other=false. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -l distribution -d 'The distribution whose controllers run: kubernetes or openshift (default: detected from the server\'s API groups, else recorded in the snapshot, else kubernetes)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -s v -l verbose -d 'Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -l all-contexts -d 'Ask every context of the kubeconfig (a fleet run)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -s A -l all-namespaces -d 'Span all namespaces (where a command lists across namespaces)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -l no-color -d 'Same as --color=never'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -s h -l help -d 'Print help'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from install" -s V -l version -d 'Print version'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from help" -f -a "install" -d 'Put `kubectl_complete-ds` on PATH (beside this binary) so kubectl completes plugin arguments'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand completion; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -s f -l filename -d 'Manifest file, directory (read recursively: .yaml, .yml, .json) or - for stdin. Repeatable' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -l ignore -d 'Silence these warning rules for this run (comma-separated or repeated)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, several paths merged, else ~/.kube/config)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -l context -d 'The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run: one answer per cluster, see docs/fleet.md)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -l context-selector -d 'Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. \'^prod-\'' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -l max-concurrency -d 'Fleet runs: how many clusters are asked at once (default 32: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters\' state is held)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -s n -l namespace -d 'Namespace scope (default: the context\'s namespace, else "default")' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -l request-timeout -d 'How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -l chunk-size -d 'Return large lists in chunks of this many objects, as kubectl\'s --chunk-size (0 = one request per list) [default: 500]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server\'s watch cache in one response (resourceVersion=0), as the scheduler\'s own informer reads them' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -s o -l output -d 'Output format: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl\'s JSONPath over the JSON shape); validate also: text, junit, sarif' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''
text\t''
junit\t''
sarif\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -l color -d 'When to colour output: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -l snapshot -d 'Read cluster state from a file, a directory (recursively, e.g. a `kubectl cluster-info dump`), or `-` for stdin, instead of a live cluster. Repeatable' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -l kube-version -d 'The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default: the live server\'s /version, else the version a snapshot recorded, else 1.37)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -l feature-gates -d 'Feature gates that differ from that release\'s defaults, spelled as the Kubernetes components spell them: Name=true,Other=false. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -l distribution -d 'The distribution whose controllers run: kubernetes or openshift (default: detected from the server\'s API groups, else recorded in the snapshot, else kubernetes)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -s v -l verbose -d 'Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -l strict -d 'Treat unknown fields and DaemonSet warnings as errors (kubectl\'s strict field validation rejects unknown fields)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -l live -d 'Preview placement against the live cluster (kubeconfig): selector immutability for DaemonSets that already exist, nodes matched, nodes where the pod would not fit'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -l all-contexts -d 'Ask every context of the kubeconfig (a fleet run)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -s A -l all-namespaces -d 'Span all namespaces (where a command lists across namespaces)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -l no-color -d 'Same as --color=never'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -s h -l help -d 'Print help'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand validate" -s V -l version -d 'Print version'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l nodes -d 'The nodes to change (repeatable, or comma-separated). Only the chosen nodes are evaluated' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -s l -l selector -d 'The nodes to change, by label selector (e.g. pool=gpu); with --nodes, both must match' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l taint -d 'Add a taint, kubectl taint syntax (e.g. dedicated=ml:NoSchedule, gpu:NoExecute); replaces the value of a taint with the same key and effect. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l untaint -d 'Remove the taints with KEY (only those with EFFECT, when given); kubectl\'s KEY- and KEY:EFFECT- are accepted. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l label -d 'Set a node label. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l unlabel -d 'Remove a node label (KEY, or kubectl\'s KEY-). Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -s f -l filename -d 'A DaemonSet manifest (YAML/JSON file, or - for stdin) compared with the DaemonSet of the same namespace/name (or with nothing, when it is new)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l fail-on -d 'Exit 1 when any of these effects occurs (comma-separated, e.g. lose,evict,unfit)' -r -f -a "gain\t''
lose\t''
evict\t''
unfit\t''
fit\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l kubeconfig -d 'Path to the kubeconfig file (default: $KUBECONFIG, several paths merged, else ~/.kube/config)' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l context -d 'The kubeconfig context to use. Repeat it or separate names with commas to ask several clusters at once (a fleet run: one answer per cluster, see docs/fleet.md)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l context-selector -d 'Ask every context of the kubeconfig whose name matches this regular expression (a fleet run), e.g. \'^prod-\'' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l max-concurrency -d 'Fleet runs: how many clusters are asked at once (default 32: the work is waiting on the network, so 50 clusters take two rounds, while at most 32 clusters\' state is held)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -s n -l namespace -d 'Namespace scope (default: the context\'s namespace, else "default")' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l request-timeout -d 'How long to wait for a single API request, e.g. 30s, 1m, 500ms (0 = no limit)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l chunk-size -d 'Return large lists in chunks of this many objects, as kubectl\'s --chunk-size (0 = one request per list) [default: 500]. Given, it also makes the pods of other workloads a consistent, paged read; by default they come from the API server\'s watch cache in one response (resourceVersion=0), as the scheduler\'s own informer reads them' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -s o -l output -d 'Output format: table, wide, json, yaml, name (the listed objects, as kubectl names them), jsonpath=TEMPLATE or jsonpath-as-json=TEMPLATE (kubectl\'s JSONPath over the JSON shape); validate also: text, junit, sarif' -r -f -a "table\t''
wide\t''
json\t''
yaml\t''
name\t''
text\t''
junit\t''
sarif\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l color -d 'When to colour output: auto (only on a terminal, honours NO_COLOR and TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l snapshot -d 'Read cluster state from a file, a directory (recursively, e.g. a `kubectl cluster-info dump`), or `-` for stdin, instead of a live cluster. Repeatable' -r -F
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l kube-version -d 'The Kubernetes release whose controller and scheduler to mirror, 1.30 to 1.37 (default: the live server\'s /version, else the version a snapshot recorded, else 1.37)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l feature-gates -d 'Feature gates that differ from that release\'s defaults, spelled as the Kubernetes components spell them: Name=true,Other=false. Repeatable' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l distribution -d 'The distribution whose controllers run: kubernetes or openshift (default: detected from the server\'s API groups, else recorded in the snapshot, else kubernetes)' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -s v -l verbose -d 'Debug log to stderr (-v, -v=6). Tokens, keys and Authorization headers are never printed' -r
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l cordon -d 'Cordon the nodes (spec.unschedulable and the node.kubernetes.io/unschedulable:NoSchedule taint). Daemon pods tolerate it by default'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l uncordon -d 'Uncordon the nodes'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l remove -d 'Remove the nodes from the cluster (their pods go with them)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l all-contexts -d 'Ask every context of the kubeconfig (a fleet run)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -s A -l all-namespaces -d 'Span all namespaces (where a command lists across namespaces)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -l no-color -d 'Same as --color=never'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -s h -l help -d 'Print help'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand what-if" -s V -l version -d 'Print version'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand help; and not __fish_seen_subcommand_from explain-placement list why-not-scheduled snapshot rollout diff-revision completion validate what-if help" -f -a "explain-placement" -d 'Show, for every node, whether a DaemonSet\'s pod should run there, whether it does, and why not'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand help; and not __fish_seen_subcommand_from explain-placement list why-not-scheduled snapshot rollout diff-revision completion validate what-if help" -f -a "list" -d 'Every DaemonSet in scope on one line: counters, rollout state, the most common reason nodes are not covered'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand help; and not __fish_seen_subcommand_from explain-placement list why-not-scheduled snapshot rollout diff-revision completion validate what-if help" -f -a "why-not-scheduled" -d 'Explain why DaemonSets are not running (or not ready) on a node'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand help; and not __fish_seen_subcommand_from explain-placement list why-not-scheduled snapshot rollout diff-revision completion validate what-if help" -f -a "snapshot" -d 'Write the cluster state the other commands read to one YAML/JSON file (redacted), for --snapshot'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand help; and not __fish_seen_subcommand_from explain-placement list why-not-scheduled snapshot rollout diff-revision completion validate what-if help" -f -a "rollout" -d 'Rollout status, history and undo for DaemonSets'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand help; and not __fish_seen_subcommand_from explain-placement list why-not-scheduled snapshot rollout diff-revision completion validate what-if help" -f -a "diff-revision" -d 'Show what changed between two revisions of a DaemonSet (or a revision and the live template)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand help; and not __fish_seen_subcommand_from explain-placement list why-not-scheduled snapshot rollout diff-revision completion validate what-if help" -f -a "completion" -d 'Shell completion: scripts for bash, zsh, fish, or `install` for completion through kubectl'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand help; and not __fish_seen_subcommand_from explain-placement list why-not-scheduled snapshot rollout diff-revision completion validate what-if help" -f -a "validate" -d 'Validate DaemonSet manifests offline: what the API server would reject, and DaemonSet pitfalls'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand help; and not __fish_seen_subcommand_from explain-placement list why-not-scheduled snapshot rollout diff-revision completion validate what-if help" -f -a "what-if" -d 'Placement before and after a change not made yet: node taints, labels, cordons, removals, manifests'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand help; and not __fish_seen_subcommand_from explain-placement list why-not-scheduled snapshot rollout diff-revision completion validate what-if help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand help; and __fish_seen_subcommand_from rollout" -f -a "status" -d 'Wait for a rollout to finish, showing progress and the nodes that hold it back'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand help; and __fish_seen_subcommand_from rollout" -f -a "history" -d 'List revisions (REVISION, CHANGE-CAUSE), or show one revision\'s pod template'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand help; and __fish_seen_subcommand_from rollout" -f -a "undo" -d 'Roll back to a previous revision (guarded against concurrent edits)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand help; and __fish_seen_subcommand_from rollout" -f -a "restart" -d 'Restart every pod of the DaemonSet (kubectl\'s restartedAt template annotation)'
complete -c kubectl-ds -n "__fish_kubectl_ds_using_subcommand help; and __fish_seen_subcommand_from completion" -f -a "install" -d 'Put `kubectl_complete-ds` on PATH (beside this binary) so kubectl completes plugin arguments'
