// A row of tabs (the ARIA tabs pattern): one tab stop, arrows move between
// tabs and select them. Each tab `t` controls the panel with id `panel-t`.
export function TabList<T extends string>({
  tabs,
  selected,
  onSelect,
  label,
}: {
  tabs: readonly T[];
  selected: T;
  onSelect: (tab: T) => void;
  label: string;
}) {
  return (
    <div role="tablist" aria-label={label} className="tabs">
      {tabs.map((t, i) => (
        <button
          key={t}
          role="tab"
          type="button"
          id={`tab-${t}`}
          aria-selected={selected === t}
          aria-controls={`panel-${t}`}
          tabIndex={selected === t ? 0 : -1}
          onClick={() => onSelect(t)}
          onKeyDown={(e) => {
            const next =
              e.key === 'ArrowRight'
                ? tabs[(i + 1) % tabs.length]
                : e.key === 'ArrowLeft'
                  ? tabs[(i + tabs.length - 1) % tabs.length]
                  : undefined;
            if (next) {
              onSelect(next);
              document.getElementById(`tab-${next}`)?.focus();
            }
          }}
        >
          {t}
        </button>
      ))}
    </div>
  );
}
