export function PlaceholderPage({ title }: { title: string }) {
  return (
    <main aria-label={title} className="page">
      <h1>{title}</h1>
      <p className="muted">This page arrives in a later version.</p>
    </main>
  );
}
