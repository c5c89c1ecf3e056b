// Znode codecs: Kafka 0.9's exact bytes on write (from the 0.9 transcripts), round trips, tolerant
// reads of other versions, and clear errors naming the znode for data that is not Kafka's.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as C from '../../src/zk/codecs/index.js';
import { ZnodeFormatError } from '../../src/zk/errors.js';

const buf = (s: string): Buffer => Buffer.from(s);
const rejects = (fn: () => unknown, path: string, reason: RegExp): void =>
  assert.throws(fn, (e) => e instanceof ZnodeFormatError && e.path === path && reason.test(e.message));

describe('broker registration', () => {
  test('writes Kafka 0.9 JSON (v2) in its key order, v3 with a rack', () => {
    const base = { host: '127.0.0.1', port: 29091, jmxPort: -1, timestamp: '1795596978763', endpoints: [{ listener: 'PLAINTEXT', host: '127.0.0.1', port: 29091 }] };
    assert.equal(
      C.encodeBrokerRegistration({ ...base, rack: null }).toString(),
      '{"jmx_port":-1,"timestamp":"1795596978763","endpoints":["PLAINTEXT://127.0.0.1:29091"],"host":"127.0.0.1","version":2,"port":29091}',
    );
    const v3 = C.encodeBrokerRegistration({ ...base, rack: 'dc1' });
    assert.deepEqual(JSON.parse(v3.toString()).version, 3);
    assert.deepEqual(C.decodeBrokerRegistration(1, v3, '/brokers/ids/1'), { id: 1, version: 3, ...base, rack: 'dc1', ktoolDaemon: false });
  });

  test("a daemon's registration ends with ktool's marker, which decodes back", () => {
    const base = { host: 'h', port: 1, jmxPort: -1, timestamp: '1', endpoints: [{ listener: 'PLAINTEXT', host: 'h', port: 1 }], rack: null };
    const bytes = C.encodeBrokerRegistration({ ...base, ktoolDaemon: true }).toString();
    assert.equal(bytes, '{"jmx_port":-1,"timestamp":"1","endpoints":["PLAINTEXT://h:1"],"host":"h","version":2,"port":1,"ktool_daemon":1}');
    assert.equal(C.decodeBrokerRegistration(1, buf(bytes), '/brokers/ids/1').ktoolDaemon, true);
  });

  test('reads any listener name, as Kafka does (INTERNAL-SASL, client.tls)', () => {
    const r = C.decodeBrokerRegistration(
      0,
      buf('{"version":5,"host":null,"port":-1,"jmx_port":-1,"timestamp":"2","endpoints":["INTERNAL-SASL://10.0.0.1:9094","client.tls://[::1]:9093"],"listener_security_protocol_map":{"INTERNAL-SASL":"SASL_PLAINTEXT","client.tls":"SSL"},"features":{}}'),
      '/brokers/ids/0',
    );
    assert.deepEqual(r.endpoints, [
      { listener: 'INTERNAL-SASL', host: '10.0.0.1', port: 9094 },
      { listener: 'client.tls', host: '::1', port: 9093 },
    ]);
  });

  test('reads v1 (no endpoints) and v4 (listener map, several endpoints, IPv6)', () => {
    const v1 = C.decodeBrokerRegistration(5, buf('{"version":1,"host":"h1","port":9092,"jmx_port":-1,"timestamp":"1"}'), '/brokers/ids/5');
    assert.deepEqual(v1.endpoints, [{ listener: 'PLAINTEXT', host: 'h1', port: 9092 }]);
    const v4 = C.decodeBrokerRegistration(
      2,
      buf('{"version":4,"host":null,"port":-1,"jmx_port":9999,"timestamp":"2","endpoints":["CLIENT://[::1]:9092","REPLICATION://host1:9093"],"listener_security_protocol_map":{"CLIENT":"SSL","REPLICATION":"PLAINTEXT"},"rack":"dc1","features":{}}'),
      '/brokers/ids/2',
    );
    assert.deepEqual(v4.endpoints, [
      { listener: 'CLIENT', host: '::1', port: 9092 },
      { listener: 'REPLICATION', host: 'host1', port: 9093 },
    ]);
    assert.equal(v4.rack, 'dc1');
  });

  test('rejects data that is not a registration, naming the znode', () => {
    rejects(() => C.decodeBrokerRegistration(1, buf('not json'), '/brokers/ids/1'), '/brokers/ids/1', /not JSON/);
    rejects(() => C.decodeBrokerRegistration(1, buf('{"host":"h"}'), '/brokers/ids/1'), '/brokers/ids/1', /version/);
    rejects(() => C.decodeBrokerRegistration(1, null, '/brokers/ids/1'), '/brokers/ids/1', /no data/);
  });
});

