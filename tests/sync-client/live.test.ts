/**
 * (d) Live: a message written on device A reaches device B of the other participant, which
 * is online and idle, within a second through the event stream — with both on one server,
 * and with A and B on two server processes sharing one Postgres (LISTEN/NOTIFY fan-out).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../sync-server/server";
import { sendMessage } from "./actions";
import {
  type Device,
  freshStore,
  localDocs,
  login,
  openDevice,
  startTestServer,
  until,
} from "./harness";

const pgUrl = process.env.TEST_DATABASE_URL;

interface Setup {
  store: Awaited<ReturnType<typeof freshStore>>;
  servers: RunningServer[];
  a: Device;
  b: Device;
}

async function setup(kind: "pglite" | "postgres", twoServers: boolean): Promise<Setup> {
  const store = await freshStore(kind);
  const s1 = await startTestServer(store.where);
  const s2 = twoServers ? await startTestServer(store.where) : s1;
  const collections = ["messages", "conversations", "profiles"] as const;
  const a = await openDevice({ baseUrl: s1.url, token: await login(s1.url, "demo"), collections });
  const b = await openDevice({
    baseUrl: s2.url,
    token: await login(s2.url, "marcus"),
    collections,
  });
  await Promise.all([a.sync.awaitInSync(), b.sync.awaitInSync()]);
  await until(() => a.sync.streamConnected && b.sync.streamConnected, 5000, "event streams");
  return { store, servers: twoServers ? [s1, s2] : [s1], a, b };
}

async function teardown(s: Setup | undefined) {
  await s?.a.close();
  await s?.b.close();
  for (const server of s?.servers ?? []) await server.close();
  await s?.store.drop();
}

/** Sends `rounds` messages each way and returns every delivery time in ms. */
async function measure({ a, b }: Setup, rounds: number): Promise<number[]> {
  const profiles = await localDocs(a.db, "profiles");
  const demo = [...profiles.values()].find((p) => p.handle === "demo");
  const marcus = [...profiles.values()].find((p) => p.handle === "marcus");
  const conv = [...(await localDocs(a.db, "conversations")).values()].find((c) =>
    (c.participants as { userId: string }[]).some((p) => p.userId === marcus?.id),
  );
  if (!demo || !marcus || !conv) throw new Error("demo world missing");
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const [from, to, sender] of [
      [a, b, demo],
      [b, a, marcus],
    ] as const) {
      await new Promise((r) => setTimeout(r, 100)); // idle devices, as in real life
      const t0 = performance.now();
      const id = await sendMessage(from.db, String(conv.id), String(sender.id), `live ${i}`);
      await until(
        async () => (await to.db.collections.messages.findOne(id).exec()) !== null,
        5000,
        "delivery",
      );
      times.push(performance.now() - t0);
    }
  }
  return times;
}

const summary = (t: number[]) => {
  const s = [...t].sort((x, y) => x - y);
  return { median: Math.round(s[Math.floor(s.length / 2)] ?? 0), max: Math.round(s.at(-1) ?? 0) };
};

describe("live delivery between two users' devices", () => {
  describe("one server (PGlite)", () => {
    let s: Setup | undefined;
    beforeAll(async () => {
      s = await setup("pglite", false);
    });
    afterAll(() => teardown(s));

    it("delivers each message in under a second", async () => {
      if (!s) throw new Error("setup failed");
      const times = await measure(s, 5);
      console.info("live latency, one PGlite server (ms):", summary(times), times.map(Math.round));
      expect(Math.max(...times)).toBeLessThan(1000);
    });
  });

  describe.skipIf(!pgUrl)("two server processes on one Postgres", () => {
    let s: Setup | undefined;
    beforeAll(async () => {
      s = await setup("postgres", true);
    });
    afterAll(() => teardown(s));

    it("delivers each message in under a second across servers", async () => {
      if (!s) throw new Error("setup failed");
      expect(s.servers[0]?.url).not.toBe(s.servers[1]?.url);
      const times = await measure(s, 5);
      console.info(
        "live latency, two servers on Postgres (ms):",
        summary(times),
        times.map(Math.round),
      );
      expect(Math.max(...times)).toBeLessThan(1000);
    });
  });
});
