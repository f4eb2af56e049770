/**
 * Build of the PWA: `client/` → `dist/client/`, served by the sync server
 * (sync-server/http/static.ts). `npm start` rebuilds it when the sources are newer
 * (sync-server/scripts/start.ts); `npx vite` serves it in development with /api and /sync proxied.
 */
import preact from "@preact/preset-vite";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";

const THEME = "#1e40af";

/**
 * RxDB dev-mode and ajv are test-only (client/sync/database.ts imports them on demand behind
 * `devMode`). Dev-mode loads an iframe from rxdb.info, so the app must not even ship it:
 * the build gets a stub that refuses, and the service worker never precaches them.
 */
function withoutRxdbDevMode(): Plugin {
  const ids = new Set(["rxdb/plugins/dev-mode", "rxdb/plugins/validate-ajv"]);
  return {
    name: "peerloop-without-rxdb-dev-mode",
    apply: "build",
    enforce: "pre",
    resolveId: (id) => (ids.has(id) ? `\0test-only:${id}` : null),
    load: (id) =>
      id.startsWith("\0test-only:")
        ? 'throw new Error("RxDB dev-mode is for tests only, never in the app");'
        : null,
  };
}

export default defineConfig({
  root: "client",
  publicDir: "public",
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    target: "es2022",
    // Hashed file names under /assets are what the server marks immutable.
    assetsDir: "assets",
  },
  server: {
    proxy: {
      "/api": "http://localhost:3000",
      "/sync": "http://localhost:3000",
      "/health": "http://localhost:3000",
    },
  },
  plugins: [
    withoutRxdbDevMode(),
    preact(),
    VitePWA({
      // The app asks before switching to a new version (UpdatePrompt), so a learner never
      // loses a half-typed message to a reload they did not choose.
      registerType: "prompt",
      // Registered from the app (virtual:pwa-register/preact), not by an injected script.
      injectRegister: false,
      strategies: "generateSW",
      filename: "sw.js",
      includeAssets: ["favicon.svg", "icons/apple-touch-icon.png"],
      manifest: {
        id: "/",
        name: "PeerLoop",
        short_name: "PeerLoop",
        description: "Learn from peers, online or not: courses, 1-on-1 teaching, progress.",
        start_url: "/",
        scope: "/",
        display: "standalone",
        orientation: "any",
        background_color: "#ffffff",
        theme_color: THEME,
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          {
            src: "/icons/maskable-512.png",
            sizes: "512x512",
            type: "image/png",
            purpose: "maskable",
          },
        ],
      },
      workbox: {
        // The shell: every built asset, so each screen opens offline (screens are lazy chunks).
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        // Any app route loads the shell offline; the router draws the screen.
        navigateFallback: "/index.html",
        // Never answer these with the shell: they are the server's. /api and /sync carry
        // per-user, changing data that the app keeps in its own local database (RxDB) or
        // localStorage; a cached answer would show stale or another session's data, and a
        // cached sync pull would break the replication's checkpoints. There is deliberately
        // no runtimeCaching at all, so the service worker passes every such request to the
        // network untouched. /pay is the local payment provider's checkout page.
        navigateFallbackDenylist: [/^\/(api|sync|health|verify|pay)(\/|$)/],
        cleanupOutdatedCaches: true,
        // A new worker waits until the user accepts the update (registerType 'prompt').
        skipWaiting: false,
        clientsClaim: false,
      },
    }),
  ],
});
