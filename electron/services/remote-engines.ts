// The engines the user added on the Engine page (ssh://, tcp:// with TLS, or
// plain tcp:// after a warning): one more EngineProvider beside the engines
// found on the machine and the managed one. Kept in settings.json; a TLS
// engine's client certificates are copied into Berth's data folder (one folder
// per engine) and a Docker context is written for the user's own CLI. An
// engine is kept only once it answered `/_ping`: a refused host key, login or
// certificate saves nothing.
import { randomBytes } from 'node:crypto';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  addEngineRequest,
  type AddEngineRequest,
  type HostKeyToTrust,
  type RemoteEngineRecord,
} from '../contract/engine-remote.ts';
import type { EngineCandidate } from '../contract/engine-types.ts';
import { ContractError } from '../contract/errors.ts';
import { removeDockerContext, writeDockerContext } from '../engine/docker-context.ts';
import { parseEndpoint, type EngineEndpoint } from '../engine/endpoint.ts';
import { readTlsMaterial } from '../engine/endpoint-request.ts';
import { trustHostKey } from '../engine/ssh/ssh-sessions.ts';
import { saveTlsFiles } from '../engine/tls-files.ts';
import type { EngineProvider } from './engine-provider.ts';
import { contextNameFor, defaultLabel, folderNameFor } from './remote-engine-names.ts';
import { probeRemote, type RemoteProbe } from './remote-engine-probe.ts';
import type { SettingsFile } from './settings.ts';

export interface RemoteEnginesOptions {
  settings: SettingsFile;
  /** Berth's data folder: certificates go in its `remote-engines/<engine>/`. */
  dataDir: string;
  /** The docker CLI's config folder, where a TLS engine's context is written. */
  dockerConfigDir: string;
  /** How long adding waits for an engine's `/_ping` (an SSH login included). */
  addTimeoutMs?: number;
}

/** Adding waits long: a first SSH login through an agent on a slow link takes seconds. */
const ADD_TIMEOUT_MS = 20_000;
/**
 * Listing (at start, on Retry) waits little: the app's start waits on it, and
 * an engine that does not answer this fast is listed as such, not waited for.
 */
const LIST_TIMEOUT_MS = 5_000;

