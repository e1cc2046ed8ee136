// The dialog's text fields take the CLI's syntax, one entry a line, so what a
// tutorial says can be pasted as it is. Each parser returns the values or every
// line's problem, in words a beginner can act on.
import { VOLUMES_FROM, type PortSpec, type VolumeSpec } from './spec.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** A line's value, or why it is wrong. */
type LineResult<T> = { value: T } | { error: string };
const fail = (error: string): { error: string } => ({ error });

function collect<T>(text: string, parseLine: (line: string) => LineResult<T>): Parsed<T[]> {
  const values: T[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const result = parseLine(line);
    if ('error' in result) errors.push(`Line ${i + 1}: ${result.error}`);
    else values.push(result.value);
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: values };
}

function port(text: string, what: string): LineResult<number> {
  if (!/^\d+$/.test(text)) return fail(`${what} "${text}" is not a number`);
  const n = Number(text);
  return n >= 1 && n <= 65535 ? { value: n } : fail(`${what} ${n} is outside 1-65535`);
}

/** `8080:80`, `127.0.0.1:8080:80/udp`, `80` (a free host port), `127.0.0.1::80`. */
export function parsePorts(text: string): Parsed<PortSpec[]> {
  return collect(text, (line): LineResult<PortSpec> => {
    const [mapping = '', protocol = 'tcp', ...extra] = line.split('/');
    if (extra.length || !['tcp', 'udp', 'sctp'].includes(protocol)) {
      return fail(`"${line}": the protocol after / is tcp, udp or sctp`);
    }
    const ipv6 = /^\[([^\]]+)\]:(.*)$/.exec(mapping);
    const parts = ipv6 ? [ipv6[1]!, ...ipv6[2]!.split(':')] : mapping.split(':');
    if (parts.length > 3) return fail(`"${line}": expected HOST_PORT:CONTAINER_PORT, like 8080:80`);
    const containerPort = port(parts.at(-1) ?? '', 'container port');
    if ('error' in containerPort) return containerPort;
    const spec: PortSpec = {
      containerPort: containerPort.value,
      protocol: protocol as PortSpec['protocol'],
    };
    const hostPortText = parts.length >= 2 ? parts.at(-2)! : '';
    if (hostPortText !== '') {
      const hostPort = port(hostPortText, 'host port');
      if ('error' in hostPort) return hostPort;
      spec.hostPort = hostPort.value;
    }
    if (parts.length === 3) {
      const ip = parts[0]!;
      if (!/^[\d.]+$|^[0-9a-fA-F:]+$/.test(ip)) return fail(`"${ip}" is not an IP address`);
      spec.hostIp = ip;
    }
    return { value: spec };
  });
}

/** `KEY=value` lines, as in an env file. */
export function parseEnv(text: string): Parsed<string[]> {
  return collect(text, (line): LineResult<string> => {
    const eq = line.indexOf('=');
    if (eq <= 0) return fail(`"${line.slice(0, 60)}" is not KEY=value`);
    const key = line.slice(0, eq);
    if (/\s/.test(key)) return fail(`the name "${key}" has a space in it`);
    return { value: line };
  });
}

/**
 * An env file's lines as the Environment field takes them (as `--env-file`
 * reads it): Windows line ends and a byte-order mark dropped, comments and
 * blank lines left out. Values are taken as written, quotes and all.
 */
export function envFileLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trimStart())
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

const linkName = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** Legacy links, `container` or `container:alias`, one a line (as `--link` takes them). */
export function parseLinks(text: string): Parsed<string[]> {
  return collect(text, (line): LineResult<string> => {
    const [target = '', alias = target, ...extra] = line.split(':');
    if (extra.length || !linkName.test(target) || !linkName.test(alias)) {
      return fail(`"${line.slice(0, 60)}": expected CONTAINER or CONTAINER:ALIAS`);
    }
    return { value: `${target}:${alias}` };
  });
}

/** `--volumes-from`, one a line: `container`, `container:ro` or `container:rw`. */
export function parseVolumesFrom(text: string): Parsed<string[]> {
  return collect(text, (line): LineResult<string> => {
    const value = line.replace(/^\//, '');
    return VOLUMES_FROM.test(value)
      ? { value }
      : fail(`"${line.slice(0, 60)}": expected CONTAINER, CONTAINER:ro or CONTAINER:rw`);
  });
}

const volumeName = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const insidePathProblem = (target: string) =>
  `"${target}": the path inside the container must start with /`;

/** `name:/data`, `/host/path:/data:ro`, or `/data` for an anonymous volume. */
export function parseVolumes(text: string): Parsed<VolumeSpec[]> {
  return collect(text, (line): LineResult<VolumeSpec> => {
    // A Windows folder (C:\data or C:/data) has a colon of its own.
    const drive = /^[a-zA-Z]:[\\/]/.test(line) ? line.slice(0, 2) : '';
    const parts = line.slice(drive.length).split(':');
    if (drive) parts[0] = drive + parts[0];
    let readOnly = false;
    const last = parts.at(-1);
    if (parts.length > 1 && (last === 'ro' || last === 'rw')) {
      readOnly = last === 'ro';
      parts.pop();
    }
    if (parts.length === 1) {
      const target = parts[0]!;
      if (!target.startsWith('/')) return fail(insidePathProblem(target));
      return { value: { type: 'anonymous', target, readOnly } };
    }
    if (parts.length !== 2) return fail(`"${line}": expected SOURCE:/path/in/container[:ro]`);
    const [source, target] = parts as [string, string];
    if (!target.startsWith('/')) return fail(insidePathProblem(target));
    if (source.startsWith('/') || drive) {
      return { value: { type: 'bind', source, target, readOnly } };
    }
    if (source.startsWith('.') || source.startsWith('~')) {
      return fail(`"${source}": give the folder's full path, starting with /`);
    }
    if (!volumeName.test(source)) {
      return fail(`"${source}" is not a volume name (letters, digits, _ . -) or a folder path`);
    }
    return { value: { type: 'volume', source, target, readOnly } };
  });
}

/** Splits a command line as a POSIX shell would, without running anything. */
export function parseCommand(text: string): Parsed<string[]> {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!))
        word += text[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote)
    return { ok: false, errors: [`A ${quote === '"' ? 'double' : 'single'} quote is not closed`] };
  if (inWord) words.push(word);
  return { ok: true, value: words };
}

const memoryUnits: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `512m`, `1g`, `1073741824`: as `--memory` takes it. Its minimum is the schema's to check. */
export function parseMemory(text: string): Parsed<number> {
  const match = /^(\d+(?:\.\d+)?)\s*([bkmg])?b?$/i.exec(text.trim());
  if (!match) return { ok: false, errors: ['Use a number with b, k, m or g, like 512m'] };
  const bytes = Math.floor(Number(match[1]) * memoryUnits[(match[2] ?? 'b').toLowerCase()]!);
  return { ok: true, value: bytes };
}

/** A number as typed in a field ("3", "1e3", "-1"), or null; its range is the schema's to check. */
export function numberIn(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return null;
  return Number(trimmed);
}
