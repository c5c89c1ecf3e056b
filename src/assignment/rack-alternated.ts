import { AssignmentError } from './errors.js';
import type { BrokerInfo } from './kafka-assign.js';

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Kafka's rack-alternated broker order: racks sorted by name, brokers inside a rack by id, then
 * one broker from each rack in turn until all are taken.
 * Example: `{0:rack1, 1:rack3, 2:rack3, 3:rack2, 4:rack2, 5:rack1}` → `[0, 3, 1, 5, 4, 2]`.
 * @throws AssignmentError if a broker has no rack
 */
export function rackAlternatedBrokerList(brokers: readonly BrokerInfo[]): number[] {
  const byRack = new Map<string, number[]>();
  for (const b of brokers) {
    if (b.rack === undefined || b.rack === null) {
      throw new AssignmentError('INCOMPLETE_RACK_INFO', 'Not all brokers have rack information for replica rack aware assignment');
    }
    const list = byRack.get(b.rack) ?? [];
    list.push(b.id);
    byRack.set(b.rack, list);
  }
  const racks = [...byRack.keys()].sort(byString).map((r) => byRack.get(r)!.sort((a, b) => a - b));
  const out: number[] = [];
  for (let round = 0; out.length < brokers.length; round++) {
    for (const ids of racks) if (round < ids.length) out.push(ids[round]!);
  }
  return out;
}
