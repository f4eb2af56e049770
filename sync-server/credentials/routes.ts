/**
 * Credentials over HTTP: the public verification pages and issuer key, the certificate API
 * (recommend, issue, verify a pasted credential; admins revoke through /api/admin) and Student-Teacher certification.
 * Thin: parse, check the caller, call the service, shape the answer.
 */
import { z } from "zod";
import {
  certificateSchema,
  issueCertificateBody,
  presentedCredential,
  recommendationSchema,
  recommendCertificateBody,
  verificationSchema,
} from "../../shared/api/credentials";
import { requireUser } from "../auth/middleware";
import type { ApiRouter } from "../http/api-router";
import { verifyUrl } from "./credential";
import type { CertificateRecord } from "./issue";
import { printablePage, verificationPage } from "./pages";
import { certificatePdf } from "./pdf/certificate-pdf";
import { issueAsCreator, listRecommendations, recommendCertificate } from "./recommendations";
import { signingKey, trustedKeys } from "./signing-key";
import { registerTeacherRoutes } from "./teacher-routes";
import { verifyById, verifyCredential } from "./verify";

const TAG = "Credentials";

export function certificateView(row: CertificateRecord, publicUrl: string) {
  return {
    id: row.id,
    userId: row.userId,
    courseId: row.courseId,
    type: row.type,
    issuedAt: row.issuedAt.toISOString(),
    issuedBy: row.issuedBy,
    recommendedBy: row.recommendedBy,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revocationReason: row.revocationReason,
    verifyUrl: verifyUrl(publicUrl, row.id),
  };
}

export function registerCredentialRoutes(api: ApiRouter) {
  registerPublicRoutes(api);
  registerCertificateRoutes(api);
  registerTeacherRoutes(api);
}

function registerPublicRoutes(api: ApiRouter) {
  api.route(
    {
      method: "get",
      path: "/.well-known/peerloop-issuer.json",
      tag: TAG,
      summary: "The certificate issuer: its did:key and every key it has signed with",
      auth: "none",
      responses: { 200: { description: "Issuer profile and keys" } },
    },
    async (c) => {
      const { db, config } = c.get("deps");
      const key = await signingKey(db, config);
      return c.json({
        id: key.did,
        type: ["Profile"],
        name: "PeerLoop",
        url: config.publicUrl,
        verificationMethod: key.verificationMethod,
        publicKeyMultibase: key.publicKeyMultibase,
        trustedKeys: [...(await trustedKeys(db, config))],
      });
    },
  );

  api.route(
    {
      method: "get",
      path: "/verify/:id",
      tag: TAG,
      summary:
        "Public verification page of a certificate (HTML; `/verify/<id>.json` for JSON, `/verify/<id>.pdf` for the certificate as a PDF)",
      auth: "none",
      responses: {
        200: {
          description:
            "Valid or revoked; for `.json`, the credential and its status; for `.pdf`, the certificate (revoked ones stamped so)",
        },
        404: { description: "Not a genuine certificate (the page says why)" },
      },
    },
    async (c) => {
      const { db, config } = c.get("deps");
      const raw = c.req.param("id") ?? "";
      const format = /\.(json|pdf)$/.exec(raw)?.[1];
      const id = format ? raw.slice(0, -(format.length + 1)) : raw;
      const { verification, credential } = await verifyById(db, config, id);
      const status = verification.status === "not_genuine" ? 404 : 200;
      // Revocation can happen at any moment: never cache the answer.
      c.header("cache-control", "no-store");
      if (format === "json") return c.json({ verification, credential }, status);
      const pdf = format === "pdf" ? certificatePdf(verification) : null;
      if (pdf) {
        return c.body(pdf, 200, {
          "content-type": "application/pdf",
          "content-disposition": `inline; filename="peerloop-certificate-${id}.pdf"`,
        });
      }
      return c.html(verificationPage(id, verification), status);
    },
  );

  api.route(
    {
      method: "get",
      path: "/verify/:id/print",
      tag: TAG,
      summary: "Printable certificate, A4 landscape (print to PDF from the browser)",
      auth: "none",
      responses: { 200: { description: "HTML for printing" } },
    },
    async (c) => {
      const { db, config } = c.get("deps");
      const id = c.req.param("id") ?? "";
      const { verification } = await verifyById(db, config, id);
      c.header("cache-control", "no-store");
      return c.html(printablePage(id, verification), verification.certificate ? 200 : 404);
    },
  );

  api.route(
    {
      method: "post",
      path: "/api/certificates/verify",
      tag: TAG,
      summary: "Verify a pasted or uploaded credential (the JSON body is the credential)",
      auth: "none",
      body: presentedCredential,
      responses: { 200: { description: "What the check found", schema: verificationSchema } },
    },
    async (c, { body }) => {
      const { db, config } = c.get("deps");
      return c.json(await verifyCredential(db, config, body));
    },
  );
}

function registerCertificateRoutes(api: ApiRouter) {
  api.route(
    {
      method: "post",
      path: "/api/certificates",
      tag: TAG,
      summary: "The course's creator issues a completion or mastery certificate",
      auth: "user",
      body: issueCertificateBody,
      responses: {
        201: { description: "Issued", schema: z.object({ certificate: certificateSchema }) },
      },
    },
    async (c, { body }) => {
      const { db, config } = c.get("deps");
      const row = await issueAsCreator(db, { ...body, actorId: requireUser(c).id, config });
      return c.json({ certificate: certificateView(row, config.publicUrl) }, 201);
    },
  );

  api.route(
    {
      method: "post",
      path: "/api/certificates/recommendations",
      tag: TAG,
      summary: "A learner's own Student-Teacher recommends them for a certificate",
      auth: "user",
      body: recommendCertificateBody,
      responses: { 201: { description: "Recorded", schema: z.object({ id: z.uuid() }) } },
    },
    async (c, { body }) => {
      const { db } = c.get("deps");
      return c.json(await recommendCertificate(db, { ...body, actorId: requireUser(c).id }), 201);
    },
  );

  api.route(
    {
      method: "get",
      path: "/api/certificates/recommendations",
      tag: TAG,
      summary: "Open recommendations on the signed-in creator's courses",
      auth: "user",
      responses: {
        200: {
          description: "Recommendations",
          schema: z.object({ recommendations: z.array(recommendationSchema) }),
        },
      },
    },
    async (c) =>
      c.json({ recommendations: await listRecommendations(c.get("deps").db, requireUser(c).id) }),
  );
}
