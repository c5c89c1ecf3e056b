// `ktool broker start`: run one broker/controller daemon in the foreground until SIGTERM/SIGINT
// (controlled shutdown, exit 0); a second signal exits at once.
import { Flags } from '@oclif/core';
import { KtoolCommand } from '../../cli/base-command.js';
import { UsageError } from '../../cli/errors.js';
import { buildBrokerConfig, parseOverrides, readPropertiesFile, type Setting } from '../../broker/config-loader.js';
import { createLogger } from '../../broker/logger.js';
import { validateConnectionString } from '../../zk/connection-string.js';

export default class BrokerStart extends KtoolCommand {
  static override summary = 'Run a broker/controller daemon (Kafka 0.9 ZooKeeper layout) in the foreground';

  static override description = [
    'Registers /brokers/ids/<id>, serves controller requests and follower fetches on one port, keeps ISRs as a leader and campaigns for controller. SIGTERM/SIGINT = controlled shutdown, then exit 0; a second signal exits at once.',
    'Configuration: --config takes a Kafka server.properties (broker.id, zookeeper.connect, zookeeper.session.timeout.ms, zookeeper.connection.timeout.ms, host.name, port, listeners, broker.rack, log.dirs, delete.topic.enable, auto.leader.rebalance.enable, leader.imbalance.per.broker.percentage, leader.imbalance.check.interval.seconds, unclean.leader.election.enable, replica.lag.time.max.ms, controlled.shutdown.enable/max.retries/retry.backoff.ms, controller.socket.timeout.ms); other keys are ignored with a warning. --override key=value beats the file, and the dedicated flags beat both.',
  ].join('\n\n');

  static override examples = ['<%= config.bin %> broker start --broker-id 1 --zookeeper 127.0.0.1:2181/kafka --port 9092 --data-dir /var/lib/ktool/b1'];

  static override flags = {
    'broker-id': Flags.string({ description: 'broker.id', helpValue: '<int>' }),
    rack: Flags.string({ description: 'broker.rack' }),
    host: Flags.string({ description: 'host.name: address to listen on and register (default 127.0.0.1)' }),
    port: Flags.string({ description: 'port: listener port, 0 = any free port (default 0)', helpValue: '<int>' }),
    'data-dir': Flags.string({ description: 'log.dirs: replica directories and meta.properties (default $TMPDIR/ktool-broker-<id>)' }),
    config: Flags.string({ description: 'Kafka server.properties file' }),
    override: Flags.string({ description: 'key=value, overrides the config file (repeatable)', multiple: true }),
    'log-level': Flags.string({ description: 'debug, info, warn or error (default info)' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(BrokerStart);
    const settings: Setting[] = [];
    const fromFile = flags.config ? readPropertiesFile(flags.config) : [];
    if (!flags.zookeeper && process.env.KTOOL_ZOOKEEPER) settings.push({ key: 'zookeeper.connect', value: process.env.KTOOL_ZOOKEEPER, source: 'KTOOL_ZOOKEEPER' });
    settings.push(...fromFile, ...parseOverrides(flags.override ?? []));
    const flagKeys: Array<[string | undefined, string, string]> = [
      [flags['broker-id'], 'broker.id', '--broker-id'],
      [flags.zookeeper, 'zookeeper.connect', '--zookeeper'],
      [flags.rack, 'broker.rack', '--rack'],
      [flags.host, 'host.name', '--host'],
      [flags.port, 'port', '--port'],
      [flags['data-dir'], 'log.dirs', '--data-dir'],
      [flags['log-level'], 'log.level', '--log-level'],
    ];
    for (const [value, key, source] of flagKeys) if (value !== undefined) settings.push({ key, value, source });
    const { config, warnings } = buildBrokerConfig(settings);
    const zkSource = [...settings].reverse().find((x) => x.key === 'zookeeper.connect')?.source ?? 'zookeeper.connect';
    validateConnectionString(config.zookeeperConnect, zkSource === 'zookeeper.connect' ? zkSource : `zookeeper.connect (from ${zkSource})`);
    const log = createLogger(config.logLevel, `broker-${config.brokerId}`);
    for (const w of warnings) log.warn(w);

    // A bug in one background task must not take the broker down silently or at all.
    process.on('unhandledRejection', (err) => log.error(`Unhandled error: ${(err as Error)?.stack ?? String(err)}`));
    // Operators' probe: `kill -USR2 <pid>` logs memory use.
    process.on('SIGUSR2', () => {
      const m = process.memoryUsage();
      const mb = (n: number): string => `${Math.round(n / 1048576)} MB`;
      log.info(`Memory: rss ${mb(m.rss)}, heap used ${mb(m.heapUsed)} of ${mb(m.heapTotal)}, external ${mb(m.external)}, array buffers ${mb(m.arrayBuffers)}`);
    });
    const { Broker } = await import('../../broker/broker.js');
    const broker = new Broker(config, log);
    let signals = 0;
    const done = new Promise<number>((resolve) => {
      const onSignal = (sig: NodeJS.Signals): void => {
        signals++;
        if (signals > 1) {
          log.warn(`Second ${sig}: exiting immediately`);
          broker.force();
          process.exit(sig === 'SIGINT' ? 130 : 143);
        }
        log.info(`Received ${sig}: starting controlled shutdown`);
        broker.shutdown().then(
          () => resolve(0),
          (err: Error) => {
            log.error(`Shutdown failed: ${err.message}`);
            resolve(1);
          },
        );
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
    });
    try {
      await broker.start();
    } catch (err) {
      await broker.abort();
      if (err instanceof UsageError) throw err;
      log.error(`Start-up failed: ${(err as Error).message}`);
      process.exit(1);
    }
    process.exit(await done);
  }
}
