import { describe, expect, it } from 'vitest';
import {
  diffForwards,
  forwardKey,
  hostfwdAdd,
  hostfwdAddFailure,
  hostfwdRemove,
  hostfwdRemoveFailure,
  parseHostForwards,
  portsToForward,
  type ContainerPorts,
  type Forward,
} from './published-ports.ts';

function container(ports: NonNullable<ContainerPorts['NetworkSettings']>['Ports'], running = true) {
  return {
    Id: 'c0ffee00112233445566',
    Name: '/web',
    State: { Running: running },
    NetworkSettings: { Ports: ports },
  } satisfies ContainerPorts;
}

const fwd = (protocol: 'tcp' | 'udp', port: number, container = 'web'): Forward => ({
  protocol,
  port,
  containerId: 'c0ffee00112233445566',
  container,
});

describe('portsToForward', () => {
  it('forwards a port published on every address once, though dockerd lists 0.0.0.0 and ::', () => {
    const inspect = container({
      '80/tcp': [
        { HostIp: '0.0.0.0', HostPort: '8080' },
        { HostIp: '::', HostPort: '8080' },
      ],
      '53/udp': [{ HostIp: '', HostPort: '5353' }],
    });

    expect(portsToForward(inspect)).toEqual({
      forwards: [fwd('tcp', 8080), fwd('udp', 5353)],
      problems: [],
    });
  });

  it('forwards nothing for exposed ports that are not published, or a stopped container', () => {
    expect(portsToForward(container({ '80/tcp': null, '443/tcp': [] }))).toEqual({
      forwards: [],
      problems: [],
    });
    expect(
      portsToForward(container({ '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }] }, false)),
    ).toEqual({ forwards: [], problems: [] });
    expect(portsToForward({ Id: 'x', NetworkSettings: null, State: { Running: true } })).toEqual({
      forwards: [],
      problems: [],
    });
  });

  it('reports a port published on the guest’s 127.0.0.1, which QEMU cannot reach', () => {
    const { forwards, problems } = portsToForward(
      container({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8081' }] }),
    );

    expect(forwards).toEqual([]);
    expect(problems).toEqual([
      {
        port: 8081,
        protocol: 'tcp',
        container: 'web',
        reason: expect.stringContaining(
          'Published on 127.0.0.1 inside Berth’s VM'.replace('’', "'"),
        ),
      },
    ]);
    expect(problems[0]?.reason).toContain('-p 8081:80');
  });

  it('forwards a port published on 0.0.0.0 and 127.0.0.1 at once, without a problem', () => {
    const inspect = container({
      '80/tcp': [
        { HostIp: '127.0.0.1', HostPort: '8082' },
        { HostIp: '0.0.0.0', HostPort: '8082' },
      ],
    });

    expect(portsToForward(inspect)).toEqual({ forwards: [fwd('tcp', 8082)], problems: [] });
  });

  it('reports SCTP ports, which QEMU does not forward', () => {
    const { forwards, problems } = portsToForward(
      container({ '9/sctp': [{ HostIp: '0.0.0.0', HostPort: '9999' }] }),
    );

    expect(forwards).toEqual([]);
    expect(problems).toEqual([
      {
        port: 9999,
        protocol: 'sctp',
        container: 'web',
        reason: expect.stringContaining('TCP and UDP only'),
      },
    ]);
  });

  it('ignores host ports that are not port numbers, and names a nameless container by its short id', () => {
    const inspect = {
      ...container({ '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '' }, { HostPort: '70000' }] }),
      Name: '',
    };
    expect(portsToForward(inspect)).toEqual({ forwards: [], problems: [] });

    const named = portsToForward({ ...container({ '80/tcp': [{ HostPort: '8083' }] }), Name: '' });
    expect(named.forwards[0]?.container).toBe('c0ffee001122');
  });
});

describe('diffForwards', () => {
  const byKey = (...forwards: Forward[]) => new Map(forwards.map((f) => [forwardKey(f), f]));

  it('adds what is wanted and missing, removes what is there and not wanted, leaves the rest', () => {
    const wanted = byKey(fwd('tcp', 8080), fwd('udp', 8080), fwd('tcp', 9000));
    const current = byKey(fwd('tcp', 8080), fwd('tcp', 7000));

    expect(diffForwards(wanted, current)).toEqual({
      add: [fwd('tcp', 9000), fwd('udp', 8080)].sort((a, b) => a.port - b.port),
      remove: [fwd('tcp', 7000)],
    });
  });

  it('keeps a forward whose port passed to another container: the guest port is the same', () => {
    expect(diffForwards(byKey(fwd('tcp', 8080, 'new')), byKey(fwd('tcp', 8080, 'old')))).toEqual({
      add: [],
      remove: [],
    });
  });
});

describe('monitor commands and replies', () => {
  it('forwards the host loopback port to the same port in the guest', () => {
    expect(hostfwdAdd({ protocol: 'tcp', port: 8080 })).toBe(
      'hostfwd_add tcp:127.0.0.1:8080-:8080',
    );
    expect(hostfwdRemove({ protocol: 'udp', port: 53 })).toBe('hostfwd_remove udp:127.0.0.1:53');
  });

  // Replies as QEMU 7.2 gives them through human-monitor-command (seen here).
  it('reads hostfwd_add’s empty reply as success and its error line as failure', () => {
    expect(hostfwdAddFailure('')).toBeNull();
    expect(
      hostfwdAddFailure("Could not set up host forwarding rule 'tcp:127.0.0.1:8080-:8080'\r\n"),
    ).toBe("Could not set up host forwarding rule 'tcp:127.0.0.1:8080-:8080'");
  });

  it('reads hostfwd_remove’s "removed" and "not found" as done', () => {
    expect(
      hostfwdRemoveFailure('host forwarding rule for udp:127.0.0.1:23081 removed\r\n'),
    ).toBeNull();
    expect(
      hostfwdRemoveFailure('host forwarding rule for tcp:127.0.0.1:23081 not found\r\n'),
    ).toBeNull();
    expect(hostfwdRemoveFailure("Invalid format '...'")).toBe("Invalid format '...'");
  });

  it('parses the forwards of info usernet', () => {
    const reply =
      'Hub -1 (net0):\r\n' +
      '  Protocol[State]    FD  Source Address  Port   Dest. Address  Port RecvQ SendQ\r\n' +
      '  TCP[HOST_FORWARD]  15       127.0.0.1    80       10.0.2.15    80     0     0\r\n' +
      '  TCP[HOST_FORWARD]   8       127.0.0.1 23999       10.0.2.15  2376     0     0\r\n' +
      '  UDP[HOST_FORWARD]  14       127.0.0.1 23081       10.0.2.15 23081     0     0\r\n' +
      '  TCP[ESTABLISHED]   20       10.0.2.15 40000   93.184.216.34   443     0     0\r\n';

    expect(parseHostForwards(reply)).toEqual([
      {
        protocol: 'tcp',
        hostAddress: '127.0.0.1',
        hostPort: 80,
        guestAddress: '10.0.2.15',
        guestPort: 80,
      },
      {
        protocol: 'tcp',
        hostAddress: '127.0.0.1',
        hostPort: 23999,
        guestAddress: '10.0.2.15',
        guestPort: 2376,
      },
      {
        protocol: 'udp',
        hostAddress: '127.0.0.1',
        hostPort: 23081,
        guestAddress: '10.0.2.15',
        guestPort: 23081,
      },
    ]);
  });
});
