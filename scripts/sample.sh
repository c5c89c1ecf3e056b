#!/usr/bin/env bash
# Sample session against a running cluster (`ktool cluster up --detach`): create a topic with
# 3 partitions and replication factor 2, list topics, wait until every partition has a leader,
# then describe it. ZooKeeper comes from $KTOOL_ZOOKEEPER, else from the cluster state file
# ($KTOOL_CLUSTER_DIR or .ktool/cluster)/cluster.json.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ktool="$here/../bin/ktool.js"
topic="${1:-sample}"

if [[ -z "${KTOOL_ZOOKEEPER:-}" ]]; then
  state="${KTOOL_CLUSTER_DIR:-.ktool/cluster}/cluster.json"
  if [[ ! -f "$state" ]]; then
    echo "No \$KTOOL_ZOOKEEPER and no $state: start a cluster with 'ktool cluster up --detach' first" >&2
    exit 1
  fi
  KTOOL_ZOOKEEPER="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).zookeeper.connect)' "$state")"
fi
export KTOOL_ZOOKEEPER
echo "# ZooKeeper: $KTOOL_ZOOKEEPER"

echo "\$ ktool topics --create --topic $topic --partitions 3 --replication-factor 2"
"$ktool" topics --create --topic "$topic" --partitions 3 --replication-factor 2 --if-not-exists

echo "\$ ktool topics --list"
"$ktool" topics --list

echo "# waiting until every partition of $topic has a leader"
deadline=$((SECONDS + 30))
until out="$("$ktool" topics --describe --topic "$topic")" &&
      [[ "$(grep -c 'Partition: ' <<<"$out")" -eq 3 ]] &&
      ! grep -Eq 'Leader: (none|-1)' <<<"$out"; do
  if (( SECONDS > deadline )); then
    echo "Partitions of $topic still have no leader after 30 s:" >&2
    echo "$out" >&2
    exit 1
  fi
  sleep 0.2
done

echo "\$ ktool topics --describe --topic $topic"
echo "$out"
