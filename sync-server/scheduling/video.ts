/**
 * Video rooms. With BBB_URL and BBB_SECRET: BigBlueButton, whose API calls are signed with
 * a checksum = hex(sha1(callName + queryString + secret)) appended as the last parameter.
 * The meeting is the session id; its passwords are derived from the secret (HMAC), so
 * nothing secret is stored and join URLs are computed per user at request time.
 * With none configured: a Jitsi Meet room with an unguessable name, so it works anywhere.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import type { Config } from "../config";

export type BbbAlgorithm = "sha1" | "sha256";

/** BBB's query encoding: application/x-www-form-urlencoded (spaces as +). */
export function bbbQuery(params: [string, string][]): string {
  return new URLSearchParams(params).toString();
}

export function bbbChecksum(
  callName: string,
  query: string,
  secret: string,
  algorithm: BbbAlgorithm = "sha1",
): string {
  return createHash(algorithm)
    .update(callName + query + secret)
    .digest("hex");
}

/** A signed BBB API URL: `<base>/<callName>?<query>&checksum=<hex>`. */
export function bbbUrl(
  baseUrl: string,
  callName: string,
  params: [string, string][],
  secret: string,
): string {
  const query = bbbQuery(params);
  const base = baseUrl.replace(/\/$/, "");
  return `${base}/${callName}?${query}&checksum=${bbbChecksum(callName, query, secret)}`;
}

export interface BbbServer {
  url: string;
  secret: string;
}

export function bbbServer(config: Config): BbbServer | undefined {
  return config.BBB_URL && config.BBB_SECRET
    ? { url: config.BBB_URL, secret: config.BBB_SECRET }
    : undefined;
}

function password(server: BbbServer, sessionId: string, role: "moderator" | "viewer") {
  return createHmac("sha256", server.secret)
    .update(`${sessionId}:${role}`)
    .digest("hex")
    .slice(0, 16);
}

/** The `create` call for a session's room (idempotent on BBB: an existing room is kept). */
export function bbbCreateUrl(server: BbbServer, sessionId: string, name: string): string {
  return bbbUrl(
    server.url,
    "create",
    [
      ["name", name],
      ["meetingID", sessionId],
      ["attendeePW", password(server, sessionId, "viewer")],
      ["moderatorPW", password(server, sessionId, "moderator")],
    ],
    server.secret,
  );
}

/** A personal `join` URL: the teacher joins as moderator, the learner as viewer. */
export function bbbJoinUrl(
  server: BbbServer,
  sessionId: string,
  fullName: string,
  role: "moderator" | "viewer",
): string {
  return bbbUrl(
    server.url,
    "join",
    [
      ["fullName", fullName],
      ["meetingID", sessionId],
      ["password", password(server, sessionId, role)],
      ["redirect", "true"],
    ],
    server.secret,
  );
}

/** A Jitsi Meet room nobody can guess (128 random bits). */
export function jitsiRoomUrl(): string {
  return `https://meet.jit.si/PeerLoop-${randomBytes(16).toString("hex")}`;
}

/**
 * What a session stores as its meeting link: the Jitsi room itself, or — with BBB — the
 * PeerLoop page that hands each participant their own join URL (no secret in the row).
 */
export function meetingLinkFor(config: Config, sessionId: string): string {
  return bbbServer(config)
    ? `${config.publicUrl}/api/sessions/${sessionId}/join?redirect=true`
    : jitsiRoomUrl();
}
