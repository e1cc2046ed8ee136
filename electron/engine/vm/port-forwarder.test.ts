import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostPortCheck } from './host-port.ts';
import { PortForwarder } from './port-forwarder.ts';
import type { ContainerPorts, PortProblem } from './published-ports.ts';

/** QEMU's forward table as HMP shows it, with host ports some other program holds. */
class FakeQemu {
  readonly forwards = new Set<string>(['tcp:127.0.0.1:23999-10.0.2.15:2376']);
  readonly takenByOthers = new Set<number>();
  readonly commands: string[] = [];

  monitor = async (command: string): Promise<string> => {
    this.commands.push(command);
    const add = /^hostfwd_add (tcp|udp):127\.0\.0\.1:(\d+)-:(\d+)$/.exec(command);
    if (add) {
      const port = Number(add[2]);
      const taken =
        this.takenByOthers.has(port) ||
        [...this.forwards].some((f) => f.startsWith(`${add[1]}:127.0.0.1:${port}-`));
      if (taken) return `Could not set up host forwarding rule '${command.slice(12)}'\r\n`;
      this.forwards.add(`${add[1]}:127.0.0.1:${port}-10.0.2.15:${add[3]}`);
      return '';
    }
    const remove = /^hostfwd_remove (tcp|udp):127\.0\.0\.1:(\d+)$/.exec(command);
    if (remove) {
      const rule = [...this.forwards].find((f) =>
        f.startsWith(`${remove[1]}:127.0.0.1:${remove[2]}-`),
      );
      if (!rule)
        return `host forwarding rule for ${remove[1]}:127.0.0.1:${remove[2]} not found\r\n`;
      this.forwards.delete(rule);
      return `host forwarding rule for ${remove[1]}:127.0.0.1:${remove[2]} removed\r\n`;
    }
    if (command === 'info usernet') {
      const rows = [...this.forwards].map((f) => {
        const [proto, , hostPort, guest] = f.split(/[:-]/);
        const [guestAddr, guestPort] = [guest, f.split(':').at(-1)];
        return `  ${proto!.toUpperCase()}[HOST_FORWARD]  13       127.0.0.1 ${hostPort}       ${guestAddr} ${guestPort}     0     0`;
      });
      return `Hub -1 (net0):\r\n  Protocol[State]    FD  Source Address  Port   Dest. Address  Port RecvQ SendQ\r\n${rows.join('\r\n')}\r\n`;
    }
    return `unknown command: '${command}'\r\n`;
  };

  /** The host ports forwarded for containers (the API's 23999 aside). */
  containerPorts(): string[] {
    return [...this.forwards]
      .filter((f) => !f.includes(':23999-'))
      .map((f) => `${f.split(':')[0]}/${f.split(':')[2]!.split('-')[0]}`)
      .sort();
  }
}

/** The engine's containers, as inspect shows them. */
class FakeEngine {
  readonly containers = new Map<string, ContainerPorts>();

  run(id: string, ports: Record<string, { HostIp?: string; HostPort?: string }[]>): void {
    this.containers.set(id, {
      Id: id,
      Name: `/${id}`,
      State: { Running: true },
      NetworkSettings: { Ports: ports },
    });
  }

  stop(id: string): void {
    const c = this.containers.get(id);
    if (c) this.containers.set(id, { ...c, State: { Running: false } });
  }

  api = {
    runningContainers: async () =>
      [...this.containers.values()].filter((c) => c.State?.Running).map((c) => c.Id),
    inspect: async (id: string) => this.containers.get(id) ?? null,
  };
}

function setup(opts: { busy?: Set<number>; retryMs?: number } = {}) {
  const qemu = new FakeQemu();
  const engine = new FakeEngine();
  const problems: PortProblem[][] = [];
  const errors: string[] = [];
  const busy = opts.busy ?? new Set<number>();
  const forwarder = new PortForwarder({
    monitor: qemu.monitor,
    engine: engine.api,
    reservedPorts: [23999],
    onProblems: (p) => problems.push(p),
    onError: (m) => errors.push(m),
    checkPort: async (port): Promise<HostPortCheck> =>
      busy.has(port)
        ? { free: false, reason: `port ${port} is in use`, retry: true }
        : { free: true },
    retryMs: opts.retryMs ?? 60_000,
  });
  forwarders.push(forwarder);
  return { qemu, engine, forwarder, problems, errors, busy };
}

const forwarders: PortForwarder[] = [];
afterEach(() => {
  for (const f of forwarders.splice(0)) f.stop();
});

const everywhere = (port: number) => [
  { HostIp: '0.0.0.0', HostPort: String(port) },
  { HostIp: '::', HostPort: String(port) },
];

