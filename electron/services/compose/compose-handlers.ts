// The Compose domain's handlers, one spread line each in app-services.ts.
import type { Readable } from 'node:stream';
import type { CallHandlers } from '../../contract/channels.ts';
import {
  COMPOSE_INSTALL_HINT,
  type ComposeCliInfo,
  type ComposeRequest,
} from '../../contract/compose-channels.ts';
import { findComposeCli } from './compose-cli.ts';
import { runCompose, type ComposeRunDeps } from './compose-run.ts';

export async function composeCliInfo(env: NodeJS.ProcessEnv): Promise<ComposeCliInfo> {
  const cli = await findComposeCli(env);
  return {
    found: cli ? { kind: cli.kind, version: cli.version } : null,
    hint: cli ? '' : COMPOSE_INSTALL_HINT,
  };
}

export function composeCalls(
  env: NodeJS.ProcessEnv = process.env,
): Pick<CallHandlers, 'compose.cli'> {
  return { 'compose.cli': () => composeCliInfo(env) };
}

type ComposeOpen = (request: ComposeRequest) => Readable;

export function composeStreams(
  wrap: (open: ComposeOpen) => ComposeOpen,
  deps: Omit<ComposeRunDeps, 'env'> & { env?: NodeJS.ProcessEnv },
): { 'compose.run': ComposeOpen } {
  const env = deps.env ?? process.env;
  return { 'compose.run': wrap((request) => runCompose({ ...deps, env }, request)) };
}
