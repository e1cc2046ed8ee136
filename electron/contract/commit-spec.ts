// `docker commit`: what the dialog sends, the rule for its changes, and the
// command line that does the same. The engine takes a change only if it is
// one of the instructions below (the ones `docker commit --change` documents);
// anything else is refused here first, with the list, rather than by the
// engine after the container was paused.
import { dockerCommandLine, type CliTarget, type Shell } from './run-spec/run-command.ts';

export interface CommitSpec {
  /** The container's id or name. */
  container: string;
  /** Empty: the image is made untagged (`docker commit NAME`). */
  repository: string;
  /** Empty with a repository: `latest`, as the CLI does. */
  tag: string;
  message: string;
  author: string;
  /** Pause the container while its filesystem is read (the CLI's default). */
  pause: boolean;
  /** Dockerfile instructions, one each (`ENV A=1`, `CMD ["sh"]`). */
  changes: string[];
}

export const COMMIT_INSTRUCTIONS = [
  'CMD',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'LABEL',
  'ONBUILD',
  'USER',
  'VOLUME',
  'WORKDIR',
] as const;

/** Null when the engine takes `line` as a change; else why not, in words. */
export function changeProblem(line: string): string | null {
  const match = /^(\S+)(?:\s+(\S[\s\S]*))?$/.exec(line.trim());
  if (!match) return 'A change is a Dockerfile instruction, like ENV A=1';
  const word = match[1]!.toUpperCase();
  if (!(COMMIT_INSTRUCTIONS as readonly string[]).includes(word)) {
    return `${match[1]} cannot be a change: docker commit takes only ${COMMIT_INSTRUCTIONS.join(', ')}`;
  }
  if (!match[2]) return `${word} needs a value, like ${example[word]}`;
  return null;
}

const example: Record<string, string> = {
  CMD: 'CMD ["sh"]',
  ENTRYPOINT: 'ENTRYPOINT ["/app"]',
  ENV: 'ENV MODE=production',
  EXPOSE: 'EXPOSE 80/tcp',
  LABEL: 'LABEL owner=me',
  ONBUILD: 'ONBUILD RUN make',
  USER: 'USER 1000',
  VOLUME: 'VOLUME /data',
  WORKDIR: 'WORKDIR /app',
};

/** The changes typed one a line (blank lines skipped), or the problems with their line numbers. */
export function parseChanges(
  text: string,
): { ok: true; value: string[] } | { ok: false; errors: string[] } {
  const value: string[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const problem = changeProblem(line);
    if (problem) errors.push(`Line ${i + 1}: ${problem}`);
    else value.push(line.trim());
  });
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

/** `docker commit`'s arguments after `docker`. */
export function commitArgs(spec: CommitSpec): string[] {
  const args = ['commit'];
  if (spec.author) args.push('--author', spec.author);
  if (spec.message) args.push('-m', spec.message);
  for (const change of spec.changes) args.push('-c', change);
  if (!spec.pause) args.push('-p=false');
  args.push(spec.container);
  if (spec.repository) args.push(spec.tag ? `${spec.repository}:${spec.tag}` : spec.repository);
  return args;
}

export function commitCommandLine(spec: CommitSpec, shell: Shell, target: CliTarget = {}): string {
  return dockerCommandLine(commitArgs(spec), shell, target);
}
