// What to do about the engine refusals a beginner meets most, read from the
// engine's own message (which the alert still quotes in full).

const hints: [RegExp, string][] = [
  [
    /port is already allocated|address already in use/i,
    'Another container or program uses that host port: stop it, or give this container another port.',
  ],
  [
    /stop the container before removing|You cannot remove a running container/i,
    'Stop it first, or remove it with force.',
  ],
  [/is already in use by container/i, 'Pick another name, or remove the container that has it.'],
  [/bind source path does not exist/i, 'Create the folder first, or pick one that exists.'],
  [/is not running/i, 'Start it first.'],
  [/is paused/i, 'Resume it first.'],
];

export function hintForEngineMessage(engineMessage: string | undefined): string | undefined {
  if (!engineMessage) return undefined;
  return hints.find(([pattern]) => pattern.test(engineMessage))?.[1];
}
