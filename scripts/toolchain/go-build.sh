#!/usr/bin/env bash
# Go helpers for the toolchain steps: building a command from the Go module proxy in a throwaway main module
# kept under the cache directory, so module downloads and build outputs survive across runs.
# Sourced, never run on its own.

require_go() {
  command -v go >/dev/null 2>&1 ||
    fail "$1" "Go is not installed, and $2 can only be built from the Go module proxy here" \
      "install Go >= 1.25, or install Pulumi from pulumi.com (curl -fsSL https://get.pulumi.com | sh)"
  export GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0
}

# module_info MODULE@VERSION FIELD: a field of `go mod download -json` (Dir, GoMod, Error, ...).
module_info() {
  { go mod download -json "$1" 2>/dev/null || true; } |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s||"{}");console.log(j[process.argv[1]]??"")})' "$2"
}

# non_local_replaces GOMOD...: the replace directives of these go.mod files whose target is a module version,
# not a local path, as `go mod edit -replace` arguments.
non_local_replaces() {
  local f
  for f in "$@"; do
    # shellcheck disable=SC2016 # the single-quoted text is JavaScript, not shell
    go mod edit -json "$f" |
      node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for (const r of JSON.parse(s).Replace ?? [])
        if (r.New.Version) console.log(`${r.Old.Path}${r.Old.Version ? "@" + r.Old.Version : ""}=${r.New.Path}@${r.New.Version}`)})'
  done | sort -u
}

# write_main_module NAME DIR "PACKAGE..." REQUIRE...: (re)writes a main module in DIR that requires the given
# module@version pairs, applies the replaces listed in $REPLACES and records each PACKAGE as a tool.
write_main_module() {
  local name=$1 dir=$2 pkgs=$3
  shift 3
  mkdir -p "$dir"
  (
    cd "$dir" || exit 1
    rm -f go.mod go.sum
    go mod init "kafka-pulumi.local/toolchain/$name" >/dev/null 2>&1
    local req pkg
    for req in "$@"; do go mod edit -require "$req"; done
    for req in $REPLACES; do go mod edit -replace "$req"; done
    {
      printf '//go:build tools\n\npackage tools\n\nimport (\n'
      for pkg in $pkgs; do printf '\t_ "%s"\n' "$pkg"; done
      printf ')\n'
    } >tools.go
    go mod tidy >tidy.log 2>&1 || { tail -n 20 tidy.log >&2; exit 1; }
  )
}

# build_go_command STEP DIR MAIN_PACKAGE OUTPUT LDFLAGS TAGS REQUIRE...: writes a main module in DIR that requires
# the given module@version pairs and records MAIN_PACKAGE as a tool, then builds it to OUTPUT.
build_go_command() {
  local name=$1 dir=$2 pkg=$3 out=$4 ldflags=$5 tags=$6
  shift 6
  write_main_module "$name" "$dir" "$pkg" "$@" || return 1
  (
    cd "$dir" || exit 1
    go build -trimpath -tags "$tags" -ldflags "$ldflags" -o "$out" "$pkg" >build.log 2>&1 ||
      { tail -n 20 build.log >&2; exit 1; }
  )
}
