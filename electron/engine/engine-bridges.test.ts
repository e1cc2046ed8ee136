import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bridgeRecordPath,
  bridgesInNetworkStore,
  bridgesOfNetworks,
  clearBridgeRecord,
  listNetworkBridges,
  readBridgeRecord,
  writeBridgeRecord,
} from './engine-bridges.ts';
import { socketsPerTest, startHttpSocket, startSilentSocket } from './fake-engine.testkit.ts';

const id = 'a1b2c3d4e5f6' + '0'.repeat(52);

describe('bridgesOfNetworks', () => {
  it('names br-<12 hex> for a user bridge network, or its bridge.name option', () => {
    expect(
      bridgesOfNetworks([
        { Id: 'f'.repeat(64), Name: 'bridge', Driver: 'bridge', Options: {} },
        { Id: id, Name: 'todo', Driver: 'bridge', Options: null },
        {
          Id: 'b'.repeat(64),
          Name: 'named',
          Driver: 'bridge',
          Options: { 'com.docker.network.bridge.name': 'mybr0' },
        },
        { Id: 'c'.repeat(64), Name: 'host', Driver: 'host' },
        { Id: 'd'.repeat(64), Name: 'none', Driver: 'null' },
      ]),
    ).toEqual(['br-a1b2c3d4e5f6', 'mybr0']);
  });

  it('drops a bridge.name that is not an interface name', () => {
    const options = { 'com.docker.network.bridge.name': 'far-too-long-a-name' };
    expect(bridgesOfNetworks([{ Id: id, Name: 'x', Driver: 'bridge', Options: options }])).toEqual(
      [],
    );
  });
});

describe('bridgesInNetworkStore', () => {
  it("finds each bridge network's BridgeName among the store's bytes", () => {
    const page = Buffer.concat([
      Buffer.from([0, 1, 2, 0xff]),
      Buffer.from(
        `docker/network/v1.0/bridge/${id}\0{"AddressIPv4":"x","BridgeName":"br-a1b2c3d4e5f6","ID":"${id}"}`,
      ),
      Buffer.from([0, 0]),
      Buffer.from('{"BridgeName":"mybr0","EnableIPv6":false}{"BridgeName":"br-a1b2c3d4e5f6"}'),
    ]);
    expect(bridgesInNetworkStore(page)).toEqual(['br-a1b2c3d4e5f6', 'mybr0']);
  });
});

describe('the bridge record', () => {
  it('keeps names across a reset cut short, once each, and goes when cleared', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-bridges-'));
    expect(await readBridgeRecord(dir)).toEqual([]);
    await writeBridgeRecord(dir, ['br-a1b2c3d4e5f6', 'mybr0', 'br-a1b2c3d4e5f6']);
    expect(await readBridgeRecord(dir)).toEqual(['br-a1b2c3d4e5f6', 'mybr0']);
    await clearBridgeRecord(dir);
    expect(await readBridgeRecord(dir)).toEqual([]);
  });

  it('ignores a damaged record and names that are not interfaces', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-bridges-'));
    await writeFile(bridgeRecordPath(dir), '["ok0", "../../etc", 5');
    expect(await readBridgeRecord(dir)).toEqual([]);
    await writeFile(bridgeRecordPath(dir), '["ok0", "../../etc", 5]');
    expect(await readBridgeRecord(dir)).toEqual(['ok0']);
  });
});

describe('listNetworkBridges', () => {
  const temp = socketsPerTest('berth-bridges-');

  it("names the bridges of the running engine's networks", async () => {
    const engine = await temp.track(
      startHttpSocket(join(temp.dir, 'docker.sock'), (_req, res) => {
        res.end(
          JSON.stringify([
            { Id: 'f'.repeat(64), Name: 'bridge', Driver: 'bridge' },
            { Id: id, Name: 'web', Driver: 'bridge' },
            { Id: 'e'.repeat(64), Name: 'host', Driver: 'host' },
          ]),
        );
      }),
    );

    expect(await listNetworkBridges(engine.socketPath)).toEqual(['br-a1b2c3d4e5f6']);
    expect(engine.requests).toEqual(['/networks']);
  });

  it('is null when the engine refuses, or does not answer in time', async () => {
    const refusing = await temp.track(
      startHttpSocket(join(temp.dir, 'refusing.sock'), (_req, res) => {
        res.statusCode = 500;
        res.end('{"message":"no"}');
      }),
    );
    const silent = await temp.track(startSilentSocket(join(temp.dir, 'silent.sock')));

    expect(await listNetworkBridges(refusing.socketPath)).toBeNull();
    expect(await listNetworkBridges(silent.socketPath, 200)).toBeNull();
  });
});
