export function NotFound() {
  return (
    <section class="narrow">
      <h1>Page not found</h1>
      <p>
        Nothing lives at this address. <a href="/">Go to the start page</a>.
      </p>
    </section>
  );
}
