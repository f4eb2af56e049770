/**
 * eddsa-jcs-2022 against the W3C vc-di-eddsa test vector (Ed25519 is deterministic, so the
 * exact proofValue must come out), and the encodings around it.
 */
import { createHash, createPrivateKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { addProof, checkProof, rawPublicKey } from "../../sync-server/credentials/data-integrity";
import { canonicalize } from "../../sync-server/credentials/jcs";
import {
  base58btc,
  didKey,
  ed25519Multikey,
  fromBase58btc,
  fromMultibase,
  rawFromVerificationMethod,
} from "../../sync-server/credentials/multibase";

// https://www.w3.org/TR/vc-di-eddsa/#test-vectors (eddsa-jcs-2022)
const SECRET_MULTIBASE = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";
const PUBLIC_MULTIBASE = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
const EXPECTED_PROOF_VALUE =
  "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX";
const CREDENTIAL = {
  "@context": [
    "https://www.w3.org/ns/credentials/v2",
    "https://www.w3.org/ns/credentials/examples/v2",
  ],
  id: "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
  type: ["VerifiableCredential", "AlumniCredential"],
  name: "Alumni Credential",
  description: "A minimum viable example of an Alumni Credential.",
  issuer: "https://vc.example/issuers/5678",
  validFrom: "2023-01-01T00:00:00Z",
  credentialSubject: { id: "did:example:abcdefgh", alumniOf: "The School of Examples" },
};
const VM = `did:key:${PUBLIC_MULTIBASE}#${PUBLIC_MULTIBASE}`;

function vectorKey() {
  const bytes = fromMultibase(SECRET_MULTIBASE);
  // multicodec ed25519-priv (0x1300 as varint 0x80 0x26), then the 32-byte seed
  expect([bytes?.[0], bytes?.[1], bytes?.length]).toEqual([0x80, 0x26, 34]);
  const pkcs8 = Buffer.concat([
    Buffer.from("302e020100300506032b657004220420", "hex"),
    Buffer.from(bytes?.slice(2) ?? []),
  ]);
  return createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
}

describe("eddsa-jcs-2022", () => {
  it("reproduces the W3C test vector exactly", () => {
    const key = vectorKey();
    expect(ed25519Multikey(rawPublicKey(key))).toBe(PUBLIC_MULTIBASE);
    expect(createHash("sha256").update(canonicalize(CREDENTIAL)).digest("hex")).toBe(
      "59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19",
    );
    const secured = addProof(CREDENTIAL, key, VM, new Date("2023-02-24T23:36:38Z"));
    expect(secured.proof).toEqual({
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-jcs-2022",
      created: "2023-02-24T23:36:38Z",
      verificationMethod: VM,
      proofPurpose: "assertionMethod",
      proofValue: EXPECTED_PROOF_VALUE,
    });
    const check = checkProof(secured);
    expect(check.ok).toBe(true);
  });

  it("fails when any byte of the document or the proof changes", () => {
    const secured = addProof(CREDENTIAL, vectorKey(), VM, new Date("2023-02-24T23:36:38Z"));
    const variants: unknown[] = [
      { ...secured, name: "Alumni Credential!" },
      { ...secured, validFrom: "2023-01-01T00:00:01Z" },
      {
        ...secured,
        credentialSubject: { ...secured.credentialSubject, alumniOf: "The School of Example" },
      },
      { ...secured, extra: true },
      { ...secured, proof: { ...secured.proof, created: "2023-02-24T23:36:39Z" } },
      {
        ...secured,
        proof: { ...secured.proof, proofValue: `${EXPECTED_PROOF_VALUE.slice(0, -1)}Y` },
      },
      { ...secured, proof: { ...secured.proof, cryptosuite: "eddsa-rdfc-2022" } },
      { ...secured, proof: { ...secured.proof, proofPurpose: "authentication" } },
    ];
    for (const v of variants) expect(checkProof(v).ok, JSON.stringify(v).slice(0, 80)).toBe(false);
    // A valid signature from another key is a valid proof of *that* key, not of ours.
    const other = generateKeyPairSync("ed25519").privateKey;
    const otherVm = didKey(rawPublicKey(other)).verificationMethod;
    const forged = addProof(CREDENTIAL, other, otherVm, new Date());
    const check = checkProof(forged);
    expect(check.ok && ed25519Multikey(check.publicKey)).not.toBe(PUBLIC_MULTIBASE);
    // The claimed key swapped for ours: the signature no longer matches.
    expect(checkProof({ ...forged, proof: { ...forged.proof, verificationMethod: VM } }).ok).toBe(
      false,
    );
  });

  it("answers malformed input with a reason, not an exception", () => {
    for (const v of [null, 3, [], {}, { proof: 1 }, { proof: { type: "DataIntegrityProof" } }]) {
      const r = checkProof(v);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason.length).toBeGreaterThan(5);
    }
    const nan = {
      a: Number.NaN,
      proof: {
        type: "DataIntegrityProof",
        cryptosuite: "eddsa-jcs-2022",
        proofPurpose: "assertionMethod",
        verificationMethod: VM,
        proofValue: EXPECTED_PROOF_VALUE,
      },
    };
    expect(checkProof(nan).ok).toBe(false);
  });
});

describe("base58btc and did:key", () => {
  it("round-trips, keeps leading zeros, and rejects foreign characters", () => {
    for (const hex of ["", "00", "0000ff", "61", "626262", "ffffffffffff"]) {
      const bytes = Buffer.from(hex, "hex");
      expect(Buffer.from(fromBase58btc(base58btc(bytes)) ?? []).toString("hex")).toBe(hex);
    }
    // Bitcoin's base58 vectors
    expect(base58btc(Buffer.from("Hello World!"))).toBe("2NEpo7TZRRrLZSi2U");
    expect(base58btc(Buffer.from("00000000000000000000", "hex"))).toBe("1111111111");
    expect(fromBase58btc("0OIl")).toBeNull();
  });

  it("reads a verification method only when both halves name the same Ed25519 key", () => {
    expect(rawFromVerificationMethod(VM)?.length).toBe(32);
    expect(rawFromVerificationMethod(`did:key:${PUBLIC_MULTIBASE}`)).toBeNull();
    expect(rawFromVerificationMethod(`did:key:${PUBLIC_MULTIBASE}#z6Mkother`)).toBeNull();
    expect(rawFromVerificationMethod("https://example.com/keys/1")).toBeNull();
  });
});
