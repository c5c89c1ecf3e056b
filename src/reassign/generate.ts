// --generate: a proposed assignment for the topics to move onto the given brokers. Reads only.
import type { ZkClient } from '../zk/client.js';
import { CommandError } from '../cli/errors.js';
import { liveBrokers } from '../zk/readers.js';
import type { PlannerBroker, PlanStats } from '../assignment/planner/index.js';
import { readCurrentAssignment } from './cluster-view.js';
import { flattenAssignment } from './format.js';
import type { ClusterAssignment, PartitionTarget } from './types.js';

export type Strategy = 'minimal' | 'kafka';

export interface GenerateOptions {
  topics: string[];
  brokerList: number[];
  strategy: Strategy;
  rackAware: boolean;
  replicationFactor?: number;
}

export interface GenerateResult {
  current: PartitionTarget[];
  proposed: PartitionTarget[];
  stats: PlanStats;
}

/** Target brokers: the live brokers named in --broker-list, by id; unknown ids are refused. */
export async function targetBrokers(zk: ZkClient, brokerList: readonly number[], rackAware: boolean): Promise<PlannerBroker[]> {
  const live = await liveBrokers(zk);
  const liveIds = new Set(live.map((b) => b.id));
  const unknown = brokerList.filter((id) => !liveIds.has(id));
  if (unknown.length) throw new CommandError(`Broker list contains brokers that are not registered: ${unknown.join(',')}`);
  const wanted = new Set(brokerList);
  const brokers = live.filter((b) => wanted.has(b.id)).map((b) => ({ id: b.id, rack: rackAware ? b.rack : null }));
  const withRack = brokers.filter((b) => b.rack !== null && b.rack !== undefined).length;
  if (withRack > 0 && withRack < brokers.length) {
    throw new CommandError(
      'Not all brokers have rack information. Add --disable-rack-aware in command line to make replica assignment without rack information.',
    );
  }
  return brokers;
}

function kafkaStrategy(
  assign: typeof import('../assignment/index.js').assignReplicasToBrokers,
  current: ClusterAssignment,
  brokers: PlannerBroker[],
  rf: (topic: string) => number,
): ClusterAssignment {
  const out: ClusterAssignment = new Map();
  for (const [topic, parts] of current) {
    // Each topic gets its own random start, as Kafka's --generate does.
    out.set(topic, assign(brokers, parts.size, rf(topic)));
  }
  return out;
}

export async function generatePlan(zk: ZkClient, opts: GenerateOptions): Promise<GenerateResult> {
  const brokers = await targetBrokers(zk, opts.brokerList, opts.rackAware);
  const current = await readCurrentAssignment(zk, opts.topics);
  const missing = opts.topics.filter((t) => !current.has(t));
  if (missing.length) throw new CommandError(`Topics to move do not exist: ${missing.join(',')}`);
  const rfOf = (topic: string): number => opts.replicationFactor ?? [...current.get(topic)!.values()][0]?.length ?? 0;
  for (const t of opts.topics) {
    const rf = rfOf(t);
    if (rf > brokers.length) throw new CommandError(`replication factor: ${rf} larger than available brokers: ${brokers.length}`);
  }
  const planner = await import('../assignment/planner/index.js');
  let proposed: ClusterAssignment;
  let stats: PlanStats;
  try {
    if (opts.strategy === 'kafka') {
      const { assignReplicasToBrokers } = await import('../assignment/index.js');
      proposed = kafkaStrategy(assignReplicasToBrokers, current, brokers, rfOf);
      stats = planner.planStats(current, proposed, brokers, opts.replicationFactor);
    } else {
      const r = planner.planMinimal({ current, brokers, replicationFactor: opts.replicationFactor, rackAware: opts.rackAware ? undefined : false });
      proposed = r.proposed;
      stats = { moves: r.moves, lowerBound: r.lowerBound, before: r.before, after: r.after };
    }
  } catch (err) {
    if (err instanceof Error && (err.name === 'PlannerError' || err.name === 'AssignmentError')) throw new CommandError(err.message);
    throw err;
  }
  return { current: flattenAssignment(current), proposed: flattenAssignment(proposed), stats };
}
