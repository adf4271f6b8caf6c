/** The frame every line plot of the project shares (vega-lite schema, size, white background). */
export const PLOT_FRAME = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: 560, height: 360, background: 'white' } as const;
