/**
 * The platform's certificate-signing key: CERT_SIGNING_KEY when configured, otherwise one
 * Ed25519 key generated on first use and kept in credential_signing_keys, so it survives
 * restarts on PGlite and Postgres alike. Every key that ever signed is recorded (public half
 * at least), which is the list verification trusts.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Config } from "../config";
import type { Db } from "../db/database";
import { credentialSigningKeys } from "../db/schema";
import { rawPublicKey } from "./data-integrity";
import { parseSigningKey, pkcs8Base64 } from "./key-format";
import { didKey, ed25519Multikey } from "./multibase";

export interface SigningKey {
  privateKey: KeyObject;
  publicKeyMultibase: string;
  did: string;
  verificationMethod: string;
}

type KeyConfig = Pick<Config, "CERT_SIGNING_KEY">;

function describe(privateKey: KeyObject): SigningKey {
  const raw = rawPublicKey(privateKey);
  return { privateKey, publicKeyMultibase: ed25519Multikey(raw), ...didKey(raw) };
}

/**
 * The key to sign with. Safe to call inside a transaction and concurrently: a second
 * generator's insert does nothing and it reads the winner's key.
 */
export async function signingKey(db: Db, config: KeyConfig): Promise<SigningKey> {
  if (config.CERT_SIGNING_KEY) {
    const key = parseSigningKey(config.CERT_SIGNING_KEY);
    if (!key) throw new Error("CERT_SIGNING_KEY is not an Ed25519 private key");
    const described = describe(key);
    await db
      .insert(credentialSigningKeys)
      .values({ publicKeyMultibase: described.publicKeyMultibase, source: "configured" })
      .onConflictDoNothing();
    return described;
  }
  const stored = await storedGeneratedKey(db);
  if (stored) return stored;
  const { privateKey } = generateKeyPairSync("ed25519");
  await db
    .insert(credentialSigningKeys)
    .values({
      publicKeyMultibase: ed25519Multikey(rawPublicKey(privateKey)),
      privateKeyPkcs8: pkcs8Base64(privateKey),
      source: "generated",
    })
    .onConflictDoNothing();
  const winner = await storedGeneratedKey(db);
  if (!winner) throw new Error("the generated signing key was not stored");
  return winner;
}

async function storedGeneratedKey(db: Db): Promise<SigningKey | null> {
  const [row] = await db
    .select()
    .from(credentialSigningKeys)
    .where(eq(credentialSigningKeys.source, "generated"));
  if (!row?.privateKeyPkcs8) return null;
  const key = createPrivateKey({
    key: Buffer.from(row.privateKeyPkcs8, "base64"),
    format: "der",
    type: "pkcs8",
  });
  return describe(key);
}

/** Multikeys (`z6Mk…`) of every key the platform has signed with. */
export async function trustedKeys(db: Db, config: KeyConfig): Promise<Set<string>> {
  const rows = await db
    .select({ k: credentialSigningKeys.publicKeyMultibase })
    .from(credentialSigningKeys);
  const keys = new Set(rows.map((r) => r.k));
  const configured = config.CERT_SIGNING_KEY ? parseSigningKey(config.CERT_SIGNING_KEY) : null;
  if (configured) keys.add(ed25519Multikey(rawPublicKey(configured)));
  return keys;
}
