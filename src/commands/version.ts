import { Command } from '@oclif/core';

export default class Version extends Command {
  static override description = 'Print the ktool version';

  static override examples = [
    { description: 'ktool and Node versions', command: '<%= config.bin %> version' },
  ];
  async run(): Promise<void> {
    process.stdout.write(`ktool/${this.config.version} node-${process.version}\n`);
  }
}