describe('PortForwarder', () => {
  it('forwards the ports of the containers running at connect', async () => {
    const { qemu, engine, forwarder } = setup();
    engine.run('web', { '80/tcp': everywhere(8080), '53/udp': everywhere(5353) });
    engine.run('db', { '5432/tcp': everywhere(15432) });
    engine.stop('db');

    await forwarder.resync();

    expect(qemu.containerPorts()).toEqual(['tcp/8080', 'udp/5353']);
  });

  it('adds a forward when a container starts and removes it when it stops', async () => {
    const { qemu, engine, forwarder } = setup();
    await forwarder.resync();

    engine.run('web', { '80/tcp': everywhere(8080) });
    await forwarder.containerChanged('web');
    expect(qemu.containerPorts()).toEqual(['tcp/8080']);

    engine.stop('web');
    await forwarder.containerChanged('web');
    expect(qemu.containerPorts()).toEqual([]);

    engine.run('web', { '80/tcp': everywhere(8080) });
    await forwarder.containerChanged('web');
    engine.containers.delete('web');
    await forwarder.containerChanged('web');
    expect(qemu.containerPorts()).toEqual([]);
  });

  it('never touches the API forward, and takes over a stale forward of its own shape at start', async () => {
    const { qemu, forwarder } = setup();
    qemu.forwards.add('tcp:127.0.0.1:9090-10.0.2.15:9090');

    await forwarder.resync();

    expect([...qemu.forwards]).toEqual(['tcp:127.0.0.1:23999-10.0.2.15:2376']);
  });

  it('reports a host port in use, keeps the rest, and forwards it once the port frees', async () => {
    const { qemu, engine, forwarder, problems, busy } = setup({
      busy: new Set([8080]),
      retryMs: 10,
    });
    engine.run('web', { '80/tcp': everywhere(8080), '443/tcp': everywhere(8443) });

    await forwarder.resync();

    expect(qemu.containerPorts()).toEqual(['tcp/8443']);
    expect(forwarder.problems()).toEqual([
      { port: 8080, protocol: 'tcp', container: 'web', reason: 'port 8080 is in use' },
    ]);
    expect(problems).toHaveLength(1);

    busy.delete(8080);
    await vi.waitFor(() => expect(qemu.containerPorts()).toEqual(['tcp/8080', 'tcp/8443']));
    expect(forwarder.problems()).toEqual([]);
    expect(problems.at(-1)).toEqual([]);
  });

  it('reports a port QEMU refuses though the check found it free (taken in between)', async () => {
    const { qemu, engine, forwarder } = setup();
    qemu.takenByOthers.add(8080);
    engine.run('web', { '80/tcp': everywhere(8080) });

    await forwarder.resync();

    expect(forwarder.problems()).toEqual([
      {
        port: 8080,
        protocol: 'tcp',
        container: 'web',
        reason: expect.stringContaining(
          "Could not set up host forwarding rule 'tcp:127.0.0.1:8080-:8080'",
        ),
      },
    ]);
  });

  it('refuses to give a container the API port, and drops the problem when the container stops', async () => {
    const { engine, forwarder, qemu } = setup();
    engine.run('web', { '80/tcp': everywhere(23999) });

    await forwarder.resync();
    expect(forwarder.problems()).toEqual([
      expect.objectContaining({
        port: 23999,
        reason: expect.stringContaining("Berth's connection"),
      }),
    ]);
    expect(qemu.commands.filter((c) => c.includes('23999'))).toEqual([]);

    engine.stop('web');
    await forwarder.containerChanged('web');
    expect(forwarder.problems()).toEqual([]);
  });

  it('reports a port published on the guest’s loopback while the container runs', async () => {
    const { engine, forwarder } = setup();
    engine.run('web', { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8081' }] });

    await forwarder.resync();
    expect(forwarder.problems()).toEqual([
      expect.objectContaining({
        port: 8081,
        container: 'web',
        reason: expect.stringContaining('127.0.0.1 inside'),
      }),
    ]);

    engine.stop('web');
    await forwarder.containerChanged('web');
    expect(forwarder.problems()).toEqual([]);
  });

  it('heals after missed events: a resync removes forwards of containers gone meanwhile', async () => {
    const { qemu, engine, forwarder } = setup();
    engine.run('web', { '80/tcp': everywhere(8080) });
    await forwarder.resync();
    engine.containers.clear();
    engine.run('api', { '80/tcp': everywhere(9000) });

    await forwarder.resync();

    expect(qemu.containerPorts()).toEqual(['tcp/9000']);
  });

  it('reads a container again when a read failed (a dropped connection), and forwards its ports then', async () => {
    const { engine, forwarder, errors, qemu } = setup({ retryMs: 10 });
    engine.run('web', { '80/tcp': everywhere(8080) });
    const inspect = engine.api.inspect;
    let failures = 2;
    engine.api.inspect = async (id) => {
      if (failures-- > 0) throw new Error('socket hang up');
      return inspect(id);
    };

    await forwarder.containerChanged('web');
    expect(qemu.containerPorts()).toEqual([]);
    expect(errors[0]).toContain('socket hang up');

    await vi.waitFor(() => expect(qemu.containerPorts()).toEqual(['tcp/8080']));
  });

  it('keeps the forwards of a running container whose read failed during a resync', async () => {
    const { engine, forwarder, qemu } = setup();
    engine.run('web', { '80/tcp': everywhere(8080) });
    await forwarder.resync();
    engine.api.inspect = async () => {
      throw new Error('socket hang up');
    };

    await forwarder.resync();

    expect(qemu.containerPorts()).toEqual(['tcp/8080']);
  });

  it('says so when the engine cannot be read, and goes on with the next change', async () => {
    const { engine, forwarder, errors, qemu } = setup();
    engine.api.inspect = async (id) => {
      if (id === 'bad') throw new Error('connect ECONNREFUSED');
      return engine.containers.get(id) ?? null;
    };
    await forwarder.containerChanged('bad');
    expect(errors).toEqual([
      "couldn't read container bad (read again in a moment): connect ECONNREFUSED",
    ]);

    engine.run('web', { '80/tcp': everywhere(8080) });
    await forwarder.containerChanged('web');
    expect(qemu.containerPorts()).toEqual(['tcp/8080']);
  });
});
