import { describe, expect, it } from 'vitest';
import {
  parseCommand,
  envFileLines,
  parseEnv,
  parseLinks,
  parseMemory,
  parsePorts,
  parseVolumes,
  parseVolumesFrom,
} from './parse.ts';
import {
  lifecycleCommandLine,
  quotePosix,
  quotePowerShell,
  runCommandLine,
} from './run-command.ts';
import { emptyRunSpec } from './spec.ts';

describe('parsePorts', () => {
  it('reads the forms the CLI takes', () => {
    expect(parsePorts('8080:80\n127.0.0.1:5353:53/udp\n9000\n127.0.0.1::443')).toEqual({
      ok: true,
      value: [
        { containerPort: 80, protocol: 'tcp', hostPort: 8080 },
        { containerPort: 53, protocol: 'udp', hostPort: 5353, hostIp: '127.0.0.1' },
        { containerPort: 9000, protocol: 'tcp' },
        { containerPort: 443, protocol: 'tcp', hostIp: '127.0.0.1' },
      ],
    });
  });

  it('names the line and the problem', () => {
    expect(parsePorts('8080:80\n70000:80\n80/icmp')).toEqual({
      ok: false,
      errors: [
        'Line 2: host port 70000 is outside 1-65535',
        'Line 3: "80/icmp": the protocol after / is tcp, udp or sctp',
      ],
    });
    expect(parsePorts('0:80')).toMatchObject({
      ok: false,
      errors: ['Line 1: host port 0 is outside 1-65535'],
    });
  });
});

describe('parseEnv, parseVolumes, parseCommand, parseMemory', () => {
  it('reads env lines and refuses a line without =', () => {
    expect(parseEnv('A=1\n# comment\nB=x=y')).toEqual({ ok: true, value: ['A=1', 'B=x=y'] });
    expect(parseEnv('JUSTKEY')).toMatchObject({
      ok: false,
      errors: ['Line 1: "JUSTKEY" is not KEY=value'],
    });
  });

  it('tells named volumes, folders and anonymous volumes apart', () => {
    expect(parseVolumes('data:/var/lib/data\n/srv/site:/usr/share/html:ro\n/cache')).toEqual({
      ok: true,
      value: [
        { type: 'volume', source: 'data', target: '/var/lib/data', readOnly: false },
        { type: 'bind', source: '/srv/site', target: '/usr/share/html', readOnly: true },
        { type: 'anonymous', target: '/cache', readOnly: false },
      ],
    });
    expect(parseVolumes('./site:/html')).toMatchObject({ ok: false });
    expect(parseVolumes('data:relative')).toMatchObject({ ok: false });
  });

  it('splits a command as a shell would', () => {
    expect(parseCommand(`sh -c 'echo "hi there"; sleep 1' x\\ y`)).toEqual({
      ok: true,
      value: ['sh', '-c', 'echo "hi there"; sleep 1', 'x y'],
    });
    expect(parseCommand('echo "oops')).toMatchObject({ ok: false });
  });

  it('reads memory sizes', () => {
    expect(parseMemory('512m')).toEqual({ ok: true, value: 512 * 1024 ** 2 });
    expect(parseMemory('1G')).toEqual({ ok: true, value: 1024 ** 3 });
    expect(parseMemory('1k')).toEqual({ ok: true, value: 1024 }); // too little: the schema says so
    expect(parseMemory('lots')).toMatchObject({ ok: false });
  });
});

