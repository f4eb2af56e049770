/**
 * Server-rendered pages for anyone holding a certificate link: the verification page and
 * a printable A4-landscape certificate (its PDF is `pdf/certificate-pdf.ts`). No
 * script, no login; every value from a credential is escaped.
 */
import type { Verification } from "./verify";

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
  );

/** Dates in UTC with the zone named: the reader may be anywhere. */
const day = (iso: string | null) =>
  iso
    ? new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(iso))
    : "";
const moment = (iso: string) =>
  `${new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso))} UTC`;

const HEADLINE = {
  valid: "Valid certificate",
  revoked: "Revoked certificate",
  not_genuine: "Not a genuine PeerLoop certificate",
} as const;

function layout(title: string, body: string, extraCss = ""): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1f;background:#f6f6f8}
main{max-width:42rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:8px}
.status{padding:.75rem 1rem;border-radius:6px;font-weight:600}
.valid{background:#e3f4e8;color:#0b5d1e}.revoked{background:#fdecea;color:#8a1c12}
.not_genuine{background:#fdecea;color:#8a1c12}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{color:#555}
a{color:#1a4fd6}
${extraCss}
</style></head><body>${body}</body></html>`;
}

export function verificationPage(id: string, v: Verification): string {
  const c = v.certificate;
  const details = c
    ? `<dl>
<dt>Awarded to</dt><dd>${esc(c.learnerName)}</dd>
<dt>Achievement</dt><dd>${esc(c.achievement)}</dd>
<dt>Course</dt><dd><a href="${esc(c.courseUrl)}">${esc(c.courseUrl)}</a></dd>
<dt>Course creator</dt><dd>${esc(c.creatorName)}</dd>
<dt>Issued by</dt><dd>${esc(c.issuerName)}</dd>
<dt>Issued</dt><dd>${esc(moment(c.issuedAt))}</dd>
${c.revokedAt ? `<dt>Revoked</dt><dd>${esc(moment(c.revokedAt))}</dd><dt>Why</dt><dd>${esc(c.revocationReason ?? "")}</dd>` : ""}
</dl>
<p><a href="/verify/${esc(id)}/print">Printable certificate</a> ·
<a href="/verify/${esc(id)}.pdf">PDF</a> ·
<a href="/verify/${esc(id)}.json">The signed credential (JSON)</a></p>`
    : "";
  return layout(
    `${HEADLINE[v.status]} · PeerLoop`,
    `<main><h1>Certificate check</h1>
<p class="status ${v.status}" role="status">${HEADLINE[v.status]}</p>
<p>${esc(v.reason)}</p>
${details}
<p><small>PeerLoop signs every certificate as an Open Badges 3.0 credential
(Ed25519, eddsa-jcs-2022). The issuer's key: <a href="/.well-known/peerloop-issuer.json">/.well-known/peerloop-issuer.json</a>.</small></p>
</main>`,
  );
}

export function printablePage(id: string, v: Verification): string {
  const c = v.certificate;
  if (!c) return verificationPage(id, v);
  const css = `@page{size:A4 landscape;margin:12mm}
.cert{max-width:none;width:257mm;min-height:170mm;margin:1rem auto;box-sizing:border-box;
padding:18mm;border:3mm double #1a4fd6;text-align:center;display:flex;flex-direction:column;justify-content:center}
.cert h1{font:600 2.2rem/1.2 Georgia,serif;margin:0 0 1rem}.cert .name{font:italic 2.4rem Georgia,serif;margin:.5rem 0}
.stamp{color:#8a1c12;font-weight:700;font-size:1.4rem;border:2px solid;padding:.25rem 1rem;align-self:center}
@media print{body{background:#fff}.cert{margin:0}.noprint{display:none}}`;
  return layout(
    `${c.achievement} · ${c.learnerName}`,
    `<p class="noprint" style="text-align:center">Use your browser's Print, or <a href="/verify/${esc(id)}.pdf">download the PDF</a>.</p>
<main class="cert">
${v.status === "valid" ? "" : `<p class="stamp">${esc(HEADLINE[v.status])}</p>`}
<p>PeerLoop certifies that</p>
<p class="name">${esc(c.learnerName)}</p>
<h1>${esc(c.achievement)}</h1>
<p>Course by ${esc(c.creatorName)} · issued ${esc(day(c.issuedAt))}</p>
<p><small>Verify at ${esc(c.verifyUrl)}</small></p>
</main>`,
    css,
  );
}
