// Values inside the docker CLI's own option syntaxes. After the shell, the CLI
// reads some values a second time: --mount is one CSV record of key=value
// fields (docker/cli opts/mount.go, Go's encoding/csv), -v splits on colons,
// --network switches to that CSV form as soon as it sees key=value, -e without
// = copies the variable from the user's own shell, --label splits at the
// first =. Each value is written so that second reading gives it back
// exactly, and what cannot be written that way is refused, with the reason.
import type { RunSpec, VolumeSpec } from './spec.ts';

interface CliProblem {
  path: (string | number)[];
  message: string;
}

/**
 * One field of a CSV record as Go's encoding/csv writes it: double-quoted,
 * inner quotes doubled, when it has a comma, a quote or a line break (or
 * starts with a space). The reader keeps everything else as it is, `=` too.
 */
export function csvField(field: string): string {
  return /[",\r\n]|^\s/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** A whole `key=value` field is quoted, as the CLI's own docs write `"source=…"`. */
function mountValue(fields: string[]): string {
  return fields.map(csvField).join(',');
}

/** The engine's rule for volume names: what -v reads as a name, not a path or a drive. */
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** A target that -v cannot split: it starts with / and has no colon. */
const plainTarget = (target: string) => target.startsWith('/') && !target.includes(':');

/**
 * A volume as `-v`, the form tutorials use, when -v reads it back unchanged;
 * otherwise as `--mount` (a target `/a:/b` given to -v would bind the host's
 * /a). Folders always go through --mount: a missing folder is then an error,
 * not a new root-owned one.
 */
export function volumeArgs(v: VolumeSpec): string[] {
  const ro = v.readOnly ? ':ro' : '';
  if (v.type === 'volume' && VOLUME_NAME.test(v.source) && plainTarget(v.target)) {
    return ['-v', `${v.source}:${v.target}${ro}`];
  }
  if (v.type === 'anonymous' && plainTarget(v.target)) return ['-v', `${v.target}${ro}`];
  return [
    '--mount',
    mountValue([
      `type=${v.type === 'bind' ? 'bind' : 'volume'}`,
      ...(v.type === 'anonymous' ? [] : [`source=${v.source}`]),
      `target=${v.target}`,
      ...(v.readOnly ? ['readonly'] : []),
    ]),
  ];
}

/** The CLI's own test for --network's long form (unanchored, ASCII \w as in Go). */
const NETWORK_LONG_SYNTAX = /\w+=\w+(,\w+=\w+)*/;

/**
 * A network whose name looks like key=value (a network may be called
 * `name=host`) is read by the CLI as the long form, so it is written as one:
 * `name=<network>`, CSV-quoted.
 */
export function networkArgs(network: string): string[] {
  if (!NETWORK_LONG_SYNTAX.test(network)) return ['--network', network];
  return ['--network', csvField(`name=${network}`)];
}

/** What Go's strings.TrimSpace removes (unicode.IsSpace). */
const EDGE_SPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

/** IPv4 or IPv6 text; the CLI and the engine check the address itself. */
const IP_TEXT = /^[0-9.]+$|^[0-9a-fA-F:.]+$/;

/**
 * Values that no `docker run` line can carry as they are, each with the field
 * it is in. The run spec's schema refuses them, and a command is never shown
 * for them, so what is shown always makes the same container.
 */
export function cliProblems(spec: Partial<RunSpec>): CliProblem[] {
  const problems: CliProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });
  const strings: [(string | number)[], string | undefined][] = [
    [['image'], spec.image],
    [['name'], spec.name],
    [['entrypoint'], spec.entrypoint],
    [['network'], spec.network],
    [['user'], spec.user],
    [['workdir'], spec.workdir],
    ...(spec.command ?? []).map((arg, i): [(string | number)[], string] => [['command', i], arg]),
    ...Object.entries(spec.labels ?? {}).flatMap(
      ([key, value]): [(string | number)[], string][] => [
        [['labels'], key],
        [['labels'], value],
      ],
    ),
  ];
  for (const [path, value] of strings) {
    if (value?.includes('\0')) add(path, 'A NUL character cannot be passed on a command line');
  }
  (spec.env ?? []).forEach((entry, i) => {
    if (entry.includes('\0')) add(['env', i], 'A NUL character cannot be passed on a command line');
    else if (!/^[^=]+=/.test(entry)) {
      add(
        ['env', i],
        'An environment entry is NAME=value: without the = docker run would copy the variable from your own shell',
      );
    }
  });
  for (const key of Object.keys(spec.labels ?? {})) {
    if (key.includes('='))
      add(['labels'], 'A label name cannot contain =: docker run --label splits at the first =');
  }
  (spec.ports ?? []).forEach((port, i) => {
    if (port.hostIp !== undefined && port.hostIp !== '' && !IP_TEXT.test(port.hostIp)) {
      add(['ports', i, 'hostIp'], 'The host IP must be an IP address, like 127.0.0.1 or ::1');
    }
  });
  // --mount since CLI 29.2.1 refuses (or, at the end of the whole value, trims)
  // spaces at a value's ends, and Go's CSV reader turns CR LF into LF.
  (spec.volumes ?? []).forEach((v, i) => {
    const paths = v.type === 'anonymous' ? [v.target] : [v.source, v.target];
    if (paths.some((p) => p.includes('\0'))) {
      add(['volumes', i], 'A NUL character cannot be passed on a command line');
    } else if (paths.some((p) => EDGE_SPACE.test(p))) {
      add(['volumes', i], 'A path in Volumes cannot start or end with a space or a line break');
    } else if (paths.some((p) => p.includes('\r'))) {
      add(['volumes', i], 'A path in Volumes cannot contain a carriage return');
    } else if (v.type === 'bind' && v.source.startsWith('.')) {
      // The CLI would take it from the folder the command runs in.
      add(['volumes', i], "Give the folder's full path, starting with /");
    } else if (v.type === 'volume' && v.source.startsWith('.')) {
      add(['volumes', i], 'A volume name starts with a letter or a digit');
    }
  });
  const network = spec.network;
  if (
    network &&
    NETWORK_LONG_SYNTAX.test(network) &&
    (network !== network.toLowerCase() || EDGE_SPACE.test(network) || network.includes('\r'))
  ) {
    add(
      ['network'],
      'docker run --network reads a network name with = in lower case and without spaces at its ends, so this one cannot be given to it',
    );
  }
  return problems;
}
