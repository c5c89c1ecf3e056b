// `ktool cluster down`: stop what `ktool cluster up` started from --dir.
import { Flags } from '@oclif/core';
import { KtoolCommand } from '../../cli/base-command.js';

export default class ClusterDown extends KtoolCommand {
  static override description = 'Stop a cluster started by `ktool cluster up`: brokers with SIGTERM (controlled shutdown, controller last), then ZooKeeper';

  static override examples = [
    { description: 'Stop the cluster in .ktool/cluster', command: '<%= config.bin %> cluster down' },
    { description: 'Stop it and delete its data and logs', command: '<%= config.bin %> cluster down --dir .ktool/cluster --clean' },
  ];

  static override flags = {
    dir: Flags.string({ description: 'directory given to cluster up', default: '.ktool/cluster' }),
    clean: Flags.boolean({ description: 'also delete the directory (ZooKeeper data, broker data, logs)', default: false }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(ClusterDown);
    this.jsonMode = flags.json;
    this.action = 'down';
    const { clusterDown } = await import('../../cluster/cluster-service.js');
    const res = await clusterDown({ dir: flags.dir, clean: flags.clean });
    if (this.jsonMode) return this.envelope(res);
    for (const b of res.brokers) this.line(`Broker ${b.id} (pid ${b.pid}): ${b.result}`);
    for (const n of res.zookeeper) this.line(`ZooKeeper ${n.id} (pid ${n.pid}): ${n.result}`);
    this.line(`Cluster stopped${flags.clean ? ` and ${flags.dir} removed` : ''}`);
  }
}
