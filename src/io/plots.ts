/**
 * SVG plots of analysis results: the vega-lite specifications of src/io/plotSpecs.ts rendered by
 * vega in Node (no browser). Node-side only: the page renders the same specs with vega-embed.
 * vega and vega-lite load on the first plot (about 0.8 s of CPU unbundled): a command that writes
 * no plot never pays for them.
 */
import type * as vl from 'vega-lite';

export { plotSpecs } from './plotSpecs.js';

let renderers: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;

export async function renderSvg(spec: vl.TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await (renderers ??= Promise.all([import('vega'), import('vega-lite')]));
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
