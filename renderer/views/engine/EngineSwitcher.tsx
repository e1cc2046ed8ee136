import { useShallow } from 'zustand/react/shallow';
import { runEngineAction, useEngineStore } from '../../stores/engine-store.ts';
import { linkWord } from './engine-words.ts';

/**
 * The sidebar's "Engine" combobox: every engine with its link's state, the
 * one shown selected, so every page names it. Choosing one shows it at once
 * (engine.use); the others stay connected and keep their state here.
 */
export function EngineSwitcher() {
  // Never disabled while a switch is out: a slow or dead link must not keep the user from switching again.
  const { candidates, shown } = useEngineStore(
    useShallow((s) => ({ candidates: s.candidates, shown: s.status?.engineId ?? '' })),
  );
  if (candidates.length === 0) return null;
  return (
    <label className="engine-switcher">
      <span className="muted fine-print">Engine</span>
      <select
        aria-label="Engine"
        value={shown}
        onChange={(e) => void runEngineAction({ use: e.target.value })}
      >
        {shown === '' && <option value="">No engine yet</option>}
        {candidates.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label} ({linkWord(c)})
          </option>
        ))}
      </select>
    </label>
  );
}
