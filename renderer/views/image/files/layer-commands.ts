// The docker lines behind the Files tab: the image's archive listed, and one
// layer's files listed from inside it. Every name is quoted for the shell the
// user picks (a tag or archive path may hold anything); `--` keeps a member
// name that starts with a dash from being read as an option.
import {
  dockerCommandLine,
  quotePosix,
  quotePowerShell,
  type CliTarget,
  type Shell,
} from '../../../../electron/contract/run-spec/run-command.ts';

/**
 * `image`: the name the user knows it by (or its id). `layerPath`: the
 * layer's member in the archive, when the analysis said which.
 */
export function layerCommandLines(
  image: string,
  layerPath: string | undefined,
  shell: Shell,
  target: CliTarget,
): string {
  if (shell === 'posix') {
    const save = dockerCommandLine(['save', image], shell, target);
    const lines = [`${save} | tar -t`];
    if (layerPath) lines.push(`${save} | tar -xOf - -- ${quotePosix(layerPath)} | tar -tv`);
    return lines.join('\n');
  }
  // Windows PowerShell 5.1 turns a native pipe's bytes into text: go through a file.
  const save = dockerCommandLine(['save', '-o', 'image.tar', image], shell, target);
  const lines = [save, 'tar -tf image.tar'];
  if (layerPath) {
    const member = quotePowerShell(layerPath);
    lines.push(`tar -xf image.tar -- ${member}`, `tar -tvf ${member}`);
  }
  return lines.join('\n');
}
