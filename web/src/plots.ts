/**
 * Interactive plots: the CLI's vega-lite specs shown with vega-embed (SVG renderer, tooltips, zoom
 * and pan on scales). vega is loaded on the first plot, not with the page.
 */
import type { TopLevelSpec } from 'vega-lite';

export interface ShownPlot {
  /** The plot as a standalone SVG document (for download). */
  svg(): Promise<string>;
  finalize(): void;
}

/** Zoom and pan on the x and y scales of single-view specs (wheel, drag; double-click resets). */
function interactive(spec: TopLevelSpec): TopLevelSpec {
  const s = spec as unknown as Record<string, unknown>;
  if (!('mark' in s) || 'params' in s) return spec;
  return { ...s, params: [{ name: 'zoom', select: 'interval', bind: 'scales' }] } as unknown as TopLevelSpec;
}

export async function showPlot(el: HTMLElement, spec: TopLevelSpec): Promise<ShownPlot> {
  const { default: embed } = await import('vega-embed');
  const result = await embed(el, interactive(spec), { renderer: 'svg', actions: false, tooltip: true });
  return { svg: () => result.view.toSVG(), finalize: () => result.finalize() };
}
