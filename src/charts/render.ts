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

/** What a chart draws: a Vega-Lite spec and the text that says the same. */
export interface ChartDrawing {
  spec: TopLevelSpec;
  alt: string;
}

/** Vega-Lite spec → Vega → SVG, with a headless View (no canvas, no browser). */
export async function specToSvg(spec: TopLevelSpec): Promise<string> {
  const vega = compile({ ...spec, config: { ...CONFIG, ...spec.config } }).spec;
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** SVG → PNG at CHART_SCALE with the packaged font only, never the machine's fonts. */
export function svgToPng(svg: string): { png: Buffer; width: number; height: number } {
  const image = new Resvg(svg, {
    background: COLORS.background,
    fitTo: { mode: 'zoom', value: CHART_SCALE },
    font: { loadSystemFonts: false, fontFiles: [...CHART_FONT_FILES], defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
  }).render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

/**
 * Spec → PNG. Pure apart from the font files it reads: the same spec always draws the same picture.
 */
export async function renderDrawing(drawing: ChartDrawing): Promise<RenderedChart> {
  return { ...svgToPng(await specToSvg(drawing.spec)), alt: drawing.alt };
}

/** Several charts one under another in one PNG (a sheet to look at outside Slack). */
export async function renderSheet(drawings: readonly ChartDrawing[]): Promise<RenderedChart> {
  const parts: string[] = [];
  let width = 0;
  let height = 0;
  for (const drawing of drawings) {
    const svg = await specToSvg(drawing.spec);
    const size = svg.match(/^<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/);
    if (!size) throw new Error('rendered SVG has no size');
    // A nested <svg> placed by its y attribute keeps each chart's own coordinates.
    parts.push(svg.replace(/^<svg/, `<svg y="${height}"`));
    width = Math.max(width, Number(size[1]));
    height += Number(size[2]);
  }
  const sheet = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
  return { ...svgToPng(sheet), alt: drawings.map((d) => d.alt).join('\n') };
}
