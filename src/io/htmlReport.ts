/**
 * One self-contained interactive HTML report: the run's text summary and every plot as a live
 * vega-embed view (tooltips, zoom where the spec allows, export to PNG/SVG from its menu). The
 * vega, vega-lite and vega-embed bundles are inlined, as are the specs with their data, so the
 * file opens offline and can be mailed. No Node modules: the caller passes the bundles
 * (src/io/embedLibraries.ts reads them from node_modules).
 */
import type * as vl from 'vega-lite';

export interface ReportFigure {
  /** The SVG file name the same plot is written to (`cv-cv.svg`): the figure's caption and anchor. */
  name: string;
  spec: vl.TopLevelSpec;
}

export interface EmbedLibraries {
  vega: string;
  vegaLite: string;
  vegaEmbed: string;
}

export interface ReportContent {
  title: string;
  /** Preformatted text (the console summary). */
  summary: string;
  figures: ReportFigure[];
  /** Files written next to the report, listed at its end. */
  files?: string[];
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON that can sit inside a <script> element: no `<` (so no `</script>` and no `<!--`). */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A bundle inlined as a script: `</script` cannot occur in it (checked, not assumed). */
function inlineScript(code: string, what: string): string {
  if (/<\/script/i.test(code)) throw new Error(`${what}: the bundle contains </script and cannot be inlined`);
  return `<script>${code}</script>`;
}

export function htmlReport(c: ReportContent, libs: EmbedLibraries): string {
  const figures = c.figures
    .map((f, i) => `<figure id="${escapeHtml(f.name)}"><div id="view-${i}"></div><figcaption>${escapeHtml(f.name)}</figcaption></figure>\n<script type="application/json" id="spec-${i}">${scriptJson(f.spec)}</script>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(c.title)}</title>
<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;color:#222}pre{background:#f6f6f6;padding:1em;overflow-x:auto;font-size:85%}figure{margin:2em 0}figcaption{color:#555;font-size:90%}nav a{margin-right:1em}</style>
${inlineScript(libs.vega, 'vega')}
${inlineScript(libs.vegaLite, 'vega-lite')}
${inlineScript(libs.vegaEmbed, 'vega-embed')}
</head><body>
<h1>${escapeHtml(c.title)}</h1>
<h2>Summary</h2>
<pre>${escapeHtml(c.summary)}</pre>
<h2>Figures</h2>
<nav>${c.figures.map((f) => `<a href="#${escapeHtml(f.name)}">${escapeHtml(f.name)}</a>`).join(' ')}</nav>
${figures}
${c.files?.length ? `<h2>Files</h2>\n<p>${c.files.map(escapeHtml).join(', ')}</p>` : ''}
<script>
for (let i = 0; ; i++) {
  const el = document.getElementById('spec-' + i);
  if (!el) break;
  vegaEmbed('#view-' + i, JSON.parse(el.textContent), { actions: { export: true, source: false, compiled: false, editor: false } })
    .catch((e) => { document.getElementById('view-' + i).textContent = 'plot failed: ' + e.message; });
}
</script>
</body></html>
`;
}
