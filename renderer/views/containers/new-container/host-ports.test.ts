import { describe, expect, it } from 'vitest';
import type { HostPortQuery, PortCheck } from '../../../../electron/contract/ports-channels.ts';
import { container } from './container-fixture.ts';
import { checkHostPorts, chooseHostPorts, type PortChecker } from './host-ports.ts';

/** A host where `busy` ports are held by programs; records what was asked. */
function host(busy: number[]): PortChecker & { asked: HostPortQuery[][] } {
  const asked: HostPortQuery[][] = [];
  const check = async (ports: HostPortQuery[]): Promise<PortCheck> => {
    asked.push(ports);
    return { checkable: true, busy: ports.filter((p) => busy.includes(p.port)) };
  };
  return Object.assign(check, { asked });
}
const remote: PortChecker = async () => ({ checkable: false, engineHost: 'build-box' });

const web = container({
  name: 'web',
  ports: [{ privatePort: 80, publicPort: 8080, hostIp: '0.0.0.0', protocol: 'tcp' }],
});

describe('chooseHostPorts', () => {
  it('publishes each declared port on the same host port when free', async () => {
    expect(await chooseHostPorts(['80/tcp', '53/udp'], [], host([]))).toEqual([
      '80:80/tcp',
      '53:53/udp',
    ]);
  });

  it('takes the next port that neither a container nor a program holds', async () => {
    expect(await chooseHostPorts(['8080/tcp'], [web], host([8081]))).toEqual(['8082:8080/tcp']);
  });

  it('never gives two declared ports one host port', async () => {
    expect(await chooseHostPorts(['8080/tcp', '8081/tcp'], [web], host([]))).toEqual([
      '8081:8080/tcp',
      '8082:8081/tcp',
    ]);
  });

  it('leaves a port for the engine to place when nothing near it is free', async () => {
    const all = Array.from({ length: 20 }, (_, i) => 9000 + i);
    expect(await chooseHostPorts(['9000/tcp'], [], host(all))).toEqual(['9000/tcp']);
  });
});

describe('checkHostPorts', () => {
  it('names the container holding a port and offers the next free one', async () => {
    const report = await checkHostPorts(
      [{ containerPort: 80, protocol: 'tcp', hostPort: 8080 }],
      [web],
      host([8081]),
    );
    expect(report).toEqual({
      problems: [
        {
          hostPort: 8080,
          protocol: 'tcp',
          message: 'Host port 8080 is used by the container web (running).',
          suggestion: 8082,
        },
      ],
      note: null,
    });
  });

  it('says when a program that is not a container holds the port', async () => {
    const check = host([5000]);
    const report = await checkHostPorts(
      [{ containerPort: 80, protocol: 'tcp', hostPort: 5000, hostIp: '127.0.0.1' }],
      [],
      check,
    );
    expect(report.problems[0]).toMatchObject({
      message: 'Host port 5000 is in use by another program on this machine (not a container).',
      suggestion: 5001,
    });
    expect(check.asked[0]).toEqual([{ port: 5000, protocol: 'tcp', hostIp: '127.0.0.1' }]);
  });

  it('does not offer a port the form asks for on another line', async () => {
    const report = await checkHostPorts(
      [
        { containerPort: 80, protocol: 'tcp', hostPort: 8080 },
        { containerPort: 81, protocol: 'tcp', hostPort: 8081 },
      ],
      [web],
      host([]),
    );
    expect(report.problems.map((p) => p.suggestion)).toEqual([8082]);
  });

  it('asks nothing for ports the engine places, and finds no problem in free ones', async () => {
    const check = host([]);
    const report = await checkHostPorts(
      [
        { containerPort: 80, protocol: 'tcp' },
        { containerPort: 81, protocol: 'tcp', hostPort: 8181 },
      ],
      [web],
      check,
    );
    expect(report).toEqual({ problems: [], note: null });
    expect(check.asked).toEqual([[{ port: 8181, protocol: 'tcp' }]]);
  });

  it("says that programs' ports cannot be checked on a remote engine, still naming containers", async () => {
    const report = await checkHostPorts(
      [
        { containerPort: 80, protocol: 'tcp', hostPort: 8080 },
        { containerPort: 81, protocol: 'tcp', hostPort: 9999 },
      ],
      [web],
      remote,
    );
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]!.suggestion).toBe(8081);
    expect(report.note).toContain("Programs on build-box that use a port can't be seen from here");
  });
});
