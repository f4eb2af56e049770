/**
 * Writes the PWA's PNG icons into client/public/icons (committed; run again only to change
 * the design): `npx tsx client/tools/make-icons.ts`. Plain Node — zlib for the PNG's deflate
 * stream — so no image tool is needed on any machine.
 *
 * The mark: a white ring (the "loop") with a dot on it, on the theme colour. The maskable
 * icon keeps the mark inside the central 80 % safe zone, since launchers crop to any shape.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

const OUT = fileURLToPath(new URL("../public/icons/", import.meta.url));
const THEME: RGB = [0x1e, 0x40, 0xaf];
const WHITE: RGB = [0xff, 0xff, 0xff];
type RGB = [number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An 8-bit RGB PNG from a function giving each pixel's colour. */
function png(size: number, pixel: (x: number, y: number) => RGB): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour
  const raw = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** How much of the pixel at (x, y) the mark covers, 0..1, by 4×4 supersampling. */
function coverage(x: number, y: number, size: number, scale: number): number {
  const c = size / 2;
  const outer = size * 0.3 * scale;
  const inner = size * 0.19 * scale;
  const dotR = size * 0.075 * scale;
  const dotX = c + ((outer + inner) / 2) * Math.cos(-Math.PI / 4);
  const dotY = c + ((outer + inner) / 2) * Math.sin(-Math.PI / 4);
  let hits = 0;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const px = x + (i + 0.5) / 4;
      const py = y + (j + 0.5) / 4;
      const r = Math.hypot(px - c, py - c);
      const onRing = r <= outer && r >= inner;
      const onDot = Math.hypot(px - dotX, py - dotY) <= dotR * 1.6;
      if (onRing || onDot) hits++;
    }
  }
  return hits / 16;
}

function icon(size: number, scale: number): Buffer {
  return png(size, (x, y) => {
    const a = coverage(x, y, size, scale);
    return THEME.map((t, i) => Math.round(t + ((WHITE[i] as number) - t) * a)) as RGB;
  });
}

mkdirSync(OUT, { recursive: true });
const files: Record<string, Buffer> = {
  "icon-192.png": icon(192, 1),
  "icon-512.png": icon(512, 1),
  // Safe zone: a circle of 40 % of the size around the centre; the mark's outer edge (dot
  // included) must stay inside it.
  "maskable-512.png": icon(512, 0.85),
  "apple-touch-icon.png": icon(180, 0.9),
};
for (const [name, data] of Object.entries(files)) {
  writeFileSync(join(OUT, name), data);
  console.log(`${name}: ${data.length} bytes`);
}
