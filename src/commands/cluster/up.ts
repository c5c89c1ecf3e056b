// `ktool cluster up`: a local development cluster (real ZooKeeper + N daemons).
import { Flags } from '@oclif/core';
import { KtoolCommand } from '../../cli/base-command.js';
import { UsageError } from '../../cli/errors.js';

export default class ClusterUp extends KtoolCommand {
  static override summary = 'Start a local cluster: Apache ZooKeeper and N broker/controller daemons';

  static override description = [
    'Starts a real ZooKeeper (standalone, or an ensemble with --ensemble 3; jars from $ZOOKEEPER_HOME or /usr/share/java) and N daemons as detached processes with data and logs under --dir; <dir>/cluster.json records PIDs and ports.',
    'In the foreground, Ctrl-C stops everything (brokers with controlled shutdown, then ZooKeeper). With --detach it returns once every broker registered and a controller is elected; stop it with `ktool cluster down`.',
  ].join('\n\n');

  static override examples = ['<%= config.bin %> cluster up --brokers 3 --detach', '<%= config.bin %> cluster up --brokers 6 --racks a,b,c --ensemble 3'];

  static override flags = {
    brokers: Flags.integer({ description: 'number of brokers (ids 1..N)', default: 3 }),
    racks: Flags.string({ description: 'comma-separated racks, assigned to brokers round-robin' }),
    'zookeeper-port': Flags.integer({ description: 'client port of (the first) ZooKeeper', default: 2181 }),
    ensemble: Flags.integer({ description: 'ZooKeeper servers: 1 (standalone) or an odd number >= 3', default: 1 }),
    dir: Flags.string({ description: 'data, logs and cluster.json', default: '.ktool/cluster' }),
    detach: Flags.boolean({ description: 'return once the cluster is up, leaving it running', default: false }),
    override: Flags.string({ description: 'broker property key=value for every broker (repeatable)', multiple: true }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(ClusterUp);
    this.jsonMode = flags.json;
    this.action = 'up';
    if (flags.brokers < 1 || flags.brokers > 64) throw new UsageError(`Invalid --brokers ${flags.brokers}: must be between 1 and 64`);
    if (flags.ensemble < 1 || (flags.ensemble > 1 && (flags.ensemble < 3 || flags.ensemble % 2 === 0)) || flags.ensemble > 7) {
      throw new UsageError(`Invalid --ensemble ${flags.ensemble}: use 1 (standalone) or 3, 5, 7`);
    }
    if (flags['zookeeper-port'] < 1 || flags['zookeeper-port'] + flags.ensemble - 1 > 65535) throw new UsageError(`Invalid --zookeeper-port ${flags['zookeeper-port']}`);
    const racks = flags.racks ? flags.racks.split(',').map((r) => r.trim()) : [];
    if (racks.some((r) => !r)) throw new UsageError(`Invalid --racks "${flags.racks}": empty rack name`);
    const properties: Record<string, string> = {};
    for (const o of flags.override ?? []) {
      const i = o.indexOf('=');
      if (i <= 0) throw new UsageError(`Invalid --override "${o}": expected key=value`);
      properties[o.slice(0, i).trim()] = o.slice(i + 1);
    }
    const svc = await import('../../cluster/cluster-service.js');
    const say = (l: string): void => {
      if (!this.jsonMode) this.line(l);
    };
    let stopping = false;
    let stopRequested: (() => void) | undefined;
    const stopSignal = new Promise<void>((r) => (stopRequested = r));
    const onSignal = (): void => {
      if (stopping) return;
      stopping = true;
      stopRequested!();
    };
    if (!flags.detach) {
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    }
    const { state, controller } = await svc.clusterUp({
      brokers: flags.brokers,
      racks,
      zookeeperPort: flags['zookeeper-port'],
      ensemble: flags.ensemble,
      dir: flags.dir,
      supervisorPid: flags.detach ? null : process.pid,
      properties,
      onProgress: say,
    });
    const connect = state.zookeeper.connect;
    if (this.jsonMode) {
      this.envelope({ zookeeper: connect, controller, dir: state.dir, brokers: state.brokers.map((b) => ({ id: b.id, host: b.host, port: b.port, rack: b.rack, pid: b.pid })) });
    } else {
      say(`Controller: broker ${controller}`);
      say(`Cluster is up: ${state.brokers.length} broker(s), ZooKeeper ${connect}`);
      say(`export KTOOL_ZOOKEEPER=${connect}`);
      say(flags.detach ? `Stop it with: ktool cluster down --dir ${flags.dir}` : 'Press Ctrl-C to stop the cluster');
    }
    if (flags.detach) return;
    await Promise.race([stopSignal, svc.watchCluster(state, say, () => stopping)]);
    stopping = true;
    say('Stopping the cluster (brokers with controlled shutdown, then ZooKeeper)...');
    const res = await svc.clusterDown({ dir: flags.dir });
    for (const b of res.brokers) say(`Broker ${b.id} (pid ${b.pid}): ${b.result}`);
    for (const n of res.zookeeper) say(`ZooKeeper ${n.id} (pid ${n.pid}): ${n.result}`);
    say('Cluster stopped');
  }
}
