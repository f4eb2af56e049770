/**
 * Password hashing with scrypt, Node's built-in memory-hard KDF (128·N·r bytes of memory per
 * hash: 32 MiB at the default N=2^15, r=8). The stored string carries its own parameters, so
 * the cost can be raised later and old hashes still verify.
 * Format: scrypt$<N>$<r>$<p>$<salt b64url>$<hash b64url>
 */
import { randomBytes, type ScryptOptions, scrypt as scryptCb, timingSafeEqual } from "node:crypto";

const KEY_LENGTH = 32;
const R = 8;
const P = 1;

function scrypt(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must cover 128·N·r with headroom, or Node refuses large N.
    const maxmem = 256 * (opts.N ?? 16384) * (opts.r ?? 8);
    scryptCb(password, salt, KEY_LENGTH, { ...opts, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, n: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize("NFKC"), salt, { N: n, r: R, p: P });
  return ["scrypt", n, R, P, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, saltB64, keyB64] = stored.split("$");
  if (alg !== "scrypt" || !n || !r || !p || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, "base64url");
  const key = await scrypt(password.normalize("NFKC"), Buffer.from(saltB64, "base64url"), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A hash of a random password, used to spend the same time on logins for unknown emails as
 * on real ones, so response times do not tell which emails have accounts.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(n: number): Promise<string> {
  decoy ??= hashPassword(randomBytes(12).toString("hex"), n);
  return decoy;
}
