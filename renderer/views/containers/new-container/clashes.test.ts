import { describe, expect, it } from 'vitest';
import {
  ago,
  nameClashMessage,
  nameHolder,
  nextFreePort,
  portHolder,
  withHostPort,
} from './clashes.ts';
import { container } from './container-fixture.ts';

const now = Date.UTC(2026, 11, 1, 12, 0, 0);

describe('name clashes', () => {
  it('names the container that holds the name, its state and age', () => {
    const web = container({});
    expect(nameHolder('web', [container({ name: 'db' }), web])).toBe(web);
    expect(nameClashMessage(web, now)).toBe(
      'The name web is taken by a running container (created 2 min ago). Pick another name, or remove that container first.',
    );
    expect(
      nameClashMessage(container({ state: 'exited', created: now / 1000 - 3 * 3600 }), now),
    ).toContain('taken by a stopped container (created 3 h ago)');
  });

  it('finds nothing for an empty or free name', () => {
    expect(nameHolder('', [container({})])).toBeUndefined();
    expect(nameHolder('web2', [container({})])).toBeUndefined();
    expect(nameHolder('/web', [container({})])?.name).toBe('web');
  });

  it('says ages in short words', () => {
    expect(ago(now / 1000 - 2, now)).toBe('just now');
    expect(ago(now / 1000 - 40, now)).toBe('40 s ago');
    expect(ago(now / 1000 - 3 * 86400, now)).toBe('3 days ago');
  });
});

describe('port holders', () => {
  const web = container({
    ports: [{ privatePort: 80, publicPort: 8080, hostIp: '0.0.0.0', protocol: 'tcp' }],
  });

  it('finds the running container that publishes the host port, for the same protocol', () => {
    expect(portHolder({ containerPort: 80, protocol: 'tcp', hostPort: 8080 }, [web])).toBe(web);
    expect(
      portHolder({ containerPort: 80, protocol: 'udp', hostPort: 8080 }, [web]),
    ).toBeUndefined();
    expect(portHolder({ containerPort: 80, protocol: 'tcp' }, [web])).toBeUndefined();
  });

  it('ignores stopped containers, and bindings on two different addresses', () => {
    expect(
      portHolder({ containerPort: 80, protocol: 'tcp', hostPort: 8080 }, [
        { ...web, state: 'exited' },
      ]),
    ).toBeUndefined();
    const local = container({
      ports: [{ privatePort: 80, publicPort: 8080, hostIp: '127.0.0.1', protocol: 'tcp' }],
    });
    expect(
      portHolder({ containerPort: 80, protocol: 'tcp', hostPort: 8080, hostIp: '127.0.0.2' }, [
        local,
      ]),
    ).toBeUndefined();
    expect(portHolder({ containerPort: 80, protocol: 'tcp', hostPort: 8080 }, [local])).toBe(local);
  });
});

describe('nextFreePort', () => {
  it('keeps a free port, else walks up past the taken ones', () => {
    const taken = new Set([8080, 8081, 8083]);
    expect(nextFreePort(8079, (p) => taken.has(p))).toBe(8079);
    expect(nextFreePort(8080, (p) => taken.has(p))).toBe(8082);
    expect(nextFreePort(65535, () => true)).toBeNull();
  });
});

describe('withHostPort', () => {
  it('rewrites the host port of the matching lines only, keeping address and protocol', () => {
    const text = '8080:80\n127.0.0.1:8080:81/tcp\n8080:53/udp\n9090:90';
    expect(withHostPort(text, 8080, 'tcp', 8082)).toBe(
      '8082:80\n127.0.0.1:8082:81/tcp\n8080:53/udp\n9090:90',
    );
    expect(withHostPort('[::1]:8080:80', 8080, 'tcp', 8081)).toBe('[::1]:8081:80');
  });
});
