/** Reads CERT_SIGNING_KEY: an Ed25519 private key as PEM or as base64 PKCS#8 DER. */
import { createPrivateKey, type KeyObject } from "node:crypto";

export function parseSigningKey(text: string): KeyObject | null {
  const trimmed = text.trim();
  try {
    const key = trimmed.startsWith("-----BEGIN")
      ? createPrivateKey({ key: trimmed, format: "pem" })
      : createPrivateKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "pkcs8" });
    return key.asymmetricKeyType === "ed25519" ? key : null;
  } catch {
    return null;
  }
}

export function pkcs8Base64(key: KeyObject): string {
  return key.export({ format: "der", type: "pkcs8" }).toString("base64");
}
