// The rows of `docker system df -v` for one kind: what takes the space.
import {
  cliSize,
  type DiskKind,
  type DiskUsage,
} from '../../../electron/contract/disk-channels.ts';
import { KIND_LABEL } from './disk-labels.ts';

const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
const when = (seconds: number) => (seconds > 0 ? new Date(seconds * 1000).toLocaleString() : '');

function Table(props: { label: string; columns: string[]; rows: (string | number)[][] }) {
  return (
    <div className="disk-details-scroll">
      <table aria-label={props.label} className="disk-table disk-details">
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 && (
            <tr>
              <td colSpan={props.columns.length} className="muted">
                None.
              </td>
            </tr>
          )}
          {props.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, c) => (
                <td key={c}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DiskDetails(props: { usage: DiskUsage; kind: DiskKind }) {
  const label = `${KIND_LABEL[props.kind]} space usage`;
  switch (props.kind) {
    case 'images':
      return (
        <Table
          label={label}
          columns={[
            'Repository',
            'Tag',
            'Image ID',
            'Created',
            'Size',
            'Shared size',
            'Unique size',
            'Containers',
          ]}
          rows={props.usage.images.map((i) => [
            i.repository,
            i.tag,
            shortId(i.id),
            when(i.created),
            cliSize(i.size, 3),
            cliSize(i.sharedSize, 3),
            cliSize(i.uniqueSize, 3),
            i.containers,
          ])}
        />
      );
    case 'containers':
      return (
        <Table
          label={label}
          columns={[
            'Container ID',
            'Image',
            'Command',
            'Local volumes',
            'Size',
            'Created',
            'Status',
            'Names',
          ]}
          rows={props.usage.containers.map((c) => [
            shortId(c.id),
            c.image,
            c.command,
            c.localVolumes,
            cliSize(c.size),
            when(c.created),
            c.status,
            c.name,
          ])}
        />
      );
    case 'volumes':
      return (
        <Table
          label={label}
          columns={['Volume name', 'Links', 'Size']}
          rows={props.usage.volumes.map((v) => [
            v.name,
            v.links,
            v.size < 0 ? 'N/A' : cliSize(v.size),
          ])}
        />
      );
    case 'buildCache':
      return (
        <Table
          label={label}
          columns={['Cache ID', 'Cache type', 'Size', 'Created', 'Last used', 'Usage', 'Shared']}
          rows={props.usage.buildCache.map((b) => [
            b.id.slice(0, 12),
            b.type,
            cliSize(b.size),
            b.created ? new Date(b.created).toLocaleString() : '',
            b.lastUsed ? new Date(b.lastUsed).toLocaleString() : '',
            b.usage,
            b.shared ? 'true' : 'false',
          ])}
        />
      );
  }
}
