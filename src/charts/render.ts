import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CHART_FONT_FAMILY, CHART_FONT_FILES } from './font.ts';

/** A chart drawn to PNG, with a text that carries the same figures for those who cannot see it. */
export interface RenderedChart {
  png: Buffer;
  /** Pixel size of the PNG. */
  width: number;
  height: number;
  /** The figures in words: the image block's alt text, read by screen readers and notifications. */
  alt: string;
}

/** Pixels per layout unit: charts are laid out at 1× and drawn at 2× so they stay sharp on Retina screens. */
export const CHART_SCALE = 2;

export const COLORS = {
  background: '#ffffff',
  bar: '#4c78a8',
  line: '#2a9d8f',
  text: '#1d1c1d',
  muted: '#616061',
  grid: '#e8e8e8',
} as const;

/** The house style, applied to every spec: one font, quiet axes, no border. */
const CONFIG: TopLevelSpec['config'] = {
  font: CHART_FONT_FAMILY,
  background: COLORS.background,
  padding: 12,
  view: { stroke: null },
  title: { fontSize: 15, fontWeight: 'bold', color: COLORS.text, anchor: 'start', subtitleColor: COLORS.muted, subtitleFontSize: 11, offset: 12 },
  axis: { labelFontSize: 11, titleFontSize: 11, labelColor: COLORS.muted, titleColor: COLORS.muted, gridColor: COLORS.grid, domainColor: COLORS.muted, tickColor: COLORS.muted, titleFontWeight: 'normal' },
  text: { fontSize: 11, color: COLORS.text },
};

/**
 * Vega-Lite spec → Vega → SVG (headless View, no canvas) → PNG (resvg with the packaged font only).
 * Pure apart from the font files it reads: the same spec always draws the same picture.
 */
export async function renderSpec(spec: TopLevelSpec, alt: string): Promise<RenderedChart> {
  const vega = compile({ ...spec, config: { ...CONFIG, ...spec.config } }).spec;
  const view = new View(parse(vega), { renderer: 'none' });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  const image = new Resvg(svg, {
    background: COLORS.background,
    fitTo: { mode: 'zoom', value: CHART_SCALE },
    font: { loadSystemFonts: false, fontFiles: [...CHART_FONT_FILES], defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
  }).render();
  return { png: image.asPng(), width: image.width, height: image.height, alt };
}
