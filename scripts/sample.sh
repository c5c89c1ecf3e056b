#!/usr/bin/env bash
# The whole job on a running local cluster (`ktool cluster up --brokers 3 --detach`):
#   1. create a topic (6 partitions, replication factor 2) and describe it;
#   2. decommission the highest broker: `reassign --generate` (plan + load chart), `--execute`,
#      `--verify --wait`;
#   3. a preferred replica election, so every partition is led by its first replica again.
# ZooKeeper comes from $KTOOL_ZOOKEEPER, else from the cluster state file
# ($KTOOL_CLUSTER_DIR or .ktool/cluster)/cluster.json. Files it writes go to a temp directory
# that is removed at the end. Usage: scripts/sample.sh [topic]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ktool="$here/../bin/ktool.js"
topic="${1:-sample}"
work="$(mktemp -d "${TMPDIR:-/tmp}/ktool-sample-XXXXXX")"
trap 'rm -rf "$work"' EXIT

if [[ -z "${KTOOL_ZOOKEEPER:-}" ]]; then
  state="${KTOOL_CLUSTER_DIR:-.ktool/cluster}/cluster.json"
  if [[ ! -f "$state" ]]; then
    echo "No \$KTOOL_ZOOKEEPER and no $state: start a cluster with 'ktool cluster up --brokers 3 --detach' first" >&2
    exit 1
  fi
  KTOOL_ZOOKEEPER="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).zookeeper.connect)' "$state")"
fi
export KTOOL_ZOOKEEPER
echo "# ZooKeeper: $KTOOL_ZOOKEEPER"
show() { echo; echo "\$ ktool $*"; "$ktool" "$@"; }

# Polls `topics --describe` until every partition has a leader and `ok` (a grep -E pattern that
# must not match) holds; prints nothing, leaves the last output in $out.
wait_describe() {
  local what="$1" bad="$2" deadline=$((SECONDS + 60))
  until out="$("$ktool" topics --describe --topic "$topic")" &&
        [[ "$(grep -c 'Partition: ' <<<"$out")" -eq 6 ]] &&
        ! grep -Eq 'Leader: (none|-1)' <<<"$out" &&
        { [[ -z "$bad" ]] || ! grep -Eq "$bad" <<<"$out"; }; do
    if (( SECONDS > deadline )); then
      echo "$what: still not there after 60 s:" >&2
      echo "$out" >&2
      exit 1
    fi
    sleep 0.2
  done
}

echo
echo "## 1. Create and describe"
show topics --create --topic "$topic" --partitions 6 --replication-factor 2 --if-not-exists
show topics --list
echo "# waiting until every partition of $topic has a leader"
wait_describe "leaders of $topic" ''
show topics --describe --topic "$topic"

# Brokers the topic uses; the highest one is decommissioned.
brokers="$(grep -o 'Replicas: [0-9,]*' <<<"$out" | cut -d' ' -f2 | tr ',' '\n' | sort -n | uniq)"
if [[ "$(wc -l <<<"$brokers")" -lt 3 ]]; then
  echo "This sample needs 3 brokers (ktool cluster up --brokers 3); $topic uses: $(tr '\n' ' ' <<<"$brokers")" >&2
  exit 1
fi
gone="$(tail -n1 <<<"$brokers")"
keep="$(head -n -1 <<<"$brokers" | paste -sd, -)"

echo
echo "## 2. Decommission broker $gone: generate, execute, verify"
echo "{\"version\":1,\"topics\":[{\"topic\":\"$topic\"}]}" >"$work/topics.json"
echo
echo "\$ ktool reassign --generate --topics-to-move-json-file topics.json --broker-list $keep"
# KTOOL_FORCE_TTY=1: the terminal layout, with the moves and the per-broker load chart.
KTOOL_FORCE_TTY=1 "$ktool" reassign --generate --topics-to-move-json-file "$work/topics.json" --broker-list "$keep"
# Piped, --generate prints Kafka's text: the proposal is the first line of JSON after its heading.
"$ktool" reassign --generate --topics-to-move-json-file "$work/topics.json" --broker-list "$keep" |
  awk '/^Proposed partition reassignment configuration/ { found = 1; next } found && NF { print; exit }' >"$work/plan.json"
[[ -s "$work/plan.json" ]] || { echo "reassign --generate printed no proposal" >&2; exit 1; }
echo "# saved the proposal as plan.json"
cd "$work"
show reassign --execute --reassignment-json-file plan.json --rollback-file rollback.json
show reassign --verify --reassignment-json-file plan.json --wait --timeout 120
wait_describe "replicas off broker $gone" "Replicas: ([0-9]+,)*$gone(,|$|\s)"
show topics --describe --topic "$topic"

echo
echo "## 3. Preferred replica election: every partition led by its first replica"
show preferred-replica-election --wait --timeout 60
wait_describe "preferred leaders" ''
show topics --describe --topic "$topic" --non-preferred-leader-partitions
echo "# (no partition listed above: every leader is its preferred replica)"
