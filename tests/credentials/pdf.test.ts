/**
 * The certificate PDF: a well-formed file (every cross-reference offset lands on its object,
 * the stream length is exact), text centred with Helvetica's real widths, names outside
 * Latin-1 degraded rather than garbled, and the served PDF says who, what, where to verify
 * — and REVOKED once it is.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPdf, textWidth, toWinAnsi, wrap } from "../../sync-server/credentials/pdf/writer";
import { revokeCertificate } from "../../sync-server/credentials/revoke";
import * as s from "../../sync-server/db/schema";
import { createTestApp, type TestApp } from "../support/test-app";
import { databaseKinds } from "../support/test-db";
import { demoStage, type Stage } from "./fixtures";

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

/** Checks the structure a strict PDF reader relies on; returns the decoded file. */
function expectWellFormed(bytes: Uint8Array): string {
  const pdf = latin1(bytes);
  expect(pdf.startsWith("%PDF-1.4\n")).toBe(true);
  expect(pdf.endsWith("%%EOF\n")).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)?.[1]);
  expect(pdf.slice(startxref, startxref + 5)).toBe("xref\n");
  const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(pdf.slice(startxref)) ?? [];
  expect(first).toBe("0");
  const entries = pdf
    .slice(startxref)
    .split("\n")
    .slice(2, 2 + Number(count));
  expect(entries[0]).toBe("0000000000 65535 f ");
  entries.slice(1).forEach((entry, i) => {
    const offset = Number(entry.slice(0, 10));
    expect(pdf.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
  });
  const stream = /<< \/Length (\d+) >>\nstream\n([\s\S]*?)\nendstream/.exec(pdf);
  expect(Number(stream?.[1])).toBe(Buffer.byteLength(stream?.[2] ?? "", "latin1"));
  return pdf;
}

describe("the PDF writer", () => {
  it("writes a file whose cross-references and stream length are exact", () => {
    const pdf = expectWellFormed(
      renderPdf(
        {
          width: 842,
          height: 595,
          rects: [{ x: 10, y: 10, width: 100, height: 50, lineWidth: 1, color: [0, 0, 1] }],
          lines: [{ text: "Caf\u00e9 (r\u00e9sum\u00e9) \\ done", size: 12, y: 300 }],
        },
        { title: "T", author: "PeerLoop", created: "2026-03-01T10:20:30.000Z" },
      ),
    );
    // Parentheses and backslashes escaped, é as WinAnsi octal 351.
    expect(pdf).toContain("(Caf\\351 \\(r\\351sum\\351\\) \\\\ done) Tj");
    expect(pdf).toContain("/CreationDate (D:20260301102030Z)");
    expect(pdf).toContain("/BaseFont /Helvetica /Encoding /WinAnsiEncoding");
  });

  it("measures with Helvetica's widths and centres on the page", () => {
    // H e l l o = 722 + 556 + 222 + 222 + 556 thousandths of an em.
    expect(textWidth("Hello", 10)).toBeCloseTo(22.78, 5);
    expect(textWidth("\u00e9", 10)).toBe(textWidth("e", 10));
    const pdf = latin1(
      renderPdf(
        { width: 200, height: 100, rects: [], lines: [{ text: "Hello", size: 10, y: 50 }] },
        { title: "T", author: "A", created: "2026-01-01T00:00:00Z" },
      ),
    );
    expect(pdf).toContain(`${((200 - 22.78) / 2).toFixed(2)} 50 Td (Hello) Tj`);
  });

  it("keeps Latin-1, strips accents it cannot show, and marks the rest", () => {
    expect(toWinAnsi("Tom\u00e1s")).toEqual([84, 111, 109, 0xe1, 115]);
    expect(String.fromCharCode(...toWinAnsi("\u0141ukasz \u015awi\u0105tek"))).toBe(
      "Lukasz Swiatek",
    );
    expect(String.fromCharCode(...toWinAnsi("\u674e \u{1f600}"))).toBe("? ?");
  });

  it("wraps at spaces within the width", () => {
    const lines = wrap("Advanced distributed systems for practitioners", 26, 300);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(" ")).toBe("Advanced distributed systems for practitioners");
    for (const line of lines) expect(textWidth(line, 26)).toBeLessThanOrEqual(300);
  });
});

describe.each(databaseKinds())("the served certificate PDF on %s", (kind) => {
  let t: TestApp;
  let stage: Stage;
  let id = "";
  const fetchPdf = async (path: string) => {
    const res = await t.app.request(path);
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    stage = await demoStage(t);
    const [row] = await t.deps.db
      .select()
      .from(s.certificates)
      .where(
        and(
          eq(s.certificates.userId, await stage.user("sarah")),
          eq(s.certificates.type, "completion"),
        ),
      );
    id = row?.id ?? "";
  });
  afterAll(async () => {
    await t?.close();
  });

  it("says who, what and where to verify, and is linked from the verification page", async () => {
    const { res, bytes } = await fetchPdf(`/verify/${id}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toContain(`peerloop-certificate-${id}.pdf`);
    const pdf = expectWellFormed(bytes);
    expect(pdf).toMatch(/\(Sarah[^)]*\) Tj/);
    expect(pdf).toMatch(/\([^)]*Intro to Claude Code\) Tj/);
    expect(pdf).toContain(`(Verify at http://peerloop.test/verify/${id}) Tj`);
    expect(pdf).not.toContain("REVOKED");
    expect(String((await t.call("GET", `/verify/${id}`)).body)).toContain(`/verify/${id}.pdf`);
  });

  it("stamps a revoked certificate, and answers the not-genuine page for an unknown id", async () => {
    await revokeCertificate(t.deps.db, {
      certificateId: id,
      revokedBy: await stage.user("admin"),
      reason: "Test",
    });
    expect(expectWellFormed((await fetchPdf(`/verify/${id}.pdf`)).bytes)).toContain(
      "(REVOKED CERTIFICATE) Tj",
    );
    for (const path of ["/verify/00000000-0000-4000-8000-000000000000.pdf", "/verify/x.pdf"]) {
      const { res } = await fetchPdf(path);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/text\/html/);
    }
  });
});
