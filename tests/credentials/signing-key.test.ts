/**
 * The platform's signing key: generated once and kept in the database (it survives a
 * restart on PGlite's data folder and on Postgres), one key even when generated
 * concurrently; CERT_SIGNING_KEY replaces it for new certificates while what the old key
 * signed keeps verifying.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../sync-server/config";
import { rawPublicKey } from "../../sync-server/credentials/data-integrity";
import { parseSigningKey } from "../../sync-server/credentials/key-format";
import { ed25519Multikey } from "../../sync-server/credentials/multibase";
import { signingKey, trustedKeys } from "../../sync-server/credentials/signing-key";
import { openDatabase } from "../../sync-server/db/database";
import { runMigrations } from "../../sync-server/db/migrate";
import * as s from "../../sync-server/db/schema";
import { createTestApp, TEST_ENV, type TestApp } from "../support/test-app";
import { databaseKinds, openTestDatabase } from "../support/test-db";
import { demoStage } from "./fixtures";

const NO_KEY = { CERT_SIGNING_KEY: undefined };

describe("CERT_SIGNING_KEY", () => {
  it("accepts an Ed25519 key as PEM or base64 PKCS#8 and refuses anything else", () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const b64 = privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");
    for (const v of [pem, b64]) {
      expect(loadConfig({ ...TEST_ENV, CERT_SIGNING_KEY: v }).CERT_SIGNING_KEY).toBe(v);
      expect(parseSigningKey(v)?.asymmetricKeyType).toBe("ed25519");
    }
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey;
    for (const bad of ["nonsense", rsa.export({ format: "pem", type: "pkcs8" }).toString()]) {
      expect(() => loadConfig({ ...TEST_ENV, CERT_SIGNING_KEY: bad })).toThrow(/CERT_SIGNING_KEY/);
    }
  });
});

describe("the generated key survives a PGlite restart", () => {
  const dir = mkdtempSync(join(tmpdir(), "peerloop-key-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is the same key after closing and reopening the data folder", async () => {
    const first = await openDatabase({ dataDir: dir });
    await runMigrations(first);
    const a = await signingKey(first.db, NO_KEY);
    await first.close();
    const second = await openDatabase({ dataDir: dir });
    const b = await signingKey(second.db, NO_KEY);
    const rows = await second.db.select().from(s.credentialSigningKeys);
    await second.close();
    expect(b.did).toBe(a.did);
    expect(rows).toHaveLength(1);
  });
});

describe.each(databaseKinds())("signing keys on %s", (kind) => {
  let t: TestApp | undefined;
  afterAll(async () => {
    await t?.close();
  });

  it("generates one key, even concurrently, and a new connection finds it", async () => {
    const database = await openTestDatabase(kind);
    try {
      const keys = await Promise.all(
        [1, 2, 3].map(() => database.db.transaction((tx) => signingKey(tx as never, NO_KEY))),
      );
      expect(new Set(keys.map((k) => k.did)).size).toBe(1);
      if (database.url) {
        const other = await openDatabase({ databaseUrl: database.url });
        expect((await signingKey(other.db, NO_KEY)).did).toBe(keys[0]?.did);
        await other.close();
      }
      expect(await database.db.select().from(s.credentialSigningKeys)).toHaveLength(1);
    } finally {
      await database.close();
    }
  });

  it("signs with CERT_SIGNING_KEY when set, and still trusts what the old key signed", async () => {
    t = await createTestApp(kind);
    const stage = await demoStage(t); // the demo certificates are signed with a generated key
    const { privateKey } = generateKeyPairSync("ed25519");
    const configured = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    const config = { ...t.deps.config, CERT_SIGNING_KEY: configured };
    const key = await signingKey(t.deps.db, config);
    expect(key.publicKeyMultibase).toBe(ed25519Multikey(rawPublicKey(privateKey)));
    const trusted = await trustedKeys(t.deps.db, config);
    expect(trusted.size).toBe(2);
    // An app running with the configured key verifies the old certificates.
    const t2 = t;
    const [old] = await t2.deps.db.select().from(s.certificates).limit(1);
    // The app's config object is the one its routes read: switch it to the configured key.
    Object.assign(t2.deps.config, { CERT_SIGNING_KEY: configured });
    const res = await t2.call("POST", "/api/certificates/verify", { body: old?.credential });
    expect(res.body.status).toBe("valid");
    // … and issues new ones with the configured key.
    await stage.completeAllModules("demo", "intro-to-claude-code");
    const issued = await t2.call("POST", "/api/certificates", {
      token: await stage.token("gabriel"),
      body: {
        userId: await stage.user("demo"),
        courseId: (await stage.course("intro-to-claude-code")).id,
        type: "completion",
      },
    });
    expect(issued.status).toBe(201);
    const json = await t2.call("GET", `/verify/${issued.body.certificate.id}.json`);
    expect(json.body.credential.issuer.id).toBe(key.did);
    expect(json.body.verification.status).toBe("valid");
  });
});
