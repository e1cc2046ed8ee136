// Re-creating a container with a changed variable: Berth's contract call
// (create aside, stop, swap names, start, a 1 s check that it stays up, remove
// the old one) next to the CLI lines the Settings tab shows for the same change.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { recreateCommandLines } from '../../electron/contract/run-spec/run-command.ts';
import { emptyRunSpec } from '../../electron/contract/run-spec/spec.ts';
import { dockerCli, timed } from './cli.ts';
import { contractCall } from './contract-call.ts';
import { summarize, type BenchRow } from './stats.ts';

const sh = promisify(execFile);
const loop = 'trap "exit 0" TERM; while true; do sleep 1; done';

export async function measureRecreate(
  appUrl: string,
  token: string,
  endpoint: string,
  image: string,
  runs: number,
): Promise<BenchRow[]> {
  const client = await contractCall(appUrl, token);
  const start = (name: string) =>
    dockerCli(endpoint, 'run', '-d', '--name', name, '-e', 'ROUND=0', image, 'sh', '-c', loop);
  await start('bench-recreate-berth');
  await start('bench-recreate-cli');
  const berth: number[] = [];
  const cli: number[] = [];
  try {
    for (let i = 1; i <= runs; i++) {
      berth.push(
        (
          await timed(() =>
            client.call('containers.recreate', 'bench-recreate-berth', { env: [`ROUND=${i}`] }),
          )
        ).ms,
      );
      const lines = recreateCommandLines(
        {
          ...emptyRunSpec(),
          image,
          name: 'bench-recreate-cli',
          env: [`ROUND=${i}`],
          command: ['sh', '-c', loop],
        },
        'posix',
        { host: endpoint },
      );
      cli.push(
        (
          await timed(async () => {
            for (const line of lines) await sh('sh', ['-c', line]);
          })
        ).ms,
      );
    }
  } finally {
    client.close();
    await dockerCli(endpoint, 'rm', '-f', 'bench-recreate-berth', 'bench-recreate-cli');
  }
  return summarize(
    're-create with a changed variable (running container)',
    berth,
    cli,
    'docker rename, stop, run -d, rm',
    'Berth also checks for 1 s that the new container stays up before removing the old one',
  );
}
