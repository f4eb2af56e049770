/**
 * The certificate as a one-page A4-landscape PDF, the same content as the printable page:
 * who, what, which course, when, and where to verify it. A revoked certificate carries a
 * stamp saying so, so a saved copy cannot pass for a valid one when printed.
 */
import type { Verification } from "../verify";
import { type PdfPage, renderPdf, type TextLine, wrap } from "./writer";

const A4_LANDSCAPE = { width: 842, height: 595 };
const BLUE: [number, number, number] = [0.1, 0.31, 0.84];
const RED: [number, number, number] = [0.54, 0.11, 0.07];
const GREY: [number, number, number] = [0.33, 0.33, 0.33];
/** Text may use the page's width less the borders and some air. */
const TEXT_WIDTH = 680;

const day = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(iso));

/** Lines from the top down: each entry's baseline sits `gap` points below the previous one. */
function stack(top: number, entries: { line: Omit<TextLine, "y">; gap: number }[]): TextLine[] {
  let y = top;
  return entries.map(({ line, gap }) => {
    y -= gap;
    return { ...line, y };
  });
}

export function certificatePdf(v: Verification): Uint8Array<ArrayBuffer> | null {
  const c = v.certificate;
  if (!c) return null;
  const achievement = wrap(c.achievement, 26, TEXT_WIDTH).slice(0, 3);
  const name = wrap(c.learnerName, 34, TEXT_WIDTH).slice(0, 2);
  const entries: { line: Omit<TextLine, "y">; gap: number }[] = [];
  if (v.status !== "valid") {
    const stamp = v.status === "revoked" ? "REVOKED CERTIFICATE" : "NOT A GENUINE CERTIFICATE";
    entries.push({ line: { text: stamp, size: 20, color: RED }, gap: 36 });
  }
  entries.push({ line: { text: "PeerLoop certifies that", size: 16, color: GREY }, gap: 60 });
  for (const [i, text] of name.entries()) {
    entries.push({ line: { text, size: 34, style: "oblique" }, gap: i === 0 ? 56 : 40 });
  }
  for (const [i, text] of achievement.entries()) {
    entries.push({ line: { text, size: 26, color: BLUE }, gap: i === 0 ? 58 : 32 });
  }
  entries.push({
    line: { text: `Course by ${c.creatorName} \u00b7 issued ${day(c.issuedAt)}`, size: 14 },
    gap: 48,
  });
  const page: PdfPage = {
    ...A4_LANDSCAPE,
    rects: [
      { x: 28, y: 28, width: 786, height: 539, lineWidth: 3, color: BLUE },
      { x: 36, y: 36, width: 770, height: 523, lineWidth: 1, color: BLUE },
    ],
    lines: [
      ...stack(A4_LANDSCAPE.height - (v.status === "valid" ? 110 : 60), entries),
      { text: `Verify at ${c.verifyUrl}`, size: 10, y: 80, color: GREY },
      {
        text: `Signed Open Badges 3.0 credential \u00b7 issued by ${c.issuerName} \u00b7 id ${c.id}`,
        size: 8,
        y: 64,
        color: GREY,
      },
    ],
  };
  return renderPdf(page, {
    title: `${c.achievement} \u00b7 ${c.learnerName}`,
    author: c.issuerName,
    subject: `PeerLoop certificate ${c.id}`,
    created: c.issuedAt,
  });
}
