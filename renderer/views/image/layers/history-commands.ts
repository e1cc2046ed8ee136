// The CLI behind the Layers tab, for the engine in use.
import {
  dockerCommandLine,
  type CliTarget,
  type Shell,
} from '../../../../electron/contract/run-spec/run-command.ts';

export function historyCommandLines(ref: string, shell: Shell, target: CliTarget): string {
  return [
    dockerCommandLine(['history', '--no-trunc', ref], shell, target),
    dockerCommandLine(['image', 'inspect', ref], shell, target),
  ].join('\n');
}
