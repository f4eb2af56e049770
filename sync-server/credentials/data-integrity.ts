/**
 * W3C Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite (vc-di-eddsa §3.3):
 * the proof configuration (the proof minus its value, with the document's @context) and the
 * document without its proof are each canonicalized with JCS and hashed with SHA-256; the
 * Ed25519 signature covers proofConfigHash ‖ documentHash. Pure apart from node:crypto.
 */
import { createHash, createPublicKey, type KeyObject, sign, verify } from "node:crypto";
import { CanonicalizationError, canonicalize } from "./jcs";
import { fromMultibase, multibase, rawFromVerificationMethod } from "./multibase";

export interface DataIntegrityProof {
  type: "DataIntegrityProof";
  cryptosuite: "eddsa-jcs-2022";
  created: string;
  verificationMethod: string;
  proofPurpose: "assertionMethod";
  proofValue: string;
}

type Doc = Record<string, unknown>;

function hashData(unsecured: Doc, proofConfig: Doc): Buffer {
  const sha = (s: string) => createHash("sha256").update(s, "utf8").digest();
  const withContext = { ...proofConfig, "@context": unsecured["@context"] };
  return Buffer.concat([sha(canonicalize(withContext)), sha(canonicalize(unsecured))]);
}

/** The document with a proof made by `privateKey`, named by `verificationMethod`. */
export function addProof<T extends Doc>(
  unsecured: T,
  privateKey: KeyObject,
  verificationMethod: string,
  created: Date,
): T & { proof: DataIntegrityProof } {
  const config = {
    type: "DataIntegrityProof" as const,
    cryptosuite: "eddsa-jcs-2022" as const,
    created: created.toISOString().replace(/\.\d{3}Z$/, "Z"),
    verificationMethod,
    proofPurpose: "assertionMethod" as const,
  };
  const signature = sign(null, hashData(unsecured, config), privateKey);
  return { ...unsecured, proof: { ...config, proofValue: multibase(signature) } };
}

export type ProofCheck =
  | { ok: true; verificationMethod: string; publicKey: Uint8Array }
  | { ok: false; reason: string };

/**
 * Checks a secured document's proof against the key its verification method names. Says
 * nothing about whether that key is one the reader trusts: the caller decides that.
 */
export function checkProof(secured: unknown): ProofCheck {
  if (!secured || typeof secured !== "object" || Array.isArray(secured)) {
    return { ok: false, reason: "The credential is not a JSON object." };
  }
  const { proof, ...unsecured } = secured as Doc;
  if (!proof || typeof proof !== "object" || Array.isArray(proof)) {
    return { ok: false, reason: "The credential has no proof." };
  }
  const { proofValue, ...config } = proof as Doc;
  if (config.type !== "DataIntegrityProof" || config.cryptosuite !== "eddsa-jcs-2022") {
    return { ok: false, reason: "The proof is not a DataIntegrityProof with eddsa-jcs-2022." };
  }
  if (config.proofPurpose !== "assertionMethod") {
    return { ok: false, reason: "The proof's purpose is not assertionMethod." };
  }
  const vm = typeof config.verificationMethod === "string" ? config.verificationMethod : "";
  const raw = rawFromVerificationMethod(vm);
  if (!raw) return { ok: false, reason: "The proof's verification method is not a did:key." };
  const signature = typeof proofValue === "string" ? fromMultibase(proofValue) : null;
  if (signature?.length !== 64) {
    return { ok: false, reason: "The proof value is not an Ed25519 signature." };
  }
  let data: Buffer;
  try {
    data = hashData(unsecured, config);
  } catch (err) {
    if (err instanceof CanonicalizationError) return { ok: false, reason: err.message };
    throw err;
  }
  const key = publicKeyFromRaw(raw);
  if (!verify(null, data, key, signature)) {
    return { ok: false, reason: "The signature does not match the credential's contents." };
  }
  return { ok: true, verificationMethod: vm, publicKey: raw };
}

export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  const x = Buffer.from(raw).toString("base64url");
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x }, format: "jwk" });
}

export function rawPublicKey(key: KeyObject): Uint8Array {
  const jwk = createPublicKey(key).export({ format: "jwk" });
  return Buffer.from(String(jwk.x), "base64url");
}
