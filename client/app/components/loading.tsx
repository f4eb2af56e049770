/**
 * A screen still reading the local database. It keeps the screen's heading, so a screen
 * reader (and axe) always lands on a titled page, even for the few milliseconds it loads.
 */
export function Loading({ title }: { title: string }) {
  return (
    <section>
      <h1>{title}</h1>
      <p role="status">Loading…</p>
    </section>
  );
}
