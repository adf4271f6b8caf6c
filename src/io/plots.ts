/**
 * SVG plots of analysis results: the vega-lite specifications of src/io/plotSpecs.ts rendered by
 * vega in Node (no browser). Node-side only: the page renders the same specs with vega-embed.
 */
import * as vega from 'vega';
import * as vl from 'vega-lite';

export { plotSpecs } from './plotSpecs.js';

export async function renderSvg(spec: vl.TopLevelSpec): Promise<string> {
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
