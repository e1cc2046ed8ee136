// What the dialog learns from the image typed: whether it is on this machine
// (else a near miss of a local one, or a pull), and what it declares (EXPOSE,
// VOLUME), which fills Ports (each on a free host port) and Volumes unless the
// user wrote there.
import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { ContainerSummary } from '../../../../electron/contract/container-types.ts';
import { imageReferenceProblem } from '../../../../electron/contract/image-reference.ts';
import { getClient } from '../../../client/contract-client.ts';
import type { FormState } from './form.ts';
import { chooseHostPorts } from './host-ports.ts';
import { nearMiss } from './near-miss.ts';

const LOOKUP_DEBOUNCE_MS = 300;
const unknown = { note: 'A local image, or one to pull', didYouMean: null };

export interface ImageFacts {
  note: string;
  /** A local image the one typed is a typo of, when it is not on this machine. */
  didYouMean: string | null;
}

export function useImageFacts(
  image: string,
  localTags: string[],
  containers: ContainerSummary[],
  setForm: Dispatch<SetStateAction<FormState>>,
): ImageFacts {
  // Facts are about one reference: typing another shows the default until it is looked up.
  const [facts, setFacts] = useState<ImageFacts & { ref: string }>({ ref: '', ...unknown });
  const prefilled = useRef({ ports: '', volumes: '' });
  // Read when the image answers, not a reason to look it up again.
  const latest = useRef({ localTags, containers });
  useEffect(() => {
    latest.current = { localTags, containers };
  });

  useEffect(() => {
    const ref = image.trim();
    if (imageReferenceProblem(ref)) return;
    let current = true;
    const timer = setTimeout(() => {
      const client = getClient();
      client
        .call('images.inspect', ref)
        .then(async (details) => {
          const ports = (
            await chooseHostPorts(details.exposedPorts, latest.current.containers, (q) =>
              client.call('ports.check', q),
            ).catch(() => details.exposedPorts)
          ).join('\n');
          if (!current) return;
          const volumes = details.volumes.join('\n');
          // Captured now: the updater below runs later, after prefilled.current changes.
          const before = prefilled.current;
          prefilled.current = { ports, volumes };
          setForm((f) => ({
            ...f,
            ports: f.ports === before.ports ? ports : f.ports,
            volumes: f.volumes === before.volumes ? volumes : f.volumes,
          }));
          const declared = [...details.exposedPorts, ...details.volumes];
          setFacts({
            ref,
            note: declared.length
              ? `On this machine. It declares ${declared.join(', ')}: filled in below, each port on a free host port.`
              : 'On this machine.',
            didYouMean: null,
          });
        })
        .catch(() => {
          if (!current) return;
          const guess = nearMiss(ref, latest.current.localTags);
          setFacts(
            guess
              ? { ref, note: `Not on this machine. Did you mean ${guess}?`, didYouMean: guess }
              : {
                  ref,
                  note: 'Not on this machine: it will be pulled first (needs a registry).',
                  didYouMean: null,
                },
          );
        });
    }, LOOKUP_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [image, setForm]);

  return facts.ref === image.trim() ? facts : unknown;
}
