// The name and host ports typed, checked against what holds them now: as the
// user types (debounced), and once more, fresh, when they submit.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContainerSummary } from '../../../../electron/contract/container-types.ts';
import { parsePorts } from '../../../../electron/contract/run-spec/parse.ts';
import { getClient } from '../../../client/contract-client.ts';
import { nameClashMessage, nameHolder } from './clashes.ts';
import { checkHostPorts, type PortProblem } from './host-ports.ts';

const CHECK_DEBOUNCE_MS = 400;

export interface Clashes {
  name: string | null;
  ports: PortProblem[];
  /** Why programs' ports were not checked, when they could not be. */
  portsNote: string | null;
}

const none: Clashes = { name: null, ports: [], portsNote: null };

async function findClashes(
  name: string,
  portsText: string,
  containers: ContainerSummary[],
): Promise<Clashes> {
  const holder = nameHolder(name, containers);
  const parsed = parsePorts(portsText);
  const report = parsed.ok
    ? await checkHostPorts(parsed.value, containers, (q) => getClient().call('ports.check', q))
    : { problems: [], note: null };
  return {
    name: holder ? nameClashMessage(holder, Date.now()) : null,
    ports: report.problems,
    portsNote: report.note,
  };
}

export function useClashes(
  name: string,
  portsText: string,
  containers: ContainerSummary[],
): { clashes: Clashes; checkNow(): Promise<Clashes> } {
  const [clashes, setClashes] = useState<Clashes>(none);
  const latest = useRef({ name, portsText, containers });
  useEffect(() => {
    latest.current = { name, portsText, containers };
  });
  // Only the newest check may set what is shown: an older one can answer last.
  const generation = useRef(0);

  const run = useCallback(async () => {
    const mine = ++generation.current;
    const { name: n, portsText: p, containers: c } = latest.current;
    let found: Clashes;
    try {
      found = await findClashes(n, p, c);
    } catch (err) {
      // The check is advice: when it cannot run, the engine still has the last word.
      console.warn('New container: the clash check failed', err);
      found = {
        ...none,
        name: nameHolder(n, c) ? nameClashMessage(nameHolder(n, c)!, Date.now()) : null,
      };
    }
    if (mine === generation.current) setClashes(found);
    return found;
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => void run(), CHECK_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [name, portsText, containers, run]);

  return { clashes, checkNow: run };
}