describe('topic assignment', () => {
  test('writes version 1 with partitions in id order and round-trips', () => {
    const a = new Map([
      [2, [2, 3, 1]],
      [0, [3, 1, 2]],
      [1, [1, 2, 3]],
    ]);
    const bytes = C.encodeTopicAssignment(a);
    assert.equal(bytes.toString(), '{"version":1,"partitions":{"0":[3,1,2],"1":[1,2,3],"2":[2,3,1]}}');
    assert.deepEqual([...C.decodeTopicAssignment(bytes, '/brokers/topics/dt').partitions], [...a].sort(([x], [y]) => x - y));
  });

  test('reads versions 2 and 3 (adding/removing replicas, topic id)', () => {
    const t = C.decodeTopicAssignment(
      buf('{"version":3,"topic_id":"AAAAAAAAAAAAAAAAAAAAAA","partitions":{"0":[4,1,2]},"adding_replicas":{"0":[4]},"removing_replicas":{"0":[2]}}'),
      '/brokers/topics/t',
    );
    assert.deepEqual(t.partitions.get(0), [4, 1, 2]);
    assert.deepEqual(t.addingReplicas.get(0), [4]);
    assert.deepEqual(t.removingReplicas.get(0), [2]);
    assert.equal(t.topicId, 'AAAAAAAAAAAAAAAAAAAAAA');
  });

  test('rejects non-numeric partition ids and non-integer replicas', () => {
    rejects(() => C.decodeTopicAssignment(buf('{"version":1,"partitions":{"a":[1]}}'), '/brokers/topics/t'), '/brokers/topics/t', /partitions/);
    rejects(() => C.decodeTopicAssignment(buf('{"version":1,"partitions":{"0":["1"]}}'), '/brokers/topics/t'), '/brokers/topics/t', /partitions/);
  });
});

describe('partition state', () => {
  test("writes the 0.9 controller's bytes and round-trips", () => {
    const s = { controllerEpoch: 1, leader: 1, leaderEpoch: 0, isr: [1, 2] };
    const bytes = C.encodePartitionState(s);
    assert.equal(bytes.toString(), '{"controller_epoch":1,"leader":1,"version":1,"leader_epoch":0,"isr":[1,2]}');
    assert.deepEqual(C.decodePartitionState(bytes, '/s'), s);
  });

  test('reads a state without the version key (Kafka\'s own test seeds "versions")', () => {
    assert.deepEqual(C.decodePartitionState(buf('{"controller_epoch":2,"leader":-1,"versions":1,"leader_epoch":6,"isr":[]}'), '/s'), {
      controllerEpoch: 2,
      leader: -1,
      leaderEpoch: 6,
      isr: [],
    });
  });

  test('rejects a state without a leader', () => {
    rejects(() => C.decodePartitionState(buf('{"controller_epoch":1,"leader_epoch":0,"isr":[1]}'), '/s'), '/s', /leader/);
  });
});

