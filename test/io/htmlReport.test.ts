import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { htmlReport, scriptJson } from '../../src/io/htmlReport.js';
import { ncm } from '../helpers/cli.js';

describe('ncm run --html', () => {
  it('writes one self-contained report: the summary, every plot as an inline vega-lite spec, vega-embed inlined', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ncm-html-'));
    const file = join(dir, 'rc.cir');
    writeFileSync(file, 'RC <step> & co\nV1 in 0 PULSE(0 1 0 1n 1n 10u 20u)\nR1 in out 1k\nC1 out 0 1n\n.tran 10n 5u\n.end\n');
    const out = join(dir, 'out');
    const r = await ncm('run', file, '--html', '-o', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('report.html');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    // the title is escaped, the summary is the console's
    expect(html).toContain('<title>RC &lt;step&gt; &amp; co</title>');
    expect(html).toContain('<pre>RC &lt;step&gt; &amp; co  (');
    expect(html).toContain('[tran] tran');
    // one spec per SVG written, each parseable, in the SVGs' order
    const svgs = readdirSync(out).filter((f) => f.endsWith('.svg')).sort();
    const specs = [...html.matchAll(/<script type="application\/json" id="spec-(\d+)">([^<]*)<\/script>/g)].map((m) => JSON.parse(m[2]!) as { title: unknown; $schema: string });
    expect(specs).toHaveLength(svgs.length);
    expect(specs.every((s) => s.$schema.includes('vega-lite'))).toBe(true);
    const captions = [...html.matchAll(/<figcaption>([^<]*)<\/figcaption>/g)].map((m) => m[1]!);
    expect([...captions].sort()).toEqual(svgs);
    // offline: the three bundles inline, nothing fetched
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts.length).toBe(4);
    expect(scripts[2]).toContain('vegaEmbed');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=/);
  });

  it('spec JSON cannot close its script element', () => {
    const json = scriptJson({ title: '</script><script>alert(1)</script>' });
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual({ title: '</script><script>alert(1)</script>' });
    expect(() => htmlReport({ title: 't', summary: '', figures: [] }, { vega: 'x</script>', vegaLite: '', vegaEmbed: '' })).toThrow('vega: the bundle contains </script and cannot be inlined');
  });
});
