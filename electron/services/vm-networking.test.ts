import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EngineState } from '../contract/engine-types.ts';
import { readDockerContext } from '../engine/docker-context.ts';
import { makeTempDir } from '../engine/fake-engine.testkit.ts';
import {
  makeTlsMaterial,
  startTlsEngine,
  type TlsEngine,
  type TlsMaterialFiles,
} from '../engine/tls-engine.testkit.ts';
import type { ManagedStatus } from './managed-engine-port.ts';
import type { VmEngine } from './vm-engine-adapter.ts';
import { VmNetworking, vmSharedFolders } from './vm-networking.ts';

let root: string;
let cleanup: () => Promise<void>;
let material: TlsMaterialFiles;
let engine: TlsEngine;

beforeAll(async () => {
  ({ dir: root, cleanup } = await makeTempDir('berth-vmnet-'));
  await mkdir(path.join(root, 'certs'));
  material = await makeTlsMaterial(path.join(root, 'certs'));
  engine = await startTlsEngine(material);
}, 60_000);

afterAll(async () => {
  await engine.close();
  await cleanup();
});

/** The parts of the VM engine the networking follows: its status, API port, endpoint, reset. */
function standInVm(apiPort: number) {
  const listeners = new Set<(s: ManagedStatus) => void>();
  const calls: string[] = [];
  const vm = {
    apiPort,
    set(state: EngineState) {
      for (const l of listeners) l({ state, history: [], lastLogLines: [] });
    },
    calls,
    engine: {
      get endpoint() {
        return { url: `tcp://127.0.0.1:${vm.apiPort}`, certPath: material.clientDir };
      },
      driver: {
        get apiPort() {
          return vm.apiPort;
        },
      },
      onStatus: (l: (s: ManagedStatus) => void) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      reset: async () => {
        calls.push('reset');
        return { removed: [], kept: [] };
      },
      dispose: async () => {
        calls.push('dispose');
      },
      vm: { monitor: async () => '' },
      cliHint: { context: 'berth-vm', dockerHost: '' },
    },
  };
  return vm;
}

describe('VmNetworking', () => {
  it('writes the context when the engine runs, rewrites it on a new API port, removes it on Reset', async () => {
    const configDir = path.join(root, 'config-a');
    const networking = new VmNetworking({
      dataDir: '/data/other',
      isDefaultDataDir: false,
      env: {},
      dockerConfigDir: configDir,
    });
    const vm = standInVm(engine.port);
    const attached = networking.attach(vm.engine as unknown as VmEngine);
    const context = () => readDockerContext(configDir, networking.contextName);

    expect(networking.contextName).toMatch(/^berth-vm-[0-9a-f]{6}$/);
    expect(attached.cliHint).toEqual({
      context: networking.contextName,
      dockerHost: `tcp://127.0.0.1:${engine.port}`,
    });
    expect(await context()).toBeNull();

    vm.set('running');
    await vi.waitFor(async () =>
      expect(await context()).toMatchObject({ host: `tcp://127.0.0.1:${engine.port}`, tls: true }),
    );

    vm.set('starting');
    vm.apiPort = engine.port + 1;
    vm.set('running');
    await vi.waitFor(async () =>
      expect((await context())?.host).toBe(`tcp://127.0.0.1:${engine.port + 1}`),
    );

    await attached.reset();
    expect(await context()).toBeNull();
    expect(vm.calls).toEqual(['reset']);

    // Written again at the next start; a data folder of its own leaves none behind at quit.
    vm.set('starting');
    vm.set('running');
    await vi.waitFor(async () => expect(await context()).not.toBeNull());
    await attached.dispose();
    expect(vm.calls).toEqual(['reset', 'dispose']);
    expect(await context()).toBeNull();
  });

  it('tells its listeners when port problems come and go, and forgets them when the engine stops', async () => {
    const networking = new VmNetworking({
      dataDir: '/data/b',
      isDefaultDataDir: true,
      env: {},
      dockerConfigDir: path.join(root, 'config-b'),
    });
    expect(networking.contextName).toBe('berth-vm');
    const changed = vi.fn();
    networking.onChange(changed);
    const vm = standInVm(engine.port);
    const attached = networking.attach(vm.engine as unknown as VmEngine);
    vm.set('running');
    // The stand-in engine runs one container published on the VM's loopback: a port problem.
    await vi.waitFor(() =>
      expect(networking.portProblems()).toEqual([
        expect.objectContaining({ port: 8081, protocol: 'tcp', container: 'through-tls' }),
      ]),
    );
    expect(changed).toHaveBeenCalledTimes(1);
    await vi.waitFor(async () =>
      expect(await readDockerContext(path.join(root, 'config-b'), 'berth-vm')).not.toBeNull(),
    );

    vm.set('stopping');
    expect(networking.portProblems()).toEqual([]);
    expect(changed).toHaveBeenCalledTimes(2);

    // The default data folder's context stays listed after the app quits.
    await attached.dispose();
    expect(await readDockerContext(path.join(root, 'config-b'), 'berth-vm')).not.toBeNull();
  });
});

describe('vmSharedFolders', () => {
  it('shares the home folder unless settings or BERTH_VM_SHARES say otherwise, skipping bad folders', async () => {
    const home = path.join(root, 'home');
    const code = path.join(root, 'code');
    await mkdir(home);
    await mkdir(code);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const settings = (vmSharedFolders: string[] | null) => ({
      read: async () => ({ vmSharedFolders }) as never,
    });

    const only9p = (shares: string[]) => ({ shares, smbShares: [] });
    expect(await vmSharedFolders(settings(null), {}, home, 'linux')).toEqual(only9p([home]));
    expect(await vmSharedFolders(settings([code, '/nope/nothing']), {}, home, 'linux')).toEqual(
      only9p([code]),
    );
    expect(warn).toHaveBeenCalledWith(
      '[vm] not sharing "/nope/nothing" with the VM: it is not a folder on this computer',
    );
    expect(
      await vmSharedFolders(settings([code]), { BERTH_VM_SHARES: home }, home, 'linux'),
    ).toEqual(only9p([home]));
    expect(
      await vmSharedFolders(settings([code]), { BERTH_VM_SHARES: `smb=${home}` }, home, 'linux'),
    ).toEqual({
      shares: [],
      smbShares: [{ folder: home, mountPath: home, server: '10.0.2.4', share: 'qemu' }],
    });
    warn.mockRestore();
  });
});
