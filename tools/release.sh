#!/usr/bin/env bash
# Build release archives of kubectl-ds and record their sha256 in the krew manifest.
#
#   tools/release.sh                          build for this machine (cargo build --release),
#                                             archive, write the archive's sha256 into the manifest
#   tools/release.sh --target TRIPLE ...      the same for other Rust targets (toolchain and linker
#                                             for TRIPLE must be installed; see docs/install.md)
#   tools/release.sh --archive FILE ...       only record the sha256 of archives built elsewhere
#                                             (e.g. on the macOS and Windows release runners)
#
# Archives are named as krew-manifest.yaml's uris expect, kubectl-ds_vVERSION_OS_ARCH.tar.gz
# (.zip for windows), and hold the binary and LICENSE at their root (the manifest's `files`).
# They are reproducible: sorted entries, owner 0, gzip -n, and every mtime set to the time of the
# last commit that changed what goes into the binary or the archive (src/, Cargo.*, LICENSE), so
# committing the manifest or docs afterwards does not change the archive.
#
# Environment: DIST (output directory, default dist/), MANIFEST (default krew-manifest.yaml),
# BINARY (use this already built binary instead of running cargo; one target only),
# CARGO_TARGET_DIR (honoured), SOURCE_DATE_EPOCH (archive mtime; default: see above).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
DIST=${DIST:-dist}
MANIFEST=${MANIFEST:-krew-manifest.yaml}
TARGET_DIR=${CARGO_TARGET_DIR:-target}

die() { echo "error: $*" >&2; exit 2; }

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
[ -n "$version" ] || die "no version in Cargo.toml"
grep -q "^  version: v$version\$" "$MANIFEST" || die "$MANIFEST spec.version is not v$version"
# Not exported: cargo's build scripts would see it change and rebuild C dependencies.
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct -- src Cargo.toml Cargo.lock LICENSE 2>/dev/null)}
[ -n "$epoch" ] || die "no SOURCE_DATE_EPOCH and no git history to take it from"

# GNU tar for reproducible archives (--sort, --mtime); macOS runners: brew install gnu-tar.
TAR=${TAR:-tar}
if ! "$TAR" --version 2>/dev/null | grep -q "GNU tar"; then
    command -v gtar >/dev/null && TAR=gtar
fi

sha256() {
    if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1
    else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

# Rust target triple -> krew os/arch.
platform() {
    case "$1" in
        x86_64-unknown-linux-gnu|x86_64-unknown-linux-musl) echo "linux amd64" ;;
        aarch64-unknown-linux-gnu|aarch64-unknown-linux-musl) echo "linux arm64" ;;
        x86_64-apple-darwin) echo "darwin amd64" ;;
        aarch64-apple-darwin) echo "darwin arm64" ;;
        x86_64-pc-windows-msvc|x86_64-pc-windows-gnu) echo "windows amd64" ;;
        *) die "unsupported target $1 (the manifest lists linux/darwin amd64+arm64, windows amd64)" ;;
    esac
}

# Write SHA into the manifest platform whose uri ends in /NAME; fail if there is none.
record() {
    local name=$1 sha=$2 tmp
    [[ $sha =~ ^[0-9a-f]{64}$ ]] || die "bad sha256 $sha"
    grep -q "^    uri: .*/$name\$" "$MANIFEST" || die "$MANIFEST has no platform with uri …/$name"
    tmp=$(mktemp "$MANIFEST.XXXXXX")
    awk -v name="$name" -v sha="$sha" '
        /^    uri: / { n = split($2, parts, "/"); current = (parts[n] == name) }
        /^    sha256: / && current { print "    sha256: \"" sha "\""; current = 0; next }
        /^  - selector:/ { current = 0 }
        { print }
    ' "$MANIFEST" >"$tmp"
    mv "$tmp" "$MANIFEST"
}

# Archive BINARY for OS/ARCH into $DIST; prints the archive path.
package() {
    local bin=$1 os=$2 arch=$3 exe=kubectl-ds stage name
    [ "$os" = windows ] && exe=kubectl-ds.exe
    stage=$(mktemp -d)
    cp "$bin" "$stage/$exe"
    cp LICENSE "$stage/LICENSE"
    chmod 0755 "$stage/$exe"
    chmod 0644 "$stage/LICENSE"
    touch -d "@$epoch" "$stage/$exe" "$stage/LICENSE" 2>/dev/null || true
    mkdir -p "$DIST"
    if [ "$os" = windows ]; then
        name=kubectl-ds_v${version}_${os}_${arch}.zip
        command -v zip >/dev/null || die "zip is needed for the windows archive"
        rm -f "$DIST/$name"
        (cd "$stage" && zip -X -q "$root/$DIST/$name" LICENSE "$exe")
    else
        name=kubectl-ds_v${version}_${os}_${arch}.tar.gz
        "$TAR" --version 2>/dev/null | grep -q "GNU tar" || die "GNU tar is needed (set TAR=gtar)"
        "$TAR" -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner \
            --mtime="@$epoch" -cf - LICENSE "$exe" | gzip -n -9 >"$DIST/$name"
    fi
    rm -rf "$stage"
    echo "$DIST/$name"
}

report() {
    local archive=$1 sha=$2
    printf '%s  %s  (%s bytes)\n' "$sha" "$archive" "$(wc -c <"$archive" | tr -d ' ')"
}

archives=()
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --archive) shift; [ $# -gt 0 ] || die "--archive needs a file"; archives+=("$1") ;;
        --target) shift; [ $# -gt 0 ] || die "--target needs a triple"; targets+=("$1") ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument $1 (see --help)" ;;
    esac
    shift
done

if [ ${#archives[@]} -gt 0 ]; then
    [ ${#targets[@]} -eq 0 ] || die "--archive and --target do not mix"
    for a in "${archives[@]}"; do
        [ -f "$a" ] || die "$a: no such file"
        sha=$(sha256 "$a")
        record "$(basename "$a")" "$sha"
        report "$a" "$sha"
    done
    exit 0
fi

if [ ${#targets[@]} -eq 0 ]; then
    targets=("$(rustc -vV | sed -n 's/^host: //p')")
fi
[ -z "${BINARY:-}" ] || [ ${#targets[@]} -eq 1 ] || die "BINARY takes one target only"

for t in "${targets[@]}"; do
    plat=$(platform "$t")
    read -r os arch <<<"$plat"
    exe=kubectl-ds
    [ "$os" = windows ] && exe=kubectl-ds.exe
    if [ -n "${BINARY:-}" ]; then
        bin=$BINARY
    else
        host=$(rustc -vV | sed -n 's/^host: //p')
        if [ "$t" = "$host" ]; then
            cargo build --release --locked
            bin=$TARGET_DIR/release/$exe
        else
            cargo build --release --locked --target "$t"
            bin=$TARGET_DIR/$t/release/$exe
        fi
    fi
    [ -x "$bin" ] || die "$bin: not built"
    archive=$(package "$bin" "$os" "$arch")
    sha=$(sha256 "$archive")
    record "$(basename "$archive")" "$sha"
    report "$archive" "$sha"
done
