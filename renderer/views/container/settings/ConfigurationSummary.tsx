import type { RunSpec } from '../../../../electron/contract/run-spec/spec.ts';
import { quotePosix } from '../../../../electron/contract/run-spec/run-command.ts';

/** What the container runs with, beyond what the form below changes; all of it is text. */
export function ConfigurationSummary({ spec }: { spec: RunSpec }) {
  const rows: [string, string][] = [
    ['Image', spec.image],
    ['Command', spec.command ? spec.command.map(quotePosix).join(' ') : "the image's own"],
    ...(spec.entrypoint ? ([['Entrypoint', spec.entrypoint]] as [string, string][]) : []),
    ['Network', spec.network ?? 'default (bridge)'],
    ...(spec.links?.length ? ([['Links', spec.links.join('\n')]] as [string, string][]) : []),
    ...(spec.volumesFrom?.length
      ? ([['Volumes from', spec.volumesFrom.join('\n')]] as [string, string][])
      : []),
    [
      'Labels',
      Object.entries(spec.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join('\n') || 'none',
    ],
    ['Memory limit', spec.memoryBytes ? bytesText(spec.memoryBytes) : 'none'],
    ['CPU shares', spec.cpuShares ? String(spec.cpuShares) : 'default (1024)'],
    ...(spec.cpuset ? ([['CPU set', spec.cpuset]] as [string, string][]) : []),
    ['User', spec.user ?? "the image's own"],
    ['Working directory', spec.workdir ?? "the image's own"],
    [
      'Options',
      [
        spec.interactive && 'interactive',
        spec.tty && 'TTY',
        spec.autoRemove && 'removed when it exits',
        spec.privileged && 'privileged',
        spec.publishAll && 'all exposed ports published',
      ]
        .filter(Boolean)
        .join(', ') || 'none',
    ],
  ];
  return (
    <section aria-labelledby="configuration-title" className="configuration">
      <h2 id="configuration-title">Configuration</h2>
      <dl>
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function bytesText(bytes: number): string {
  const mib = bytes / 1024 ** 2;
  return mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${Math.round(mib)} MiB`;
}
