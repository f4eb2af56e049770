// Browser tests in Debian's Chromium (no browser download): `npm run test:browser`.
// Loaded with tsx (see package.json), so it can start the real TypeScript server.
import { createServer } from "node:net";
import { esbuildPlugin } from "@web/dev-server-esbuild";
import { chromeLauncher } from "@web/test-runner-chrome";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./tests/support/chromium.ts";
import { startDemoServer } from "./tests/support/demo-server.ts";

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const port = await freePort();
const peerloop = await startDemoServer({ corsOrigins: `http://localhost:${port}` });

export default {
  files: ["tests/browser/**/*.test.ts"],
  port,
  hostname: "localhost",
  nodeResolve: { browser: true },
  concurrency: 1,
  testFramework: { config: { timeout: 30000 } },
  testsFinishTimeout: 120000,
  plugins: [
    // tsx + tsconfig: the app's Preact components (JSX via preact/jsx-runtime).
    esbuildPlugin({ ts: true, tsx: true, target: "es2022", tsconfig: "tsconfig.json" }),
    {
      // dexie's "import" entry wraps its UMD build, which only bundlers can import; the
      // browser gets dexie's own ES module instead.
      name: "dexie-esm",
      resolveImport: ({ source }) =>
        source === "dexie" ? "/node_modules/dexie/dist/dexie.mjs" : undefined,
    },
    { name: "peerloop-server", serverStop: () => peerloop.close() },
  ],
  testRunnerHtml: (framework) => `<!doctype html><html><body>
    <script>window.PEERLOOP_URL = ${JSON.stringify(peerloop.url)};</script>
    <script type="module" src="${framework}"></script></body></html>`,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
};
