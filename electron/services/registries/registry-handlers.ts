// The registries channels over one CLI config folder and the engine shown.
import type Docker from 'dockerode';
import type { RegistryCalls, RegistryStatus } from '../../contract/registries-channels.ts';
import { DOCKER_HUB } from '../../contract/image-reference.ts';
import { describeFailure } from '../../contract/errors.ts';
import { CredentialStore } from './credential-store.ts';
import type { HelperOptions } from './credential-helper.ts';
import { searchHub } from './hub-search.ts';
import { login, logout } from './registry-login.ts';
import { catalogPage, repositoryTags } from './registry-client.ts';

type Handlers = {
  [K in keyof RegistryCalls]: (
    ...args: RegistryCalls[K]['args']
  ) => Promise<RegistryCalls[K]['result']>;
};

export function registryHandlers(deps: {
  docker: () => Docker;
  /** The docker CLI's config folder ($DOCKER_CONFIG or ~/.docker). */
  configDir: string;
  helperOptions?: HelperOptions;
}): Handlers {
  const store = new CredentialStore(deps.configDir, deps.helperOptions);
  const status = async (
    registry: string,
    source: RegistryStatus['source'],
  ): Promise<RegistryStatus> => {
    try {
      const [kept, helper] = await Promise.all([store.get(registry), store.helperFor(registry)]);
      return {
        registry,
        source,
        loggedIn: kept !== undefined,
        ...(kept ? { username: kept.username } : {}),
        ...(helper ? { helper } : {}),
      };
    } catch (error) {
      return { registry, source, loggedIn: false, error: describeFailure(error) };
    }
  };
  return {
    'registries.list': async (fromImages) => {
      const sources = new Map<string, RegistryStatus['source']>();
      sources.set(DOCKER_HUB, 'hub');
      for (const r of await store.known()) if (!sources.has(r)) sources.set(r, 'config');
      for (const r of fromImages) if (!sources.has(r)) sources.set(r, 'images');
      return Promise.all([...sources].map(([registry, source]) => status(registry, source)));
    },
    'registries.login': (args) => login(deps.docker(), store, args),
    'registries.logout': (registry) => logout(store, registry),
    'registries.catalog': async ({ registry, last }) =>
      catalogPage(registry, {
        credentials: await store.get(registry),
        ...(last ? { last } : {}),
      }),
    'registries.tags': async ({ registry, repository }) =>
      repositoryTags(registry, repository, { credentials: await store.get(registry) }),
    'registries.search': ({ term }) => searchHub(deps.docker(), term),
  };
}
