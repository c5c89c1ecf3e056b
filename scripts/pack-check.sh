#!/usr/bin/env bash
# Packaging check (CI runs it after the tests): the tarball `npm pack` makes must install with
# `npm install -g` into an empty prefix and give a working `ktool`: --help, --version, did-you-mean,
# `topics --list` against a real ZooKeeper, and `cluster up` / `cluster down`. Everything runs
# from a scratch directory outside the repository, so nothing from the work tree (dist/,
# node_modules/) can stand in for a file missing from the package. Leaves nothing behind.
# Needs a prior `npm run build` (the tarball packs dist/ and oclif.manifest.json).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/ktool-pack-check-XXXXXX")"
cluster_dir="$work/cluster"
ktool="$work/prefix/bin/ktool"
cleanup() {
  local rc=$?
  if [[ -f "$cluster_dir/cluster.json" ]]; then "$ktool" cluster down --dir "$cluster_dir" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
fail() { echo "pack-check: FAILED: $*" >&2; exit 1; }

for f in dist/ktool.cjs dist/ktool.cjs.sha256 oclif.manifest.json; do
  [[ -f "$repo/$f" ]] || fail "$f is missing: run npm run build first"
done

echo "pack-check: npm pack"
tgz="$(cd "$repo" && npm pack --silent --pack-destination "$work" | tail -n1)"
listing="$(tar -tzf "$work/$tgz")"
for f in package/bin/ktool.js package/bin/package.json package/dist/ktool.cjs package/dist/ktool.cjs.sha256 package/oclif.manifest.json package/schemas; do
  grep -q "^$f" <<<"$listing" || fail "$f is not in $tgz"
done
# Tests, benches and sources stay out of the package.
if grep -Eq '^package/(dist/test|dist/bench|src|test)/' <<<"$listing"; then fail "$tgz contains test, bench or source files"; fi

echo "pack-check: npm install -g $tgz into an empty prefix"
(cd "$work" && npm install -g --prefix "$work/prefix" --no-audit --no-fund --loglevel=error "$work/$tgz" >/dev/null)
[[ -x "$ktool" ]] || fail "no $ktool after npm install -g"

cd "$work"
# Its own cache directory, so the check also shows where the code cache goes and with what mode.
export XDG_CACHE_HOME="$work/cache"
unset KTOOL_ZOOKEEPER

echo "pack-check: ktool --help"
help="$("$ktool" --help)"
for w in topics reassign preferred-replica-election cluster autocomplete; do grep -q "$w" <<<"$help" || fail "ktool --help does not list $w"; done
"$ktool" --version | grep -q '^ktool/' || fail "ktool --version"
[[ "$(stat -c %a "$XDG_CACHE_HOME/ktool/v8-code-cache")" == 700 ]] || fail "code cache directory is not mode 0700"
ls "$XDG_CACHE_HOME/ktool/v8-code-cache"/*.v8cache >/dev/null 2>&1 || fail "no V8 code cache written"
# Second run reads the cache; same output.
"$ktool" --version | grep -q '^ktool/' || fail "ktool --version with the code cache"
set +e
typo="$("$ktool" topcs 2>&1)"
rc=$?
set -e
[[ $rc == 127 ]] && grep -q 'Did you mean topics' <<<"$typo" || fail "no did-you-mean for 'ktool topcs' (exit $rc): $typo"

port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
echo "pack-check: ktool cluster up (ZooKeeper on $port, 1 broker)"
"$ktool" cluster up --brokers 1 --detach --dir "$cluster_dir" --zookeeper-port "$port" >"$work/up.log" 2>&1 || { cat "$work/up.log" >&2; fail "ktool cluster up"; }
zk="127.0.0.1:$port"

echo "pack-check: ktool topics --list / --create / --describe"
[[ -z "$("$ktool" topics --zookeeper "$zk" --list)" ]] || fail "topics --list on a new cluster is not empty"
"$ktool" topics --zookeeper "$zk" --create --topic pack-check --partitions 2 --replication-factor 1 | grep -q 'Created topic "pack-check"' || fail "topics --create"
[[ "$("$ktool" topics --zookeeper "$zk" --list)" == pack-check ]] || fail "topics --list does not show the new topic"
"$ktool" topics --zookeeper "$zk" --describe --topic pack-check | grep -q 'PartitionCount:2' || fail "topics --describe"

echo "pack-check: ktool cluster down"
"$ktool" cluster down --dir "$cluster_dir" --clean >"$work/down.log" 2>&1 || { cat "$work/down.log" >&2; fail "ktool cluster down"; }
[[ ! -e "$cluster_dir" ]] || fail "cluster down --clean left $cluster_dir"
echo "pack-check: OK ($tgz)"
