// What a field component needs of the dialog's form: its value, a setter, and
// the problems to show beside it.
import type { FieldKey, FormState } from './form.ts';

export interface FormBindings {
  form: FormState;
  set<K extends FieldKey>(key: K): (value: FormState[K]) => void;
  text(key: FieldKey): { value: string; onChange(e: { target: { value: string } }): void };
  check(key: FieldKey): { checked: boolean; onChange(e: { target: { checked: boolean } }): void };
  errors(key: FieldKey): string[] | undefined;
}

/** Fields behind "More options": a problem in one of them opens it before focus moves there. */
export const moreOptionKeys: FieldKey[] = [
  'command',
  'entrypoint',
  'labels',
  'network',
  'links',
  'volumesFrom',
  'restartPolicy',
  'maxRetries',
  'memoryLimit',
  'cpuShares',
  'cpuset',
  'user',
  'workdir',
  'publishAll',
  'interactive',
  'tty',
  'autoRemove',
  'privileged',
];