describe('admin znodes', () => {
  test('reassign_partitions: exact bytes, round trip, missing partitions reads as none', () => {
    const list = [{ topic: 'foo', partition: 0, replicas: [1, 2] }];
    const bytes = C.encodeReassignPartitions(list);
    assert.equal(bytes.toString(), '{"version":1,"partitions":[{"topic":"foo","partition":0,"replicas":[1,2]}]}');
    assert.deepEqual(C.decodeReassignPartitions(bytes, '/r'), list);
    assert.deepEqual(C.decodeReassignPartitions(buf('{"version":1}'), '/r'), []);
    rejects(() => C.decodeReassignPartitions(buf('{"version":1,"partitions":[{"topic":"foo","partition":-1,"replicas":[1]}]}'), '/r'), '/r', /partition/);
  });

  test('preferred election / isr change lists: exact bytes and round trip', () => {
    const list = [
      { topic: 'auto1', partition: 0 },
      { topic: 'manual1', partition: 2 },
    ];
    const bytes = C.encodePartitionList(list);
    assert.equal(bytes.toString(), '{"version":1,"partitions":[{"topic":"auto1","partition":0},{"topic":"manual1","partition":2}]}');
    assert.deepEqual(C.decodePartitionList(bytes, '/p'), list);
  });
});

describe('config znodes', () => {
  test('entity config: exact bytes, empty overrides, null data reads as none', () => {
    const cfg = new Map([
      ['max.message.bytes', '2000'],
      ['retention.ms', '1000'],
    ]);
    assert.equal(C.encodeEntityConfig(cfg).toString(), '{"version":1,"config":{"max.message.bytes":"2000","retention.ms":"1000"}}');
    assert.equal(C.encodeEntityConfig(new Map()).toString(), '{"version":1,"config":{}}');
    assert.deepEqual([...C.decodeEntityConfig(C.encodeEntityConfig(cfg), '/config/topics/t')], [...cfg]);
    assert.equal(C.decodeEntityConfig(null, '/config/topics/t').size, 0);
    rejects(() => C.decodeEntityConfig(buf('{"version":1,"config":{"retention.ms":1000}}'), '/config/topics/t'), '/config/topics/t', /config/);
  });

  test('config change: writes the 0.9 form, reads the 0.8, 0.9 and 0.10.1+ forms', () => {
    const c = { entityType: 'topics', entityName: 'auto1' };
    assert.equal(C.encodeConfigChange(c).toString(), '{"version":1,"entity_type":"topics","entity_name":"auto1"}');
    assert.deepEqual(C.decodeConfigChange(C.encodeConfigChange(c), '/c'), c);
    assert.deepEqual(C.decodeConfigChange(buf('"my-topic"'), '/c'), { entityType: 'topics', entityName: 'my-topic' });
    assert.deepEqual(C.decodeConfigChange(buf('{"version":2,"entity_path":"users/u/clients/c"}'), '/c'), { entityType: 'users', entityName: 'u/clients/c' });
    rejects(() => C.decodeConfigChange(buf('{"version":3}'), '/c'), '/c', /.+/);
  });
});

describe('controller znodes', () => {
  test('/controller: writes version 1, reads the bare-integer form', () => {
    const bytes = C.encodeController(3, 1795597047302);
    assert.equal(bytes.toString(), '{"version":1,"brokerid":3,"timestamp":"1795597047302"}');
    assert.deepEqual(C.decodeController(bytes, '/controller'), { brokerId: 3, timestamp: '1795597047302', version: 1 });
    assert.deepEqual(C.decodeController(buf('7'), '/controller'), { brokerId: 7, timestamp: '', version: 0 });
    assert.deepEqual(C.decodeController(buf('{"version":2,"brokerid":0,"timestamp":"1","kraftControllerEpoch":-1}'), '/controller'), {
      brokerId: 0, timestamp: '1', version: 2, kraftControllerEpoch: -1,
    });
  });

  test('/controller_epoch: bare decimal, anything else rejected', () => {
    assert.equal(C.encodeControllerEpoch(2).toString(), '2');
    assert.equal(C.decodeControllerEpoch(buf('2'), '/controller_epoch'), 2);
    rejects(() => C.decodeControllerEpoch(buf('two'), '/controller_epoch'), '/controller_epoch', /decimal epoch/);
  });
});
