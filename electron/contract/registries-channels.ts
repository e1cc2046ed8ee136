// The registries domain of the contract: the logins a user keeps (as the docker
// CLI keeps them), logging in and out, a registry's repositories and tags
// through its v2 API, and Docker Hub search through the engine.
import { z } from 'zod';
import { registryHost } from './refs.ts';

export interface RegistryStatus {
  /** As the UI names it: `docker.io`, `localhost:5000`. */
  registry: string;
  /** Why it is listed. */
  source: 'config' | 'hub' | 'images';
  loggedIn: boolean;
  /** Whom as; empty when only an identity token is kept. */
  username?: string;
  /** The credential helper keeping (or that would keep) its login; absent: config.json. */
  helper?: string;
  /** The login could not be read (a helper missing or failing), in its own words. */
  error?: string;
}

export interface LoginResult {
  registry: string;
  username: string;
  /** The helper that keeps it; absent when it went to config.json unencrypted. */
  helper?: string;
  /** The CLI's warning when the password sits unencrypted in config.json. */
  warning?: string;
}

export interface HubSearchResult {
  name: string;
  description: string;
  stars: number;
  official: boolean;
}

export interface RegistryCalls {
  /** Known registries: config.json's, Docker Hub, and `fromImages` (named by local images' tags). */
  'registries.list': { args: [fromImages: string[]]; result: RegistryStatus[] };
  /** `docker login`: checked by the engine first, then kept as the CLI keeps it. */
  'registries.login': {
    args: [login: { registry: string; username: string; password: string }];
    result: LoginResult;
  };
  /** `docker logout`: erased from the helper or from config.json. */
  'registries.logout': { args: [registry: string]; result: void };
  /** One page of `/v2/_catalog`; `last` from the previous page's `next`. */
  'registries.catalog': {
    args: [query: { registry: string; last?: string }];
    result: { repositories: string[]; next?: string };
  };
  /** `/v2/NAME/tags/list`. */
  'registries.tags': { args: [query: { registry: string; repository: string }]; result: string[] };
  /** `docker search` (Docker Hub, through the engine). */
  'registries.search': { args: [query: { term: string }]; result: HubSearchResult[] };
}

/** A repository path in a registry (`library/busybox`, `team/app`): distribution's grammar. */
export const repositoryPath = z
  .string()
  .max(255)
  .regex(
    /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/,
    'not a repository name',
  );

const username = z
  .string()
  .min(1, 'Give a username')
  .max(256)
  .refine((u) => !/[\s:]/.test(u), 'a username has no spaces or colons');
const password = z.string().min(1, 'Give a password').max(8192);

export const registryCallArgs: {
  [K in keyof RegistryCalls]: z.ZodType<RegistryCalls[K]['args']>;
} = {
  'registries.list': z.tuple([z.array(registryHost).max(500)]),
  'registries.login': z.tuple([z.object({ registry: registryHost, username, password }).strict()]),
  'registries.logout': z.tuple([registryHost]),
  'registries.catalog': z.tuple([
    z.object({ registry: registryHost, last: repositoryPath.optional() }).strict(),
  ]),
  'registries.tags': z.tuple([
    z.object({ registry: registryHost, repository: repositoryPath }).strict(),
  ]),
  'registries.search': z.tuple([
    z
      .object({
        term: z
          .string()
          .min(1)
          .max(200)
          .refine((t) => !/[\r\n\0]/.test(t), 'one line'),
      })
      .strict(),
  ]),
};