describe('runCommandLine', () => {
  const spec = {
    ...emptyRunSpec(),
    image: 'nginx:1.27',
    name: 'web',
    ports: [{ containerPort: 80, protocol: 'tcp' as const, hostPort: 8080, hostIp: '127.0.0.1' }],
    env: ['GREETING=hello world'],
    volumes: [
      {
        type: 'bind' as const,
        source: '/srv/my site',
        target: '/usr/share/nginx/html',
        readOnly: true,
      },
      { type: 'volume' as const, source: 'logs', target: '/var/log/nginx', readOnly: false },
    ],
    restart: { name: 'on-failure' as const, maxRetries: 3 },
    memoryBytes: 256 * 1024 ** 2,
    labels: { tier: "front's" },
    command: ['nginx', '-g', 'daemon off;'],
  };

  it('writes the docker run line, quoted for a POSIX shell', () => {
    expect(runCommandLine(spec, 'posix', { context: 'berth' })).toBe(
      "docker --context berth run -d --name web -p 127.0.0.1:8080:80/tcp -e 'GREETING=hello world' " +
        "--mount 'type=bind,source=/srv/my site,target=/usr/share/nginx/html,readonly' -v logs:/var/log/nginx " +
        "--restart on-failure:3 --memory 256m --label 'tier=front'\\''s' nginx:1.27 nginx -g 'daemon off;'",
    );
  });

  it('quotes for PowerShell, and says create when not starting', () => {
    const line = runCommandLine({ ...spec, start: false }, 'powershell');
    expect(line.startsWith('docker create --name web')).toBe(true);
    expect(line).toContain("--label 'tier=front''s'");
  });

  it('quotes anything a shell could read as more than text', () => {
    for (const hostile of ['$(rm -rf /)', '`id`', 'a;b', "it's", 'new\nline', '*', '']) {
      expect(quotePosix(hostile).startsWith("'")).toBe(true);
      expect(quotePowerShell(hostile).startsWith("'")).toBe(true);
    }
  });
});

describe('lifecycleCommandLine', () => {
  it('writes the command of each row action', () => {
    expect(lifecycleCommandLine('stop', 'web', {}, 'posix', { context: 'berth' })).toBe(
      'docker --context berth stop web',
    );
    expect(lifecycleCommandLine('unpause', 'web', {}, 'posix')).toBe('docker unpause web');
    expect(
      lifecycleCommandLine('remove', 'web', { force: true, volumes: true }, 'posix', {
        host: 'unix:///x y.sock',
      }),
    ).toBe("docker -H 'unix:///x y.sock' rm --force --volumes web");
  });
});

describe('envFileLines and parseLinks', () => {
  it('reads an env file as --env-file does', () => {
    const file = '\uFEFF# settings\r\nA=1\r\n\r\n  B=two words\r\nQUOTED="kept as is"\n#C=3\n';
    expect(envFileLines(file)).toEqual(['A=1', 'B=two words', 'QUOTED="kept as is"']);
  });

  it('takes container or container:alias', () => {
    expect(parseLinks('db\ncache:redis\n')).toEqual({ ok: true, value: ['db:db', 'cache:redis'] });
    expect(parseLinks('a:b:c\n<b>')).toEqual({
      ok: false,
      errors: [
        'Line 1: "a:b:c": expected CONTAINER or CONTAINER:ALIAS',
        'Line 2: "<b>": expected CONTAINER or CONTAINER:ALIAS',
      ],
    });
  });

  it('writes --link in the run line', () => {
    const line = runCommandLine(
      { ...emptyRunSpec(), image: 'web', links: ['db:database'] },
      'posix',
    );
    expect(line).toBe('docker run -d --link db:database web');
  });
});

describe('parseVolumes on Windows folders', () => {
  it('reads a drive letter as part of the folder', () => {
    expect(parseVolumes('C:\\Users\\ana\\site:/site:ro\nD:/data:/data')).toEqual({
      ok: true,
      value: [
        { type: 'bind', source: 'C:\\Users\\ana\\site', target: '/site', readOnly: true },
        { type: 'bind', source: 'D:/data', target: '/data', readOnly: false },
      ],
    });
  });
});

describe('--volumes-from', () => {
  it('reads one container a line, with :ro or :rw, and refuses anything else', () => {
    expect(parseVolumesFrom('store\n/backup:ro\n\nlogs:rw')).toEqual({
      ok: true,
      value: ['store', 'backup:ro', 'logs:rw'],
    });
    const bad = parseVolumesFrom('a:b\n-x\nok');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors).toHaveLength(2);
  });

  it('writes each as --volumes-from in the command', () => {
    const spec = { ...emptyRunSpec(), image: 'busybox', volumesFrom: ['store', 'logs:ro'] };
    expect(runCommandLine(spec, 'posix')).toBe(
      'docker run -d --volumes-from store --volumes-from logs:ro busybox',
    );
  });
});