export class RemoteEngines implements EngineProvider {
  readonly #opts: RemoteEnginesOptions;
  /** By id, as last read from settings: connect() must answer at once. */
  #records = new Map<string, RemoteEngineRecord>();
  /** The last probe of each, so a list after an add does not probe every engine again. */
  readonly #probes = new Map<string, RemoteProbe>();
  /** Adds and removes one at a time: each reads and rewrites the list. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(opts: RemoteEnginesOptions) {
    this.#opts = opts;
  }

  /** Every added engine, each probed now (in parallel, under a deadline). */
  async candidates(): Promise<EngineCandidate[]> {
    const records = await this.#load();
    await Promise.all(
      records.map(async (r) => this.#probes.set(r.id, await this.#probe(this.#endpointOf(r)))),
    );
    return this.listed();
  }

  /** Every added engine as last probed (not probed again). */
  listed(): EngineCandidate[] {
    return [...this.#records.values()].map((r) =>
      toCandidate(r, this.#probes.get(r.id) ?? { state: 'unknown' }),
    );
  }

  has(id: string): boolean {
    return this.#records.has(id);
  }

  connect(candidate: EngineCandidate): EngineEndpoint {
    const record = this.#records.get(candidate.id);
    if (!record) throw new Error(`${candidate.id} is not an engine the user added`);
    return this.#endpointOf(record);
  }

  /** Checks the engine answers, then keeps it; resolves with its candidate. */
  add(request: AddEngineRequest): Promise<EngineCandidate> {
    // Checked again here: the dispatcher did for a window, but not every caller is one.
    const checked = addEngineRequest.safeParse(request);
    if (!checked.success) {
      const message = checked.error.issues.map((i) => i.message).join('; ');
      return Promise.reject(new ContractError({ kind: 'bad-request', message }));
    }
    return this.#serial(() => this.#add(checked.data));
  }

  remove(id: string): Promise<void> {
    return this.#serial(() => this.#remove(id));
  }

  /** The user trusts the key an `ssh-host-unknown` error showed; the next add goes through. */
  trustHostKey(key: HostKeyToTrust): Promise<{ file: string }> {
    return trustHostKey(key);
  }

  async #add(request: AddEngineRequest): Promise<EngineCandidate> {
    const records = await this.#load();
    const id = request.address;
    const existing = records.find((r) => r.id === id);
    if (existing) {
      throw new ContractError({
        kind: 'conflict',
        message: `${id} is already on the list, as ${existing.label}.`,
      });
    }
    const parsed = parseEndpoint(id, { tls: request.tls !== undefined });
    if (parsed.kind === 'tcp' && !request.tls && !request.allowPlaintext) {
      throw new ContractError({
        kind: 'bad-request',
        message: `${id} would be reached over plain TCP: anyone on the network between could read and drive that engine.`,
        hint: 'Give its TLS certificates, or tick "Connect without TLS" if the network is yours alone.',
      });
    }
    const label = request.name ?? defaultLabel(parsed, !!request.tls);
    const record: RemoteEngineRecord = { id, address: id, label };
    let staging: string | undefined;
    if (request.tls) {
      // Checked and written to a folder of its own first: a refusal leaves nothing behind.
      const folder = path.join(this.#opts.dataDir, 'remote-engines', folderNameFor(id));
      staging = `${folder}.new-${randomBytes(4).toString('hex')}`;
      await saveTlsFiles(staging, request.tls);
      record.tlsDir = folder;
    }
    try {
      const endpoint = { url: id, ...(staging ? { certPath: staging } : {}) };
      const probe = await this.#probe(endpoint, { typed: true });
      if (probe.state !== 'reachable') {
        throw new ContractError({
          kind: probe.state === 'timeout' ? 'timeout' : 'unreachable',
          message: `Couldn't add ${id}: ${probe.detail ?? 'it did not answer'}`,
          ...(probe.hint ? { hint: probe.hint } : {}),
        });
      }
      if (staging && record.tlsDir) {
        await rm(record.tlsDir, { recursive: true, force: true });
        await rename(staging, record.tlsDir);
        staging = undefined;
        record.cliContext = contextNameFor(id);
        await writeDockerContext({
          configDir: this.#opts.dockerConfigDir,
          name: record.cliContext,
          host: id,
          description: `${label}, added in Berth`,
          tls: readTlsMaterial(record.tlsDir),
        });
      }
      await this.#opts.settings.record({ remoteEngines: [...records, record] });
      this.#records.set(id, record);
      this.#probes.set(id, probe);
      return toCandidate(record, probe);
    } catch (error) {
      if (staging) await rm(staging, { recursive: true, force: true });
      throw error;
    }
  }

  async #remove(id: string): Promise<void> {
    const records = await this.#load();
    const record = records.find((r) => r.id === id);
    if (!record) {
      throw new ContractError({
        kind: 'not-found',
        message: `${id} is not an engine you added, so there is nothing to remove.`,
        hint: 'Engines Berth found on this machine are listed while they exist.',
      });
    }
    await this.#opts.settings.record({ remoteEngines: records.filter((r) => r.id !== id) });
    this.#records.delete(id);
    this.#probes.delete(id);
    if (record.tlsDir) await rm(record.tlsDir, { recursive: true, force: true });
    if (record.cliContext) {
      await removeDockerContext({
        configDir: this.#opts.dockerConfigDir,
        name: record.cliContext,
      }).catch((error: unknown) => {
        // It is the CLI's current context: the user chose it, so it stays.
        console.warn(`[remote engines] kept context ${record.cliContext}:`, String(error));
      });
    }
  }

  async #load(): Promise<RemoteEngineRecord[]> {
    const records = (await this.#opts.settings.read()).remoteEngines;
    this.#records = new Map(records.map((r) => [r.id, r]));
    return records;
  }

  #endpointOf(record: RemoteEngineRecord): EngineEndpoint {
    return { url: record.address, ...(record.tlsDir ? { certPath: record.tlsDir } : {}) };
  }

  #probe(endpoint: EngineEndpoint, opts: { typed?: boolean } = {}): Promise<RemoteProbe> {
    const typed = opts.typed === true;
    const timeoutMs = typed ? (this.#opts.addTimeoutMs ?? ADD_TIMEOUT_MS) : LIST_TIMEOUT_MS;
    return probeRemote(endpoint, { timeoutMs, typed });
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => {});
    return next;
  }
}

function toCandidate(record: RemoteEngineRecord, probe: RemoteProbe): EngineCandidate {
  return {
    id: record.id,
    label: record.label,
    source: 'remote',
    endpoint: record.address,
    state: probe.state,
    ...(probe.detail ? { detail: probe.detail } : {}),
    ...(probe.hint ? { hint: probe.hint } : {}),
    ...(probe.apiVersion ? { apiVersion: probe.apiVersion } : {}),
    ...(record.cliContext ? { cliContext: record.cliContext } : {}),
  };
}
