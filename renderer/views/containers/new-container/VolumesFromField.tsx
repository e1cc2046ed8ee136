import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useContainersStore } from '../../../stores/containers-store.ts';
import { Field } from './Field.tsx';
import type { FormBindings } from './form-bindings.ts';

/**
 * `--volumes-from`, as text the CLI takes (one container a line, `:ro` or
 * `:rw` after it), with a picker that adds a line for a container of the list:
 * old tutorials' data containers and backups.
 */
export function VolumesFromField({ bind }: { bind: FormBindings }) {
  const names = useContainersStore(
    useShallow((s) =>
      Object.values(s.byId)
        .map((c) => c.name)
        .sort(),
    ),
  );
  const picked = useMemo(
    () => new Set(bind.form.volumesFrom.split('\n').map((l) => l.trim().replace(/:(ro|rw)$/, ''))),
    [bind.form.volumesFrom],
  );
  const add = (name: string, mode: string) => {
    const lines = bind.form.volumesFrom.split('\n').filter((l) => l.trim() !== '');
    bind.set('volumesFrom')([...lines, `${name}${mode}`].join('\n'));
  };
  return (
    <Field
      label="Volumes from"
      term="volume"
      errors={bind.errors('volumesFrom')}
      hint="Mount every volume of these containers too, one a line: container, container:ro or container:rw"
      actions={
        <select
          aria-label="Add volumes from"
          value=""
          onChange={(e) => {
            const [name = '', mode = ''] = e.target.value.split('|');
            if (name) add(name, mode);
          }}
        >
          <option value="">Add a container…</option>
          {names
            .filter((n) => !picked.has(n))
            .flatMap((n) => [
              <option key={n} value={`${n}|`}>
                {n}
              </option>,
              <option key={`${n}:ro`} value={`${n}|:ro`}>
                {n} (read-only)
              </option>,
            ])}
        </select>
      }
    >
      {(a) => <textarea {...a} rows={1} {...bind.text('volumesFrom')} />}
    </Field>
  );
}
