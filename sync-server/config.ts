/**
 * The server's whole configuration, parsed once from the environment. Nothing else in the
 * server reads `process.env`. Every key is documented here and in the README.
 */
import { z } from "zod";
import { parseSigningKey } from "./credentials/key-format";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const configSchema = z.object({
  /** Postgres connection string. Unset: the embedded PGlite database in DATA_DIR. */
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" })
    .optional(),
  /** Folder of the embedded PGlite database (ignored when DATABASE_URL is set). */
  DATA_DIR: z.string().min(1).default("./data"),
  /** Interface and port the HTTP server listens on. */
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The address people reach the server at; used in emailed links. */
  PUBLIC_URL: z.url().optional(),
  /** debug | info | warn | error. */
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Fill an empty database with the demo world at start-up. */
  SEED_DEMO: bool.default(true),
  /** SMTP server for outgoing mail, e.g. smtp://user:pass@host:587. Unset: mail is logged. */
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("PeerLoop <no-reply@peerloop.local>"),
  /** Sign-in sessions last this many days (sliding: renewed on use). */
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Failed logins allowed per email (and 4× that per IP) in LOGIN_WINDOW_MINUTES. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Largest JSON request body accepted, in bytes. */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_000_000),
  /** Largest sync push body accepted, in bytes (a push carries up to 5,000 documents). */
  SYNC_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(16_000_000),
  /** Deleted documents' feed entries are kept this long; a device away longer resyncs. */
  SYNC_TOMBSTONE_DAYS: z.coerce.number().int().min(1).default(45),
  /**
   * scrypt cost N (power of two). 2^15 with r=8 uses 32 MiB per hash: memory-hard, about
   * 60 ms here. Tests lower it to keep hundreds of registrations fast.
   */
  PASSWORD_SCRYPT_N: z.coerce
    .number()
    .int()
    .refine((n) => n >= 1024 && (n & (n - 1)) === 0, "must be a power of two >= 1024")
    .default(32768),
  /**
   * Other origins allowed to call /api and /sync from a browser, comma-separated (e.g. a PWA
   * served from a CDN, or the browser-test server). Unset: same origin only.
   */
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((v) =>
      v
        ? v
            .split(",")
            .map((o) => o.trim())
            .filter(Boolean)
        : [],
    ),
  /** Set by `npm start` behind HTTPS to mark cookies Secure; inferred from PUBLIC_URL. */
  COOKIE_SECURE: bool.optional(),
  /**
   * The platform's Ed25519 key that signs certificates: PEM or base64 PKCS#8. Unset: a key
   * is generated once and kept in the database (credential_signing_keys).
   */
  CERT_SIGNING_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || parseSigningKey(v) !== null, {
      message: "must be an Ed25519 private key, PEM or base64 PKCS#8",
    }),
  /** Stripe secret key. Unset: the local payment provider (its own checkout page). */
  STRIPE_SECRET_KEY: z.string().optional(),
  /** Stripe webhook signing secret; required with STRIPE_SECRET_KEY. Unset locally: generated once and kept. */
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** Another Stripe API base, e.g. http://127.0.0.1:12111 (a local fake or stripe-mock). */
  STRIPE_API_URL: z.url().optional(),
  /** Days after purchase (and before the first completed session) a learner may cancel for a full refund. */
  REFUND_WINDOW_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  /** A payout still `processing` this many minutes after approval is taken for crashed and recovered. */
  PAYOUT_STUCK_MINUTES: z.coerce.number().int().min(1).max(1380).default(10),
  /** A session cancelled at least this many hours before its start does not count as used. */
  SESSION_FREE_CANCEL_HOURS: z.coerce.number().min(0).max(720).default(12),
  /** How often the reminder job looks for sessions starting in 24 h / 1 h. */
  SESSION_REMINDER_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** BigBlueButton API base (…/bigbluebutton/api). With BBB_SECRET: BBB rooms; else Jitsi. */
  BBB_URL: z.url().optional(),
  /** BigBlueButton shared secret (never logged, never stored in documents). */
  BBB_SECRET: z.string().min(8).optional(),
});

export type Config = z.infer<typeof configSchema> & { publicUrl: string; cookieSecure: boolean };

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings in a .env file mean "unset", not "invalid".
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = configSchema
    .refine((c) => !c.STRIPE_SECRET_KEY || c.STRIPE_WEBHOOK_SECRET, {
      path: ["STRIPE_WEBHOOK_SECRET"],
      error: "is required when STRIPE_SECRET_KEY is set",
    })
    .safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const c = parsed.data;
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, "");
  return { ...c, publicUrl, cookieSecure: c.COOKIE_SECURE ?? publicUrl.startsWith("https:") };
}

/** Secrets never reach the log: passwords inside URLs are masked. */
export function describeConfig(c: Config): Record<string, unknown> {
  const mask = (raw?: string) => (raw === undefined ? undefined : maskUrl(raw));
  return {
    db: c.DATABASE_URL ? mask(c.DATABASE_URL) : `pglite:${c.DATA_DIR}`,
    host: c.HOST,
    port: c.PORT,
    publicUrl: c.publicUrl,
    smtp: c.SMTP_URL ? mask(c.SMTP_URL) : "off (mail is logged)",
    seedDemo: c.SEED_DEMO,
    payments: c.STRIPE_SECRET_KEY ? "stripe" : "local provider",
    video: c.BBB_URL && c.BBB_SECRET ? `bigbluebutton ${c.BBB_URL}` : "jitsi",
  };
}

/** A URL with its password (in the authority or a `password` parameter) replaced by ***. */
export function maskUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.password) u.password = "***";
    if (u.searchParams.has("password")) u.searchParams.set("password", "***");
    return u.toString().replace("%2A%2A%2A", "***");
  } catch {
    return raw.replace(/\/\/[^/]*@/, "//***@");
  }
}
