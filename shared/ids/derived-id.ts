/**
 * Deterministic ids for documents that two offline devices might both create: the progress
 * row of one module in one enrollment, the direct conversation of two people. Both devices
 * compute the same id, so their writes meet as one document (a conflict the collection's
 * handler resolves) instead of two rows fighting over a unique constraint.
 *
 * A 128-bit non-cryptographic hash (four interleaved 32-bit FNV/murmur-style lanes) shaped
 * as a UUIDv8. Inputs are server-issued ids, so adversarial collisions are not a concern;
 * the server still checks that a created document carries the id it should.
 */
function hash128(input: string): Uint8Array {
  let h1 = 0x6a09e667;
  let h2 = 0xbb67ae85;
  let h3 = 0x3c6ef372;
  let h4 = 0xa54ff53a;
  for (let i = 0; i < input.length; i++) {
    const k = input.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  view.setUint32(0, h1 >>> 0);
  view.setUint32(4, h2 >>> 0);
  view.setUint32(8, h3 >>> 0);
  view.setUint32(12, h4 >>> 0);
  return out;
}

function derivedUuid(parts: string[]): string {
  const b = hash128(parts.join("|"));
  b[6] = 0x80 | ((b[6] ?? 0) & 0x0f); // version 8: custom
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f); // RFC variant
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The one progress row of `moduleId` within `enrollmentId`. */
export function progressId(enrollmentId: string, moduleId: string): string {
  return derivedUuid(["progress", enrollmentId.toLowerCase(), moduleId.toLowerCase()]);
}

/** The direct (two-person) conversation of two users, whoever starts it. */
export function directConversationId(userA: string, userB: string): string {
  const [a, b] = [userA.toLowerCase(), userB.toLowerCase()].sort();
  return derivedUuid(["dm", a ?? "", b ?? ""]);
}
