#!/usr/bin/env bash
# Build release archives of kubectl-ds, and render the krew manifest from its template.
# The release workflow (.github/workflows/release.yml) runs exactly these two steps.
#
#   tools/release.sh [--target TRIPLE]...   build (cargo --release --locked) for this machine,
#                                           or with --target for each TRIPLE (its Rust target
#                                           and linker must be installed), pack each binary with
#                                           LICENSE into DIST/ARCHIVE and write its digest to
#                                           DIST/ARCHIVE.sha256 (sha256sum format)
#   tools/release.sh manifest [--tag vX.Y.Z] [--out FILE]
#                                           render TEMPLATE (.krew.yaml) for the tag (default
#                                           v + Cargo.toml's version) with the sha256 of the
#                                           archives in DIST; all five must be there; writes
#                                           FILE (default DIST/ds.yaml)
#
# Archives are named as the template's uris expect, kubectl-ds_vVERSION_OS_ARCH.tar.gz (.zip for
# windows), with the binary and LICENSE at their root (the manifest's `files`). Packing is
# reproducible: fixed entry order, owner 0, gzip -n, and every mtime set to the time of the last
# commit that changed what goes into the binary or the archive (src/, build.rs, Cargo.*, LICENSE).
# The binary is built with `cargo auditable build` (its dependency list embedded for scanners)
# when cargo-auditable is installed, else with `cargo build` and a note saying so.
#
# Environment: DIST (output directory, default dist/), TEMPLATE (default .krew.yaml),
# BINARY (pack this already built binary instead of running cargo; one target only),
# CARGO_TARGET_DIR (honoured), SOURCE_DATE_EPOCH (archive mtime; default: see above),
# TAR (a GNU tar; gtar is tried on macOS).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
DIST=${DIST:-dist}
TEMPLATE=${TEMPLATE:-.krew.yaml}
TARGET_DIR=${CARGO_TARGET_DIR:-target}

die() { echo "error: $*" >&2; exit 2; }

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)
[ -n "$version" ] || die "no version in Cargo.toml"

sha256() {
    if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1
    else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

# ---- manifest: render the krew template --------------------------------------------------------

# The lines of TEMPLATE with krew-release-bot's two template forms filled in:
#   {{ .TagName }}                            -> the tag
#   {{addURIAndSha "URL" .TagName }}          -> uri: URL / sha256: DIGEST (at the same indent),
#                                                DIGEST being that of DIST/<last part of URL>
# Anything else between {{ and }} is refused rather than left in the manifest.
render() {
    local tag=$1 line n=0 indent url name missing=() tagname addsha
    tagname='\{\{[[:space:]]*\.TagName[[:space:]]*\}\}'
    addsha='^([[:space:]]*)\{\{[[:space:]]*addURIAndSha[[:space:]]+"([^"]+)"[[:space:]]+\.TagName[[:space:]]*\}\}[[:space:]]*$'
    while IFS= read -r line || [ -n "$line" ]; do
        n=$((n + 1))
        if [[ $line =~ $addsha ]]; then
            indent=${BASH_REMATCH[1]}
            url=${BASH_REMATCH[2]}
            while [[ $url =~ $tagname ]]; do url=${url/"${BASH_REMATCH[0]}"/$tag}; done
            name=${url##*/}
            if [ -f "$DIST/$name" ]; then
                printf '%suri: %s\n%ssha256: "%s"\n' "$indent" "$url" "$indent" "$(sha256 "$DIST/$name")"
            else
                missing+=("$name")
            fi
            continue
        fi
        while [[ $line =~ $tagname ]]; do line=${line/"${BASH_REMATCH[0]}"/$tag}; done
        [[ $line != *'{{'* ]] || die "$TEMPLATE:$n: template expression this script does not know: $line"
        printf '%s\n' "$line"
    done <"$TEMPLATE"
    [ ${#missing[@]} -eq 0 ] || die "no archive in $DIST/ for: ${missing[*]}"
}

if [ "${1:-}" = manifest ]; then
    shift
    tag=v$version
    out=
    while [ $# -gt 0 ]; do
        case "$1" in
            --tag) shift; [ $# -gt 0 ] || die "--tag needs a value"; tag=$1 ;;
            --out) shift; [ $# -gt 0 ] || die "--out needs a file"; out=$1 ;;
            *) die "unknown argument $1 (see --help)" ;;
        esac
        shift
    done
    [ "$tag" = "v$version" ] || die "tag $tag is not v + Cargo.toml's version ($version)"
    [ -f "$TEMPLATE" ] || die "$TEMPLATE: no such file"
    out=${out:-$DIST/ds.yaml}
    rendered=$(render "$tag") || exit $?
    mkdir -p "$(dirname "$out")"
    printf '%s\n' "$rendered" >"$out"
    echo "$out"
    exit 0
fi

# ---- archives -----------------------------------------------------------------------------------

# Not exported: cargo's build scripts would see it change and rebuild C dependencies.
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct -- src build.rs Cargo.toml Cargo.lock LICENSE 2>/dev/null || true)}
[ -n "$epoch" ] || die "no SOURCE_DATE_EPOCH and no git history to take it from"

# GNU tar for reproducible archives (--owner, --mtime); macOS: brew install gnu-tar (gtar).
TAR=${TAR:-tar}
if ! "$TAR" --version 2>/dev/null | grep -q "GNU tar"; then
    command -v gtar >/dev/null && TAR=gtar
fi

# Rust target triple -> krew os/arch.
platform() {
    case "$1" in
        x86_64-unknown-linux-gnu|x86_64-unknown-linux-musl) echo "linux amd64" ;;
        aarch64-unknown-linux-gnu|aarch64-unknown-linux-musl) echo "linux arm64" ;;
        x86_64-apple-darwin) echo "darwin amd64" ;;
        aarch64-apple-darwin) echo "darwin arm64" ;;
        x86_64-pc-windows-msvc|x86_64-pc-windows-gnu) echo "windows amd64" ;;
        *) die "unsupported target $1 (krew platforms: linux/darwin amd64+arm64, windows amd64)" ;;
    esac
}

