/**
 * Overlays built from the CLI's own single-view vega-lite specs (inline data, one mark): several
 * runs in one plot coloured by run (NCM vs TLM), and the run before a slider move drawn faintly
 * under the present one. Specs of another shape (layered, concatenated) are returned unchanged.
 */
import type { TopLevelSpec } from 'vega-lite';

type Row = Record<string, unknown>;
type Json = Record<string, unknown>;

interface UnitParts {
  frame: Json;
  rows: Row[];
  mark: Json;
  encoding: Json;
}

function unitParts(spec: TopLevelSpec): UnitParts | undefined {
  const { data, mark, encoding, ...frame } = spec as unknown as Json;
  const values = (data as { values?: unknown } | undefined)?.values;
  if (!Array.isArray(values) || mark === undefined || encoding === undefined) return undefined;
  return { frame, rows: values as Row[], mark: typeof mark === 'string' ? { type: mark } : (mark as Json), encoding: encoding as Json };
}

/** The series of several specs of the same plot in one, coloured by `field` (the old colour becomes `detail`). */
export function overlaySeries(items: Array<{ label: string; spec: TopLevelSpec }>, field: string): TopLevelSpec {
  const parts = items.map((i) => unitParts(i.spec));
  const first = parts[0];
  if (!first || parts.some((p) => !p)) return items[0]!.spec;
  const rows = parts.flatMap((p, i) => p!.rows.map((r) => ({ ...r, [field]: items[i]!.label })));
  const { color, ...rest } = first.encoding;
  const colorField = (color as { field?: string } | undefined)?.field;
  return {
    ...first.frame,
    data: { values: rows },
    mark: first.mark,
    encoding: {
      ...rest,
      color: { field, type: 'nominal', title: null, sort: items.map((i) => i.label), legend: { orient: 'top-left' } },
      ...(colorField ? { detail: { field: colorField, type: 'nominal' } } : {}),
    },
  } as unknown as TopLevelSpec;
}

/** `present` over `before` (grey, faint), e.g. the CV before and after a slider move. */
export function overlayPrevious(present: TopLevelSpec, before: TopLevelSpec, label: string): TopLevelSpec {
  const now = unitParts(present);
  const old = unitParts(before);
  if (!now || !old) return present;
  const { color, ...oldEncoding } = old.encoding;
  const colorField = (color as { field?: string } | undefined)?.field;
  return {
    ...now.frame,
    layer: [
      {
        data: { values: old.rows.map((r) => ({ ...r, run: label })) },
        mark: { ...old.mark, color: '#9a9a9a', opacity: 0.45 },
        encoding: { ...oldEncoding, ...(colorField ? { detail: { field: colorField, type: 'nominal' } } : {}), tooltip: { field: 'run', type: 'nominal' } },
      },
      { data: { values: now.rows }, mark: now.mark, encoding: now.encoding },
    ],
  } as unknown as TopLevelSpec;
}
