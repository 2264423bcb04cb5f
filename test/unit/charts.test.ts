import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { loopClosureChart, outcomeFiguresChart, sessionsPerWeekChart } from '../../src/charts/charts.ts';
import { shareFigure } from '../../src/charts/figures.ts';
import { CHART_SCALE, COLORS, type RenderedChart } from '../../src/charts/render.ts';
import { closureTrend } from '../../src/domain/closure-trend.ts';

const WEEKS = [3, 5, 0, 8, 12, 7, 9, 4, 6, 11, 10, 2];
const SESSIONS = { weeks: WEEKS, from: '2026-08-27', to: '2026-11-18' };

const hex = (r: number, g: number, b: number): string => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/** Decodes the PNG and counts what is drawn: distinct colours, non-background pixels, pixels of one colour. */
function inspect(chart: RenderedChart) {
  const png = PNG.sync.read(chart.png);
  const colours = new Map<string, number>();
  for (let i = 0; i < png.data.length; i += 4) {
    const key = hex(png.data[i]!, png.data[i + 1]!, png.data[i + 2]!);
    colours.set(key, (colours.get(key) ?? 0) + 1);
  }
  const total = png.width * png.height;
  return {
    width: png.width,
    height: png.height,
    distinct: colours.size,
    inked: total - (colours.get(COLORS.background) ?? 0),
    total,
    pixelsOf: (colour: string) => colours.get(colour) ?? 0,
  };
}

describe('sessions per week chart', () => {
  it('draws a PNG of the size it reports, with bars and labels on a white ground', async () => {
    const chart = await sessionsPerWeekChart(SESSIONS);
    const img = inspect(chart);
    expect([img.width, img.height]).toEqual([chart.width, chart.height]);
    // Laid out 560 units wide plus axes and padding, drawn at 2×.
    expect(img.width).toBeGreaterThan(560 * CHART_SCALE);
    expect(img.width).toBeLessThan(800 * CHART_SCALE);
    expect(img.height).toBeGreaterThan(220 * CHART_SCALE);
    // Anti-aliased text and bars give many shades; a blank or single-colour image has one or two.
    expect(img.distinct).toBeGreaterThan(50);
    // Eleven bars with sessions: a good share of the picture is bar colour, and it is not all ink.
    expect(img.pixelsOf(COLORS.bar)).toBeGreaterThan(img.total * 0.1);
    expect(img.inked).toBeLessThan(img.total * 0.6);
  });

  it('says every week in the alt text, with the total and the dates', async () => {
    const chart = await sessionsPerWeekChart(SESSIONS);
    expect(chart.alt).toContain('27 Aug 2026 – 18 Nov 2026');
    expect(chart.alt).toContain('77 in all');
    expect(chart.alt).toContain('Week starting 27 Aug: 3, 3 Sep: 5, 10 Sep: 0, 17 Sep: 8');
    expect(chart.alt).toContain('12 Nov: 2.');
  });

  it('draws "No sessions yet" rather than failing or leaving an empty frame', async () => {
    for (const weeks of [new Array<number>(12).fill(0), []]) {
      const chart = await sessionsPerWeekChart({ weeks, from: '2026-08-27', to: '2026-11-18' });
      const img = inspect(chart);
      expect(chart.alt).toContain('no sessions yet');
      expect(img.pixelsOf(COLORS.bar)).toBe(0);
      // The title and the message are there.
      expect(img.inked).toBeGreaterThan(2000);
      expect(img.distinct).toBeGreaterThan(20);
    }
  });
});

describe('loop closure chart', () => {
  const loops = [
    { givenOn: '2026-09-01', closedOn: '2026-09-20', count: 1 },
    { givenOn: '2026-10-01', closedOn: null, count: 1 },
    { givenOn: '2026-10-10', closedOn: '2026-11-10', count: 1 },
    { givenOn: '2026-11-01', closedOn: null, count: 1 },
  ];

  it('draws a line of weekly closure and carries each week and the latest share in the alt text', async () => {
    const chart = await loopClosureChart(closureTrend(loops, '2026-11-18', 12));
    const img = inspect(chart);
    expect(img.distinct).toBeGreaterThan(50);
    expect(img.pixelsOf(COLORS.line)).toBeGreaterThan(1000);
    expect(chart.alt).toContain('50% now (2 of 4)');
    expect(chart.alt).toContain('Week ending 2 Sep: 0%, 9 Sep: 0%, 16 Sep: 0%, 23 Sep: 100%');
  });

  it('says so when no advice was recorded', async () => {
    const chart = await loopClosureChart(closureTrend([], '2026-11-18', 12));
    expect(chart.alt).toBe('Advice loops closed: no advice recorded yet.');
    expect(inspect(chart).pixelsOf(COLORS.line)).toBe(0);
  });
});

describe('outcome figures chart', () => {
  it('draws one labelled bar per figure and names a missing figure without a bar', async () => {
    const figures = [shareFigure('Goals achieved', 3, 12, 'no goals yet'), shareFigure('Advice loops closed', 26, 40, 'no advice yet'), { label: 'Objective reached', value: null, text: 'not enough answers yet' }];
    const chart = await outcomeFiguresChart({ title: 'Outcomes', scale: 'percent', figures });
    expect(chart.alt).toBe('Outcomes: Goals achieved 25% (3 of 12); Advice loops closed 65% (26 of 40); Objective reached not enough answers yet.');
    const img = inspect(chart);
    expect(img.distinct).toBeGreaterThan(50);
    const twoBars = img.pixelsOf(COLORS.bar);
    expect(twoBars).toBeGreaterThan(5000);

    // Bar length follows the value: the same figures with the first at 100% paint more bar.
    const fuller = await outcomeFiguresChart({ title: 'Outcomes', scale: 'percent', figures: [shareFigure('Goals achieved', 12, 12, 'no goals yet'), ...figures.slice(1)] });
    expect(inspect(fuller).pixelsOf(COLORS.bar)).toBeGreaterThan(twoBars * 1.3);
  });

  it('labels bare {label, value} figures by the chart scale', async () => {
    const shares = await outcomeFiguresChart({ title: 'Outcomes', scale: 'percent', figures: [{ label: 'Objective reached', value: 0.625 }, { label: 'Still using it', value: null }] });
    expect(shares.alt).toBe('Outcomes: Objective reached 63%; Still using it not enough answers yet.');
  });

  it('draws counts too, and a chart with no figures at all', async () => {
    const counts = await outcomeFiguresChart({ title: 'Goals', scale: 'count', figures: [{ label: 'Set', value: 12 }, { label: 'Achieved', value: 3 }, { label: 'Mean confidence change', value: null }] });
    expect(counts.alt).toBe('Goals: Set 12; Achieved 3; Mean confidence change not enough answers yet.');
    expect(inspect(counts).pixelsOf(COLORS.bar)).toBeGreaterThan(1000);
    const none = await outcomeFiguresChart({ title: 'Goals', scale: 'count', figures: [] });
    expect(none.alt).toBe('Goals: nothing to show yet.');
    expect(inspect(none).inked).toBeGreaterThan(1000);
  });
});