# Archive BINARY for OS/ARCH into $DIST, with ARCHIVE.sha256 beside it; prints the archive path.
package() {
    local bin=$1 os=$2 arch=$3 exe=kubectl-ds stage name dist
    [ "$os" = windows ] && exe=kubectl-ds.exe
    stage=$(mktemp -d)
    cp "$bin" "$stage/$exe"
    cp LICENSE "$stage/LICENSE"
    chmod 0755 "$stage/$exe"
    chmod 0644 "$stage/LICENSE"
    touch -d "@$epoch" "$stage/$exe" "$stage/LICENSE" 2>/dev/null || true
    mkdir -p "$DIST"
    dist=$(cd "$DIST" && pwd)
    if [ "$os" = windows ]; then
        name=kubectl-ds_v${version}_${os}_${arch}.zip
        rm -f "$DIST/$name"
        if command -v zip >/dev/null; then
            (cd "$stage" && zip -X -q "$dist/$name" LICENSE "$exe")
        elif command -v 7z >/dev/null; then # Windows runners have 7-Zip, not zip
            (cd "$stage" && 7z a -tzip -bso0 -bsp0 "$dist/$name" LICENSE "$exe")
        else
            die "zip or 7z is needed for the windows archive"
        fi
    else
        name=kubectl-ds_v${version}_${os}_${arch}.tar.gz
        "$TAR" --version 2>/dev/null | grep -q "GNU tar" || die "GNU tar is needed (set TAR=gtar)"
        "$TAR" -C "$stage" --owner=0 --group=0 --numeric-owner --mtime="@$epoch" \
            -cf - LICENSE "$exe" | gzip -n -9 >"$DIST/$name"
    fi
    rm -rf "$stage"
    printf '%s  %s\n' "$(sha256 "$DIST/$name")" "$name" >"$DIST/$name.sha256"
    echo "$DIST/$name"
}

targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --target) shift; [ $# -gt 0 ] || die "--target needs a triple"; targets+=("$1") ;;
        -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown argument $1 (see --help)" ;;
    esac
    shift
done

# Without --target: this machine's, built into target/release. With it: built with --target
# into target/TRIPLE/release, even when TRIPLE is this machine's (as the release workflow does).
explicit=${#targets[@]}
[ "$explicit" -gt 0 ] || targets=("$(rustc -vV | sed -n 's/^host: //p')")
[ -z "${BINARY:-}" ] || [ ${#targets[@]} -eq 1 ] || die "BINARY takes one target only"
build=(cargo build)
if [ -z "${BINARY:-}" ]; then
    if cargo auditable --version >/dev/null 2>&1; then
        build=(cargo auditable build)
    else
        echo "note: cargo-auditable is not installed; the binary will not embed its dependency list" >&2
    fi
fi

for t in "${targets[@]}"; do
    plat=$(platform "$t") # (a plain assignment, so that set -e sees die's exit)
    read -r os arch <<<"$plat"
    exe=kubectl-ds
    [ "$os" = windows ] && exe=kubectl-ds.exe
    if [ -n "${BINARY:-}" ]; then
        bin=$BINARY
    elif [ "$explicit" -eq 0 ]; then
        "${build[@]}" --release --locked
        bin=$TARGET_DIR/release/$exe
    else
        "${build[@]}" --release --locked --target "$t"
        bin=$TARGET_DIR/$t/release/$exe
    fi
    [ -x "$bin" ] || die "$bin: not built"
    archive=$(package "$bin" "$os" "$arch")
    printf '%s  (%s bytes)\n' "$(cat "$archive.sha256")" "$(wc -c <"$archive" | tr -d ' ')"
done
