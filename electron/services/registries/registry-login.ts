// `docker login` and `docker logout` as the CLI does them: the engine checks
// the credentials against the registry first (`POST /auth`, which may answer
// an identity token to keep instead of the password), then they are kept as
// the CLI keeps them (credential-store.ts).
import type Docker from 'dockerode';
import { ContractError } from '../../contract/errors.ts';
import type { LoginResult } from '../../contract/registries-channels.ts';
import { credentialKey } from '../../contract/image-reference.ts';
import { toErrorEnvelope } from '../engine-errors.ts';
import type { CredentialStore } from './credential-store.ts';

/** The engine's own login has long timeouts; Berth gives up first and says so. */
export const LOGIN_TIMEOUT_MS = 10_000;

export async function login(
  docker: Docker,
  store: CredentialStore,
  { registry, username, password }: { registry: string; username: string; password: string },
  timeoutMs = LOGIN_TIMEOUT_MS,
): Promise<LoginResult> {
  // Which helper would keep it, asked before the engine: a broken config fails first.
  await store.helperFor(registry);
  const signal = AbortSignal.timeout(timeoutMs);
  let answer: { IdentityToken?: string };
  try {
    answer = (await docker.checkAuth({
      username,
      password,
      serveraddress: credentialKey(registry),
      abortSignal: signal,
    })) as { IdentityToken?: string };
  } catch (error) {
    if (signal.aborted) {
      throw new ContractError({
        kind: 'timeout',
        message: `Logging in to ${registry}: the engine got no answer from the registry within ${timeoutMs / 1000} s.`,
        hint: "Check the registry's name and port, and that it is running.",
      });
    }
    const envelope = toErrorEnvelope(error, `Logging in to ${registry}`);
    throw new ContractError({
      ...envelope,
      message: /[.!?]$/.test(envelope.message) ? envelope.message : `${envelope.message}.`,
      hint: /unauthori[sz]ed|denied|incorrect/i.test(envelope.engineMessage ?? '')
        ? 'Check the username and password (or access token) and try again.'
        : "Check the registry's name and port, and that it is running.",
    });
  }
  const token = answer?.IdentityToken;
  const kept = await store.store(
    registry,
    username,
    token ? { identitytoken: token } : { password },
  );
  return {
    registry,
    username,
    ...(kept.helper
      ? { helper: kept.helper }
      : {
          // The CLI's own warning, so the user learns the same thing either way.
          warning: `Your password is stored unencrypted in ${store.configFile}. Configure a credential helper (credsStore in config.json) to remove this warning.`,
        }),
  };
}

export async function logout(store: CredentialStore, registry: string): Promise<void> {
  await store.erase(registry);
}
