/** What the app's browser suites share: plain assertions and waiting for the screen. */

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

/** Waits until `f` holds; on a timeout the error shows what the page said meanwhile. */
export async function until(f: () => boolean, what: string, ms = 3000) {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end)
      throw new Error(
        `timed out waiting for ${what}: ${document.body.textContent?.slice(0, 2000)}`,
      );
    await tick();
  }
}
