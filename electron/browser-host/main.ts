// `npm run web`: the browser face. Serves the built renderer on loopback with a
// random token, over the same services the desktop app uses.
import { fileURLToPath } from 'node:url';
import { ContractError } from '../contract/errors.ts';
import { defaultDataDir, parseFlags, validateEngineFlag } from '../services/app-options.ts';
import { createDefaultApp } from '../services/default-app.ts';
import { Dispatcher } from '../transport/dispatcher.ts';
import { startBrowserHost } from './server.ts';
import { resolveToken } from './token-source.ts';

const usage = `Usage: npm run web -- [--host 127.0.0.1] [--port 7420] [--engine auto|managed|URL] [--data-dir DIR] [--allowed-host NAME] [--token-file PATH]
The access token: --token-file PATH or BERTH_TOKEN (32 characters at least), else a random one.`;

async function main(): Promise<void> {
  let flags: Record<string, string>;
  let token: string | undefined;
  try {
    flags = parseFlags(process.argv.slice(2), [
      'host',
      'port',
      'engine',
      'data-dir',
      'allowed-host',
      'token',
      'token-file',
    ]);
    token = await resolveToken({ flag: flags.token, file: flags['token-file'], env: process.env });
    // The engine and CLIs this process starts have no use for it.
    delete process.env.BERTH_TOKEN;
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    process.exit(2);
  }
  const host = flags.host ?? '127.0.0.1';
  const port = Number(flags.port ?? process.env.BERTH_PORT ?? 7420);
  const engine = validateEngineFlag(flags.engine ?? process.env.BERTH_ENGINE ?? 'auto');
  const dataDir = flags['data-dir'] ?? defaultDataDir(process.env, process.platform);
  const rendererRoot = fileURLToPath(new URL('../../.vite/renderer/main_window', import.meta.url));

  const services = await createDefaultApp({ engine, dataDir });
  const web = await startBrowserHost({
    dispatcher: new Dispatcher(services),
    transfers: services.transfers,
    rendererRoot,
    host,
    port,
    ...(token ? { token } : {}),
    ...(flags['allowed-host'] ? { extraHosts: [flags['allowed-host']] } : {}),
    mayPreview: services.mayPreview,
  });

  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    console.warn(
      `WARNING: listening on ${host}. The token and everything else travel in clear text (no TLS).\n` +
        'Prefer SSH port forwarding: ssh -L 7420:127.0.0.1:7420 user@server, then open the printed URL locally.',
    );
  }
  console.log(`Berth is running at ${web.urlWithToken}`);
  console.log(`Open that URL in your browser. Stop with Ctrl-C. Data: ${dataDir}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    void Promise.allSettled([web.close(), services.dispose()]).then((results) => {
      for (const r of results)
        if (r.status === 'rejected') console.error('While stopping:', r.reason);
      process.exit(0);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ContractError) {
    console.error(
      `Berth could not start: ${err.envelope.message}${err.envelope.hint ? `\n${err.envelope.hint}` : ''}`,
    );
  } else console.error('Berth could not start:', err);
  process.exit(1);
});
