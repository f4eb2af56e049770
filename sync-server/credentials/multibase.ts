/**
 * base58btc multibase ('z' prefix) and did:key for Ed25519 public keys, as the W3C
 * Data Integrity specs use them for proof values and verification methods.
 */

const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
/** Multicodec prefix of an Ed25519 public key (0xed, varint-encoded). */
const ED25519_PUB = Uint8Array.of(0xed, 0x01);

export function base58btc(bytes: Uint8Array): string {
  const digits: number[] = [];
  for (const byte of bytes) {
    let carry = byte;
    for (let i = 0; i < digits.length; i++) {
      carry += (digits[i] ?? 0) << 8;
      digits[i] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let out = "";
  for (const b of bytes) {
    if (b !== 0) break;
    out += "1"; // each leading zero byte is a leading '1'
  }
  for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET[digits[i] ?? 0];
  return out;
}

/** Decodes base58btc; null when a character is outside the alphabet. */
export function fromBase58btc(text: string): Uint8Array | null {
  const bytes: number[] = [];
  for (const ch of text) {
    let carry = ALPHABET.indexOf(ch);
    if (carry < 0) return null;
    for (let i = 0; i < bytes.length; i++) {
      carry += (bytes[i] ?? 0) * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  for (const ch of text) {
    if (ch !== "1") break;
    bytes.push(0);
  }
  return Uint8Array.from(bytes.reverse());
}

export const multibase = (bytes: Uint8Array) => `z${base58btc(bytes)}`;

export function fromMultibase(text: string): Uint8Array | null {
  return text.startsWith("z") ? fromBase58btc(text.slice(1)) : null;
}

/** `z6Mk…`: the multibase of an Ed25519 public key with its multicodec prefix. */
export function ed25519Multikey(rawPublicKey: Uint8Array): string {
  const prefixed = new Uint8Array(ED25519_PUB.length + rawPublicKey.length);
  prefixed.set(ED25519_PUB);
  prefixed.set(rawPublicKey, ED25519_PUB.length);
  return multibase(prefixed);
}

/** The raw 32-byte Ed25519 key of a `z6Mk…` multikey, or null. */
export function rawFromEd25519Multikey(multikey: string): Uint8Array | null {
  const bytes = fromMultibase(multikey);
  if (bytes?.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) return null;
  return bytes.slice(2);
}

/** did:key of a key and the verification method id inside its DID document. */
export function didKey(rawPublicKey: Uint8Array): { did: string; verificationMethod: string } {
  const mk = ed25519Multikey(rawPublicKey);
  return { did: `did:key:${mk}`, verificationMethod: `did:key:${mk}#${mk}` };
}

/** The raw key a `did:key:z…#z…` verification method names, or null when malformed. */
export function rawFromVerificationMethod(vm: string): Uint8Array | null {
  const m = /^did:key:(z[1-9A-HJ-NP-Za-km-z]+)#(z[1-9A-HJ-NP-Za-km-z]+)$/.exec(vm);
  if (!m || m[1] !== m[2] || !m[1]) return null;
  return rawFromEd25519Multikey(m[1]);
}
