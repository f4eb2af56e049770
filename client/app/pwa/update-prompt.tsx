/**
 * Registers the service worker and tells the person when a new version is ready; it takes
 * over only when they say so (registerType 'prompt'), so nothing they are typing is lost.
 */
import { useRegisterSW } from "virtual:pwa-register/preact";

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      // Look for a new version hourly, for installed apps that stay open for days.
      if (registration) setInterval(() => void registration.update(), 60 * 60 * 1000);
    },
  });
  if (!needRefresh && !offlineReady) return null;
  return (
    <section class="toast" aria-live="polite" aria-label="App update">
      {needRefresh ? (
        <>
          <p>A new version of PeerLoop is ready.</p>
          <button type="button" class="primary" onClick={() => void updateServiceWorker(true)}>
            Reload now
          </button>
          <button type="button" onClick={() => setNeedRefresh(false)}>
            Later
          </button>
        </>
      ) : (
        <>
          <p>PeerLoop is ready to work offline.</p>
          <button type="button" onClick={() => setOfflineReady(false)}>
            OK
          </button>
        </>
      )}
    </section>
  );
}
