import { useShallow } from 'zustand/react/shallow';
import { useEngineStore } from '../../../stores/engine-store.ts';

/**
 * With Berth's VM, a published port reaches this computer only through a
 * forward QEMU makes; one that could not be made (the port is taken here)
 * is said beside the container's addresses, as on the Engine page.
 */
export function UnforwardedPorts(props: { name: string }) {
  const problems = useEngineStore(
    useShallow((s) => (s.status?.vm?.portProblems ?? []).filter((p) => p.container === props.name)),
  );
  if (problems.length === 0) return null;
  return (
    <div role="status" aria-label="Ports not forwarded" className="why-stopped failed">
      {problems.map((p) => (
        <p key={`${p.port}/${p.protocol}`}>
          Port {p.port}/{p.protocol} does not answer on this computer: {p.reason}
        </p>
      ))}
    </div>
  );
}
