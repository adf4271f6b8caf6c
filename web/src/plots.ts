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

/** Rows above which a plot is drawn on a canvas: an SVG of 20,000 vertices makes the page sluggish. */
const SVG_ROWS = 8000;

const rowsOf = (s: Record<string, unknown>): number => {
  const values = (s['data'] as { values?: unknown[] } | undefined)?.values;
  const layers = (s['layer'] as Array<Record<string, unknown>> | undefined) ?? [];
  return (values?.length ?? 0) + layers.reduce((n, l) => n + rowsOf(l), 0);
};

/**
 * Zoom and pan on the scales of single-view line plots (wheel, drag; double-click resets) and
 * tooltips. The `$schema` is left to vega-embed (the CLI's specs name v5; the page runs v6).
 */
function interactive(spec: TopLevelSpec): TopLevelSpec {
  const { $schema: _schema, ...s } = spec as unknown as Record<string, unknown>;
  const mark = s['mark'] as { type?: string } | undefined;
  if (mark?.type !== 'line' || 'params' in s) return s as unknown as TopLevelSpec;
  return { ...s, mark: { ...mark, tooltip: true }, params: [{ name: 'zoom', select: 'interval', bind: 'scales' }] } as unknown as TopLevelSpec;
}

export async function showPlot(el: HTMLElement, spec: TopLevelSpec): Promise<ShownPlot> {
  const { default: embed } = await import('vega-embed');
  const renderer = rowsOf(spec as unknown as Record<string, unknown>) > SVG_ROWS ? 'canvas' : 'svg';
  const result = await embed(el, interactive(spec), { renderer, actions: false, tooltip: true });
  return { svg: () => result.view.toSVG(), finalize: () => result.finalize() };
}
