// In-process checks of the daemon's configuration parsing (no ZooKeeper needed): Java
// .properties syntax and how Kafka keys map onto BrokerConfig.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProperties } from '../../src/broker/properties.js';
import { buildBrokerConfig, type Setting } from '../../src/broker/config-loader.js';
import { DEFAULT_CONFIG } from '../../src/broker/config.js';

const file = (text: string): Setting[] => [...parseProperties(text)].map(([key, value]) => ({ key, value, source: 'server.properties' }));

describe('broker properties', () => {
  test('Java .properties syntax: separators, comments, continuations, escapes', () => {
    const p = parseProperties(
      ['# comment', '! also a comment', 'a=1', 'b : two words ', '  c   3', 'd=x\\', '   y', 'e\\:f=g\\tz', 'u=\\u0041', 'empty=', ''].join('\n'),
    );
    assert.deepEqual(Object.fromEntries(p), { a: '1', b: 'two words ', c: '3', d: 'xy', 'e:f': 'g\tz', u: 'A', empty: '' });
  });

  test('Kafka keys map to the config; later sources win; defaults are Kafka 0.9 (delete.topic.enable true)', () => {
    const { config, warnings } = buildBrokerConfig([
      ...file('broker.id=3\nlisteners=PLAINTEXT://10.0.0.5:9093\nlog.dirs=/a,/b\nunclean.leader.election.enable=false\nsocket.send.buffer.bytes=1'),
      { key: 'port', value: '9999', source: '--port' },
    ]);
    assert.equal(config.brokerId, 3);
    assert.equal(config.host, '10.0.0.5');
    assert.equal(config.port, 9999);
    assert.equal(config.dataDir, '/a');
    assert.equal(config.uncleanLeaderElectionEnable, false);
    assert.equal(config.deleteTopicEnable, true);
    assert.equal(config.replicaLagTimeMaxMs, DEFAULT_CONFIG.replicaLagTimeMaxMs);
    assert.equal(config.zookeeperSessionTimeoutMs, 6000);
    assert.equal(warnings.length, 2);
    assert.match(warnings[0]!, /log\.dirs lists 2 directories; ktool uses only the first, \/a/);
    assert.match(warnings[1]!, /Ignoring unknown property socket\.send\.buffer\.bytes/);
  });

  test('bad values name the key and where it came from', () => {
    assert.throws(() => buildBrokerConfig(file('broker.id=-1')), /Invalid value "-1" for broker\.id \(from server\.properties\): must be >= 0/);
    assert.throws(() => buildBrokerConfig(file('broker.id=1\nleader.imbalance.per.broker.percentage=101')), /leader\.imbalance\.per\.broker\.percentage.*must be <= 100/);
    assert.throws(() => buildBrokerConfig(file('broker.id=1\nlisteners=SSL://h:1')), /listeners.*one PLAINTEXT:\/\/host:port listener/);
    assert.throws(() => buildBrokerConfig(file('broker.id=1\nlog.level=loud')), /log\.level: expected debug, info, warn or error/);
    assert.throws(() => buildBrokerConfig(file('broker.id=1\nzookeeper.connect=')), /zookeeper\.connect.*must not be empty/);
  });
});
