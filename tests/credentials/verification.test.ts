/**
 * Verifying certificates end to end: the public page, its JSON twin and the paste check
 * agree; a changed byte anywhere (credential or proof, presented or stored) is not genuine;
 * a forgery signed with another key is not genuine; a revoked one reports revoked; only
 * admins revoke. Uses the demo world's signed certificates.
 */
import { generateKeyPairSync } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addProof, rawPublicKey } from "../../sync-server/credentials/data-integrity";
import { didKey } from "../../sync-server/credentials/multibase";
import { revokeCertificate } from "../../sync-server/credentials/revoke";
import { verifyCredential } from "../../sync-server/credentials/verify";
import * as s from "../../sync-server/db/schema";
import { ApiError } from "../../sync-server/http/errors";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import { demoStage, type Stage } from "./fixtures";

// biome-ignore lint/suspicious/noExplicitAny: credentials are free-form JSON
type Json = any;
const clone = (v: Json): Json => structuredClone(v);

describe.each(databaseKinds())("verifying certificates on %s", (kind) => {
  let t: TestApp;
  let stage: Stage;
  let sarahsId = "";
  let credential: Json;
  const check = (body: unknown) => t.call("POST", "/api/certificates/verify", { body });

  beforeAll(async () => {
    t = await createTestApp(kind);
    stage = await demoStage(t);
    const sarah = await stage.user("sarah");
    const [row] = await t.deps.db
      .select()
      .from(s.certificates)
      .where(and(eq(s.certificates.userId, sarah), eq(s.certificates.type, "completion")));
    sarahsId = row?.id ?? "";
    credential = row?.credential;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("shows a valid certificate: for whom, what, by whom and when", async () => {
    const page = await t.call("GET", `/verify/${sarahsId}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = String(page.body);
    expect(html).toContain("Valid certificate");
    expect(html).toContain("Sarah");
    expect(html).toContain("Intro to Claude Code");
    expect(html).toContain("PeerLoop");

    const json = await t.call("GET", `/verify/${sarahsId}.json`);
    expect(json.status).toBe(200);
    expect(json.body.verification.status).toBe("valid");
    expect(json.body.credential).toEqual(credential);
    expect(credential["@context"]).toEqual([
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]);
    expect(credential.id).toBe(`http://peerloop.test/verify/${sarahsId}`);
    expect(credential.credentialSubject.achievement.type).toEqual(["Achievement"]);

    const issuer = await t.call("GET", "/.well-known/peerloop-issuer.json");
    expect(issuer.body.id).toBe(credential.issuer.id);
    expect(credential.proof.verificationMethod).toBe(issuer.body.verificationMethod);

    const pasted = await check(credential);
    expect([pasted.status, pasted.body.status]).toEqual([200, "valid"]);
    expect(pasted.body.certificate.learnerName).toMatch(/Sarah/);
    // Moving the server (a new PUBLIC_URL) does not unmake what it issued before.
    const moved = { ...t.deps.config, publicUrl: "https://peerloop.example" };
    expect((await verifyCredential(t.deps.db, moved, credential)).status).toBe("valid");
  });

  it("does not verify when any byte of the credential or its proof changes", async () => {
    const edits: ((c: Json) => void)[] = [
      (c) => {
        c.credentialSubject.identifier[0].identityHash += " ";
      },
      (c) => {
        c.credentialSubject.achievement.name = c.credentialSubject.achievement.name.replace(
          "Intro",
          "intro",
        );
      },
      (c) => {
        c.validFrom = c.validFrom.replace(/.Z$/, (m: string) => `${(Number(m[0]) + 1) % 10}Z`);
      },
      (c) => {
        c.issuer.name = "PeerLoop Inc";
      },
      (c) => {
        c.type = ["VerifiableCredential"];
      },
      (c) => {
        c.proof.created = "2020-01-01T00:00:00Z";
      },
      (c) => {
        const v: string = c.proof.proofValue;
        c.proof.proofValue = v.slice(0, 10) + (v[10] === "A" ? "B" : "A") + v.slice(11);
      },
      (c) => {
        delete c.proof;
      },
    ];
    for (const edit of edits) {
      const changed = clone(credential);
      edit(changed);
      const res = await check(changed);
      expect([res.status, res.body.status], edit.toString()).toEqual([200, "not_genuine"]);
    }
    // Still valid: nothing was changed in place.
    expect((await check(credential)).body.status).toBe("valid");
  });

  it("does not verify a forgery signed with another key", async () => {
    const key = generateKeyPairSync("ed25519").privateKey;
    const { did, verificationMethod } = didKey(rawPublicKey(key));
    const { proof: _old, ...unsigned } = clone(credential);
    const selfSigned = addProof(
      { ...unsigned, issuer: { ...unsigned.issuer, id: did } },
      key,
      verificationMethod,
      new Date(),
    );
    const res = await check(selfSigned);
    expect(res.body.status).toBe("not_genuine");
    expect(res.body.reason).toMatch(/PeerLoop key/);
  });

  it("shows a certificate whose stored row was tampered with as not genuine", async () => {
    const [other] = await t.deps.db
      .select()
      .from(s.certificates)
      .where(
        and(
          eq(s.certificates.type, "teaching"),
          eq(s.certificates.userId, await stage.user("mei")),
        ),
      );
    const tampered = clone(other?.credential);
    tampered.credentialSubject.identifier[0].identityHash = "Someone Else";
    await t.deps.db
      .update(s.certificates)
      .set({ credential: tampered })
      .where(eq(s.certificates.id, other?.id ?? ""));
    const page = await t.call("GET", `/verify/${other?.id}`);
    expect(page.status).toBe(404);
    expect(String(page.body)).toContain("Not a genuine PeerLoop certificate");
    expect(String(page.body)).not.toContain("Someone Else");
  });

  it("answers unknown ids and non-credentials as not genuine, never 500", async () => {
    for (const id of [
      "00000000-0000-4000-8000-000000000000",
      "nope",
      "nope.json",
      "%3Cscript%3E",
    ]) {
      const res = await t.call("GET", `/verify/${id}`);
      expect(res.status).toBe(404);
      expect(String(typeof res.body === "string" ? res.body : JSON.stringify(res.body))).toMatch(
        /not_genuine|Not a genuine/,
      );
      expect(String(res.body)).not.toContain("<script>");
    }
    for (const body of [
      {},
      { proof: "x" },
      { ...clone(credential), id: "https://elsewhere/verify/1" },
    ]) {
      const res = await check(body);
      expect([res.status, res.body.status]).toEqual([200, "not_genuine"]);
    }
    const notJson = await t.call("POST", "/api/certificates/verify", { rawBody: "{" });
    expect([notJson.status, notJson.body.error.code]).toEqual([400, "invalid_json"]);
    const array = await check([credential]);
    expect([array.status, array.body.error.code]).toEqual([400, "validation_failed"]);
  });

  it("serves a printable A4 landscape page", async () => {
    const res = await t.call("GET", `/verify/${sarahsId}/print`);
    expect(res.status).toBe(200);
    expect(String(res.body)).toContain("@page{size:A4 landscape");
    expect(String(res.body)).toContain(`Verify at http://peerloop.test/verify/${sarahsId}`);
    expect(String(res.body)).toMatch(/Sarah/);
  });

  it("lets only admins revoke, once; then every check reports it revoked", async () => {
    const path = `/api/admin/certificates/${sarahsId}/revoke`;
    const body = { reason: "Issued to the wrong account" };
    const anon = await t.call("POST", path, { body });
    expect(anon.status).toBe(401);
    for (const who of ["sarah", "gabriel", "marcus", "moderator"]) {
      const res = await t.call("POST", path, { token: await stage.token(who), body });
      expect([who, res.status, res.body.error.code]).toEqual([who, 403, "forbidden"]);
    }
    const admin = await stage.token("admin");
    const empty = await t.call("POST", path, { token: admin, body: { reason: " " } });
    expect([empty.status, empty.body.error.code]).toEqual([400, "validation_failed"]);
    const ok = await t.call("POST", path, { token: admin, body });
    expect(ok.status).toBe(200);
    expect(ok.body.certificate.revocationReason).toBe(body.reason);
    const again = await t.call("POST", path, { token: admin, body });
    expect([again.status, again.body.error.code]).toEqual([409, "already_revoked"]);
    const unknown = await t.call(
      "POST",
      "/api/admin/certificates/00000000-0000-4000-8000-000000000000/revoke",
      { token: admin, body },
    );
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "not_found"]);
    const bad = await t.call("POST", "/api/admin/certificates/not-an-id/revoke", {
      token: admin,
      body,
    });
    expect(bad.status).toBe(404);

    const page = String((await t.call("GET", `/verify/${sarahsId}`)).body);
    expect(page).toContain("Revoked certificate");
    expect(page).toContain("Issued to the wrong account");
    expect((await t.call("GET", `/verify/${sarahsId}.json`)).body.verification.status).toBe(
      "revoked",
    );
    const pasted = await check(credential);
    expect([pasted.body.status, pasted.body.certificate.revocationReason]).toEqual([
      "revoked",
      body.reason,
    ]);
    expect(String((await t.call("GET", `/verify/${sarahsId}/print`)).body)).toContain(
      "Revoked certificate",
    );
  });

  it("revokeCertificate (the admin dashboard's service) returns before and after, and refuses with 404/409", async () => {
    const admin = await stage.user("admin");
    const [row] = await t.deps.db
      .select()
      .from(s.certificates)
      .where(
        and(
          eq(s.certificates.userId, await stage.user("ravi")),
          eq(s.certificates.type, "completion"),
        ),
      );
    const { before, after } = await revokeCertificate(t.deps.db, {
      certificateId: row?.id ?? "",
      revokedBy: admin,
      reason: "Test",
    });
    expect([before.revokedAt, after.revokedBy, after.revocationReason]).toEqual([
      null,
      admin,
      "Test",
    ]);
    await expect(
      revokeCertificate(t.deps.db, {
        certificateId: row?.id ?? "",
        revokedBy: admin,
        reason: "Again",
      }),
    ).rejects.toMatchObject({ status: 409, code: "already_revoked" });
    const missing = revokeCertificate(t.deps.db, {
      certificateId: "00000000-0000-4000-8000-000000000000",
      revokedBy: admin,
      reason: "x",
    });
    await expect(missing).rejects.toBeInstanceOf(ApiError);
    await expect(missing).rejects.toMatchObject({ status: 404, code: "not_found" });
  });

  it("lets the creator reissue a revoked certificate (one live per type)", async () => {
    const sarah = await stage.user("sarah");
    const course = await stage.course("intro-to-claude-code");
    const res = await t.call("POST", "/api/certificates", {
      token: await stage.token("gabriel"),
      body: { userId: sarah, courseId: course.id, type: "completion" },
    });
    expect(res.status).toBe(201);
    expect(res.body.certificate.id).not.toBe(sarahsId);
    expect(
      (await t.call("GET", `/verify/${res.body.certificate.id}.json`)).body.verification.status,
    ).toBe("valid");
    expect((await t.call("GET", `/verify/${sarahsId}.json`)).body.verification.status).toBe(
      "revoked",
    );
  });
});
