/**
 * A minimal PDF 1.4 writer for one-page documents of centred text lines and rectangles in
 * the standard Helvetica fonts: what a certificate needs, without a dependency. Text is
 * encoded as WinAnsi (Latin-1): letters outside it lose their accents (NFD) or become "?",
 * because a standard font cannot show them. Byte offsets in the cross-reference table are
 * exact, so strict readers accept the file.
 */
import { charWidth } from "./helvetica";

export type FontStyle = "regular" | "oblique";
export type Rgb = [number, number, number];

export interface TextLine {
  text: string;
  /** Font size in points. */
  size: number;
  /** Baseline, in points from the bottom of the page. */
  y: number;
  style?: FontStyle;
  color?: Rgb;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
  lineWidth: number;
  color: Rgb;
}

export interface PdfPage {
  width: number;
  height: number;
  rects: Rect[];
  /** Each line is centred horizontally on the page. */
  lines: TextLine[];
}

export interface PdfInfo {
  title: string;
  author: string;
  subject?: string;
  /** ISO date; fixed by the caller so the same certificate always makes the same bytes. */
  created: string;
}

const FONT = { regular: "F1", oblique: "F2" } as const;

/** Letters NFD does not split into a base letter and an accent. */
const LOOKALIKE: Record<string, string> = {
  "\u0141": "L",
  "\u0142": "l",
  "\u0110": "D",
  "\u0111": "d",
};

/** The string as WinAnsi bytes (one per character). */
export function toWinAnsi(text: string): number[] {
  const out: number[] = [];
  for (const raw of text) {
    const ch = LOOKALIKE[raw] ?? raw;
    let code = ch.codePointAt(0) ?? 0x3f;
    if (code > 0xff || (code >= 0x7f && code < 0xa0)) {
      const base = ch.normalize("NFD").codePointAt(0) ?? 0x3f;
      code = base <= 0x7e && base >= 0x20 ? base : 0x3f;
    }
    if (code < 0x20) code = 0x20;
    out.push(code);
  }
  return out;
}

/** Width of `text` in points at `size`. */
export function textWidth(text: string, size: number): number {
  return (toWinAnsi(text).reduce((sum, b) => sum + charWidth(b), 0) * size) / 1000;
}

/** Splits `text` at spaces into lines no wider than `maxWidth` points. */
export function wrap(text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && textWidth(candidate, size) > maxWidth) {
      lines.push(current);
      current = word;
    } else current = candidate;
  }
  if (current) lines.push(current);
  return lines;
}

/** A PDF literal string: WinAnsi bytes with ( ) \ escaped and the rest as octal if not ASCII. */
function literal(text: string): string {
  return `(${toWinAnsi(text)
    .map((b) => {
      const ch = String.fromCharCode(b);
      if (ch === "(" || ch === ")" || ch === "\\") return `\\${ch}`;
      return b < 0x80 ? ch : `\\${b.toString(8).padStart(3, "0")}`;
    })
    .join("")})`;
}

const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
const rgb = (c: Rgb) => c.map(num).join(" ");

function contentStream(page: PdfPage): string {
  const ops: string[] = [];
  for (const r of page.rects) {
    ops.push(`${rgb(r.color)} RG ${num(r.lineWidth)} w`);
    ops.push(`${num(r.x)} ${num(r.y)} ${num(r.width)} ${num(r.height)} re S`);
  }
  for (const line of page.lines) {
    const x = (page.width - textWidth(line.text, line.size)) / 2;
    ops.push(
      `BT /${FONT[line.style ?? "regular"]} ${num(line.size)} Tf ${rgb(line.color ?? [0, 0, 0])} rg ` +
        `${num(x)} ${num(line.y)} Td ${literal(line.text)} Tj ET`,
    );
  }
  return ops.join("\n");
}

/** D:YYYYMMDDHHmmSSZ, PDF's date form. */
const pdfDate = (iso: string) => `D:${iso.replace(/[-:T]/g, "").slice(0, 14)}Z`;

export function renderPdf(page: PdfPage, info: PdfInfo): Uint8Array<ArrayBuffer> {
  const stream = contentStream(page);
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(page.width)} ${num(page.height)}] ` +
      "/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>",
    `<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Oblique /Encoding /WinAnsiEncoding >>",
    `<< /Title ${literal(info.title)} /Author ${literal(info.author)}` +
      `${info.subject ? ` /Subject ${literal(info.subject)}` : ""}` +
      ` /Producer (PeerLoop) /CreationDate (${pdfDate(info.created)}) >>`,
  ];
  // The binary comment line tells transfer tools the file is not plain text.
  let body = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\n`;
  body += `startxref\n${xrefAt}\n%%EOF\n`;
  const bytes = Buffer.from(body, "latin1");
  return new Uint8Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  ) as Uint8Array<ArrayBuffer>;
}
