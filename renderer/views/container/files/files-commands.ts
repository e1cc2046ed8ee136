// The docker commands behind the Files tab, for the shell the user picks. The
// container's side of `docker cp` is one argument, NAME:PATH, quoted whole; a
// local file name with a colon gets `./` so the CLI does not read it as a
// container.
import {
  dockerCommandLine,
  type CliTarget,
  type Shell,
} from '../../../../electron/contract/run-spec/run-command.ts';

export function filesCommandLines(
  name: string,
  selected: { path: string; folder: string; uploadName: string | null },
  shell: Shell,
  target: CliTarget,
): string {
  const local = selected.uploadName
    ? selected.uploadName.includes(':') || selected.uploadName.startsWith('-')
      ? `./${selected.uploadName}`
      : selected.uploadName
    : 'FILE';
  return [
    dockerCommandLine(['cp', `${name}:${selected.path}`, '.'], shell, target),
    dockerCommandLine(['cp', local, `${name}:${selected.folder}`], shell, target),
    dockerCommandLine(['diff', name], shell, target),
  ].join('\n');
}
