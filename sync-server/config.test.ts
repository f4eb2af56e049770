import { describe, expect, it } from "vitest";
import { ConfigError, describeConfig, loadConfig, maskUrl } from "./config";

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe("loadConfig", () => {
  it("runs with no environment at all: embedded database, port 3000, demo data", () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.SMTP_URL).toBeUndefined();
    expect(c).toMatchObject({
      DATA_DIR: "./data",
      HOST: "0.0.0.0",
      PORT: 3000,
      LOG_LEVEL: "info",
      SEED_DEMO: true,
      SESSION_TTL_DAYS: 30,
      PASSWORD_SCRYPT_N: 32768,
      publicUrl: "http://localhost:3000",
      cookieSecure: false,
    });
  });

  it("derives the public url from PORT, drops a trailing slash and infers Secure cookies", () => {
    expect(loadConfig({ PORT: "8080" }).publicUrl).toBe("http://localhost:8080");
    const https = loadConfig({ PUBLIC_URL: "https://learn.example.org/" });
    expect([https.publicUrl, https.cookieSecure]).toEqual(["https://learn.example.org", true]);
    expect(loadConfig({ PUBLIC_URL: "https://x.org", COOKIE_SECURE: "false" }).cookieSecure).toBe(
      false,
    );
  });

  it.each([
    ["true", true],
    ["1", true],
    ["yes", true],
    ["false", false],
    ["0", false],
    ["no", false],
  ])("reads SEED_DEMO=%s as %s", (value, expected) => {
    expect(loadConfig({ SEED_DEMO: value }).SEED_DEMO).toBe(expected);
  });

  it.each([["abc"], ["-1"], ["65536"], ["80.5"]])("refuses PORT=%s, naming PORT", (port) => {
    const err = configError({ PORT: port });
    expect(err.message).toMatch(/^\s*PORT:/m);
  });

  it("names every invalid key at once", () => {
    const err = configError({ PORT: "abc", LOG_LEVEL: "loud", SEED_DEMO: "maybe" });
    for (const key of ["PORT", "LOG_LEVEL", "SEED_DEMO"]) expect(err.message).toContain(key);
  });

  it.each([["3000"], ["1000"], ["512"], ["0"], ["abc"]])(
    "refuses PASSWORD_SCRYPT_N=%s (not a power of two >= 1024)",
    (n) => {
      expect(configError({ PASSWORD_SCRYPT_N: n }).message).toContain("PASSWORD_SCRYPT_N");
    },
  );

  it.each([["1024"], ["16384"], ["65536"]])("accepts PASSWORD_SCRYPT_N=%s", (n) => {
    expect(loadConfig({ PASSWORD_SCRYPT_N: n }).PASSWORD_SCRYPT_N).toBe(Number(n));
  });

  it("refuses a DATABASE_URL that is not a url", () => {
    expect(configError({ DATABASE_URL: "db.internal/peerloop" }).message).toContain("DATABASE_URL");
  });

  it("treats empty strings as unset", () => {
    const c = loadConfig({
      DATABASE_URL: "",
      PORT: "",
      SMTP_URL: "",
      PUBLIC_URL: "",
      SEED_DEMO: "",
      LOG_LEVEL: "",
    });
    expect(c).toEqual(loadConfig({}));
  });

  it("ignores variables it does not know", () => {
    expect(loadConfig({ HOME: "/root", TEST_DATABASE_URL: "nonsense" })).toEqual(loadConfig({}));
  });
});

describe("describeConfig", () => {
  it("masks passwords in DATABASE_URL and SMTP_URL but keeps users and hosts", () => {
    const d = describeConfig(
      loadConfig({
        DATABASE_URL: "postgres://peer:s3cr3t-pw@db.internal:5432/peerloop",
        SMTP_URL: "smtp://mailer:hunter2@smtp.example.com:587",
      }),
    );
    const text = JSON.stringify(d);
    expect(text).not.toContain("s3cr3t-pw");
    expect(text).not.toContain("hunter2");
    expect(d.db).toBe("postgres://peer:***@db.internal:5432/peerloop");
    expect(d.smtp).toBe("smtp://mailer:***@smtp.example.com:587");
  });

  it("shows the embedded database folder and that mail is only logged", () => {
    const d = describeConfig(loadConfig({ DATA_DIR: "/var/lib/peerloop" }));
    expect(d.db).toBe("pglite:/var/lib/peerloop");
    expect(String(d.smtp)).toMatch(/^off/);
  });

  it("leaves urls without a password as they are", () => {
    const d = describeConfig(loadConfig({ DATABASE_URL: "postgres://peer@db.internal/peerloop" }));
    expect(d.db).toBe("postgres://peer@db.internal/peerloop");
  });
});

describe("maskUrl", () => {
  it.each([
    ["postgres://app:secret@db:5432/peerloop", "postgres://app:***@db:5432/peerloop"],
    ["postgres://:secret@db/peerloop", "postgres://:***@db/peerloop"],
    ["postgres://app:p%40ss@db/x", "postgres://app:***@db/x"],
    [
      "postgres://db/x?password=secret&sslmode=require",
      "postgres://db/x?password=***&sslmode=require",
    ],
    ["smtp://mailer:hunter2@smtp.example.com:587", "smtp://mailer:***@smtp.example.com:587"],
  ])("hides the password in %s", (raw, masked) => {
    expect(maskUrl(raw)).toBe(masked);
  });
});
