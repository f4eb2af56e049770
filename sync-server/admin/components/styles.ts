/** The dashboard's one stylesheet (served at /admin/admin.css). Plain, dense, readable. */
export const ADMIN_CSS = `
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa;--accent:#0b5cad;--ok:#1a7f37;--bad:#b42318;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg)}
*{box-sizing:border-box}body{margin:0;background:#fff}
a{color:var(--accent)}a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:6px;z-index:2}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:12px 24px;padding:8px 20px;background:#0d1b2a;color:#fff}
.top a{color:#e6edf3;text-decoration:none;padding:4px 6px;border-radius:4px}.top a[aria-current=page]{background:#1f6feb;color:#fff}
.top ul{display:flex;flex-wrap:wrap;gap:4px;list-style:none;margin:0;padding:0}.brand{font-weight:700}
.signout{margin-left:auto;display:flex;gap:8px;align-items:center}
main{padding:16px 20px;max-width:1280px}main.bare{max-width:420px;margin:40px auto}
h1{font-size:1.5rem;margin:.2em 0 .6em}h2{font-size:1.15rem;margin:1.4em 0 .5em}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--bg);font-weight:600}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.stats{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:10px;margin:0}
.stat{border:1px solid var(--line);border-radius:6px;padding:10px 12px;background:var(--bg)}.stat dt{color:var(--muted);font-size:.85rem}
.stat dd{margin:2px 0 0;font-size:1.4rem;font-weight:650}.stat small{display:block;font-size:.8rem;font-weight:400;color:var(--muted)}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:16px}
.chart{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px}.chart svg{width:100%;height:auto}
.chart text{font-size:11px;fill:#3d444d}.chart .grid{stroke:#e5e9ee}.chart .axis{stroke:#57606a}
.chart .line{fill:none;stroke:#0b5cad;stroke-width:2}.chart .dot{fill:#0b5cad}.chart .bar{fill:#2f81c7}
.chart figcaption{font-weight:600;font-size:.9rem;margin-top:4px}
.flash{padding:8px 12px;border-radius:6px}.flash.ok{background:#dafbe1;color:#0f5323}.flash.error{background:#ffebe9;color:#82071e}
.warn{background:#fff8c5;border:1px solid #d4a72c;padding:8px 12px;border-radius:6px;color:#4d2d00}
form.inline{display:inline-flex;gap:6px;align-items:center;flex-wrap:wrap;margin:0}
.search{display:flex;gap:8px;align-items:center;margin-bottom:12px}
input,select,button{font:inherit}input[type=search],input[type=text],input[type=email],input[type=password]{padding:5px 8px;border:1px solid #8c959f;border-radius:4px}
button{padding:5px 12px;border:1px solid #0b5cad;background:#0b5cad;color:#fff;border-radius:4px;cursor:pointer}
button.secondary{background:#fff;color:#0b5cad}button.danger{background:#b42318;border-color:#b42318}
.pager{display:flex;gap:16px;margin:12px 0}.muted{color:var(--muted)}
.badge{display:inline-block;padding:0 6px;border-radius:10px;background:#ddf4ff;color:#0a3069;font-size:.8rem}
.badge.off{background:#ffebe9;color:#82071e}.badge.ok{background:#dafbe1;color:#0f5323}
pre{background:var(--bg);padding:8px;overflow:auto;max-height:320px;font-size:.8rem}
.field{display:flex;flex-direction:column;gap:4px;margin-bottom:12px}
fieldset{border:1px solid var(--line);border-radius:6px}
.attention{margin:0 0 16px}.attention h2{margin:0 0 4px;font-size:1rem}.attention ul{margin:0;padding-left:20px}
.per-currency{display:block}.error-text{color:var(--bad)}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}.facts dt{color:var(--muted)}.facts dd{margin:0}
`;
