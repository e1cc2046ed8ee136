// Environment variables whose names look like secrets are masked in the
// Inspect tab until revealed one by one. The match is deliberately loose (a
// name containing PASSWORD, SECRET, TOKEN or KEY in any case: DB_PASSWORD,
// apiKey, MONKEY too): showing a harmless value masked costs a click, showing
// a password on a shared screen costs more.
//
// Copy copies what is shown: masked values stay masked unless revealed, so a
// JSON pasted into an issue or a chat does not carry them by accident.

const SECRET_NAME = /PASSWORD|SECRET|TOKEN|KEY/i;

export const MASK = '••••••••';

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The names of the secret-looking variables in `docker inspect`'s Config.Env, in order. */
export function secretNames(info: unknown): string[] {
  return envOf(info)
    .map((entry) => nameOf(entry))
    .filter((name): name is string => name !== null && isSecretName(name));
}

/**
 * A copy of `docker inspect` with every secret-looking Config.Env value replaced
 * by MASK, except the revealed ones. Everything else is the engine's JSON as is.
 */
export function maskInspect(
  info: Record<string, unknown>,
  revealed: ReadonlySet<string>,
): Record<string, unknown> {
  const env = envOf(info);
  if (env.length === 0) return info;
  const config = info['Config'] as Record<string, unknown>;
  const masked = env.map((entry) => {
    const name = nameOf(entry);
    return name !== null && isSecretName(name) && !revealed.has(name) ? `${name}=${MASK}` : entry;
  });
  return { ...info, Config: { ...config, Env: masked } };
}

function envOf(info: unknown): string[] {
  const config = (info as { Config?: { Env?: unknown } } | null)?.Config;
  const env = config?.Env;
  return Array.isArray(env) ? env.filter((e): e is string => typeof e === 'string') : [];
}

function nameOf(entry: string): string | null {
  const eq = entry.indexOf('=');
  return eq > 0 ? entry.slice(0, eq) : null;
}
