// /isr_change_notification children (§7.4): leaders changed ISRs; refresh those partitions in the
// cache, tell every broker (UpdateMetadata) and delete the processed notifications.
import type { Op } from '../../zk/client.js';
import { decodePartitionList } from '../../zk/codecs/partitionList.js';
import { ISR_CHANGE_NOTIFICATION } from '../../zk/paths.js';
import { mapLimit } from '../../zk/pipeline.js';
import { tpKey } from '../context.js';
import { READS_IN_FLIGHT, readStates } from '../state-reads.js';
import type { ControllerTerm } from '../term.js';
import { watchedChildren } from '../watched-children.js';

export async function onIsrChangeNotification(term: ControllerTerm): Promise<void> {
  const { ctx, zk, log } = term;
  const w = term.watch('IsrChangeNotification', () => onIsrChangeNotification(term));
  const children = await watchedChildren(zk, ISR_CHANGE_NOTIFICATION, w);
  if (!children.length) return;
  const paths = children.map((c) => `${ISR_CHANGE_NOTIFICATION}/${c}`);
  const seen = new Map<string, { topic: string; partition: number }>();
  await mapLimit(paths, READS_IN_FLIGHT, async (p) => {
    const r = await zk.tryGetData(p);
    if (!r) return;
    try {
      for (const tp of decodePartitionList(r.data, p)) seen.set(tpKey(tp.topic, tp.partition), tp);
    } catch (err) {
      log.warn(`Ignoring ISR change notification ${p}: ${(err as Error).message}`);
    }
  });
  const tps = [...seen.values()].filter((tp) => ctx.partition(tp.topic, tp.partition));
  const states = await readStates(zk, tps);
  tps.forEach((tp, i) => {
    const info = ctx.partition(tp.topic, tp.partition);
    if (info && states[i]) info.li = states[i]!;
  });
  if (tps.length) {
    const batch = term.newBatch();
    batch.addUpdateMetadataAll(tps);
    batch.send(term.channel);
    log.info(`ISR change notifications for ${tps.length} partitions processed`);
  }
  await deleteNotifications(term, paths);
}

export async function deleteNotifications(term: ControllerTerm, paths: string[]): Promise<void> {
  await term.writer.runGroups(paths.map((p): Op[] => [{ op: 'remove', path: p }]));
}

/** On failover the full state is read anyway: existing notifications are redundant (2.x). */
export async function clearIsrChangeNotifications(term: ControllerTerm): Promise<void> {
  const children = await term.zk.childrenOrEmpty(ISR_CHANGE_NOTIFICATION);
  if (children.length) await deleteNotifications(term, children.map((c) => `${ISR_CHANGE_NOTIFICATION}/${c}`));
}
