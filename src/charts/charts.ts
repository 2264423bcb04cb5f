import { UTCDate } from '@date-fns/utc';
import { format } from 'date-fns';
import type { TopLevelSpec } from 'vega-lite';
import { addDaysTo, type CalendarDay } from '../domain/calendar.ts';
import type { ClosurePoint } from '../domain/closure-trend.ts';
import { monthLabel, PULSE_LABELS } from '../domain/outcome-lines.ts';
import { PULSE_ANSWERS } from '../domain/outcomes.ts';
import { percent } from '../domain/report-stats.ts';
import { figureText, NOT_ENOUGH_ANSWERS, type ChartFigures, type OutcomeChartInput, type PulseMonth } from './figures.ts';
import { COLORS, renderDrawing, renderSheet, type ChartDrawing, type RenderedChart } from './render.ts';

import { CHART_KINDS, type ChartKind } from './kinds.ts';

export { CHART_KINDS, type ChartKind } from './kinds.ts';

/** Going well, could be better, not working. */
const PULSE_COLORS = ['#2a9d8f', '#e9c46a', '#e76f51'];

const WIDTH = 560;
const HEIGHT = 220;

/** "27 Aug": short enough for twelve labels under a chart. */
const shortDay = (day: CalendarDay): string => format(new UTCDate(day), 'd MMM');
const longDay = (day: CalendarDay): string => format(new UTCDate(day), 'd MMM yyyy');

/** A chart with nothing to plot: the title and one clear sentence instead of an empty frame. */
function emptySpec(title: string, subtitle: string, message: string): TopLevelSpec {
  return {
    title: { text: title, subtitle },
    width: WIDTH,
    height: HEIGHT / 2,
    data: { values: [{ message }] },
    mark: { type: 'text', fontSize: 15, color: COLORS.muted },
    encoding: { text: { field: 'message', type: 'nominal' } },
  };
}

/** Sessions held in each of the last weeks, as bars; the latest week is on the right. */
export function sessionsPerWeekDrawing(sessions: ChartFigures['sessions']): ChartDrawing {
  const weeks = sessions.weeks.length;
  const title = `Sessions per week, last ${weeks} weeks`;
  const subtitle = `${longDay(sessions.from)} – ${longDay(sessions.to)}`;
  const total = sessions.weeks.reduce((sum, n) => sum + n, 0);
  if (total === 0) {
    return { spec: emptySpec(title, subtitle, 'No sessions yet'), alt: `${title} (${subtitle}): no sessions yet.` };
  }
  // Week i ends on `to` minus 7 × (weeks − 1 − i) days; bars are labelled by the day their week starts.
  const rows = sessions.weeks.map((count, i) => {
    return { week: shortDay(addDaysTo(sessions.to, -(7 * (weeks - 1 - i) + 6))), count };
  });
  const spec: TopLevelSpec = {
    title: { text: title, subtitle: `${subtitle} · ${total} in all` },
    width: WIDTH,
    height: HEIGHT,
    data: { values: rows },
    layer: [
      { mark: { type: 'bar', color: COLORS.bar, cornerRadiusEnd: 2 } },
      { mark: { type: 'text', dy: -7, color: COLORS.text }, encoding: { text: { field: 'count', type: 'quantitative' } } },
    ],
    encoding: {
      x: { field: 'week', type: 'ordinal', sort: rows.map((r) => r.week), title: 'Week starting', axis: { labelAngle: 0 } },
      y: { field: 'count', type: 'quantitative', title: 'Sessions', axis: { tickMinStep: 1, format: 'd' } },
    },
  };
  const list = rows.map((r) => `${r.week}: ${r.count}`).join(', ');
  return { spec, alt: `${title} (${subtitle}), ${total} in all. Week starting ${list}.` };
}

/** Share of advice loops closed, as it stood at the end of each week. */
export function loopClosureDrawing(points: readonly ClosurePoint[]): ChartDrawing {
  const title = 'Advice loops closed';
  const known = points.filter((p): p is ClosurePoint & { rate: number } => p.rate !== null);
  const first = points[0];
  const last = points.at(-1);
  const subtitle = first && last ? `Share of advice tried or set aside, weeks ending ${longDay(first.weekEnding)} – ${longDay(last.weekEnding)}` : 'Share of advice tried or set aside';
  if (known.length === 0) {
    return { spec: emptySpec(title, subtitle, 'No advice recorded yet'), alt: `${title}: no advice recorded yet.` };
  }
  const rows = known.map((p) => ({ week: shortDay(p.weekEnding), day: p.weekEnding, rate: p.rate, label: percent(p.rate), closed: p.closed, given: p.given }));
  const spec: TopLevelSpec = {
    title: { text: title, subtitle },
    width: WIDTH,
    height: HEIGHT,
    data: { values: rows },
    encoding: {
      x: { field: 'week', type: 'ordinal', sort: rows.map((r) => r.week), title: 'Week ending', axis: { labelAngle: 0 } },
      y: { field: 'rate', type: 'quantitative', title: 'Loops closed', scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 5 } },
    },
    layer: [
      { mark: { type: 'line', color: COLORS.line, strokeWidth: 2.5, point: { color: COLORS.line, size: 40 } } },
      { mark: { type: 'text', dy: -10, color: COLORS.text }, encoding: { text: { field: 'label', type: 'nominal' } } },
    ],
  };
  const latest = known.at(-1)!;
  const list = rows.map((r) => `${r.week}: ${r.label}`).join(', ');
  return { spec, alt: `${title}: ${percent(latest.rate)} now (${latest.closed} of ${latest.given}). Week ending ${list}.` };
}

/** Named figures as horizontal bars, each labelled with its value; a figure without a value says why. */
export function outcomeFiguresDrawing(input: OutcomeChartInput): ChartDrawing {
  const alt = `${input.title}: ${input.figures.map((f) => `${f.label} ${figureText(f, input.scale)}`).join('; ')}.`;
  if (input.figures.length === 0) {
    return { spec: emptySpec(input.title, '', 'Nothing to show yet'), alt: `${input.title}: nothing to show yet.` };
  }
  const rows = input.figures.map((f) => ({ label: f.label, value: f.value ?? 0, text: figureText(f, input.scale), missing: f.value === null }));
  const max = input.scale === 'percent' ? 1 : Math.max(1, ...rows.map((r) => r.value));
  const spec: TopLevelSpec = {
    title: { text: input.title },
    width: WIDTH - 160,
    height: { step: 34 },
    data: { values: rows },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: rows.map((r) => r.label), title: null, axis: { labelFontSize: 12, labelColor: COLORS.text, labelLimit: 320, ticks: false, domain: false } },
      x: {
        field: 'value',
        type: 'quantitative',
        title: null,
        // Room to the right of the longest bar for its label.
        scale: { domain: [0, max * 1.45] },
        axis: input.scale === 'percent' ? { format: '.0%', values: [0, 0.25, 0.5, 0.75, 1] } : { format: 'd', tickMinStep: 1 },
      },
    },
    layer: [
      { mark: { type: 'bar', color: COLORS.bar, cornerRadiusEnd: 2, height: { band: 0.7 } } },
      {
        mark: { type: 'text', align: 'left', dx: 6 },
        encoding: {
          text: { field: 'text', type: 'nominal' },
          color: { condition: { test: 'datum.missing', value: COLORS.muted }, value: COLORS.text },
        },
      },
    ],
  };
  return { spec, alt };
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** Pulse answers per month as 100% stacked bars; a month under the 5-answer floor shows why it has no bar. */
export function pulseDrawing(months: readonly PulseMonth[]): ChartDrawing {
  const title = 'How pairings are going (pulse checks)';
  const subtitle = months.length > 0 ? `By month, ${monthLabel(months[0]!.month)} – ${monthLabel(months.at(-1)!.month)}` : 'By month';
  if (months.every((m) => m.shares === null)) {
    return { spec: emptySpec(title, subtitle, `No month has 5 answers yet`), alt: `${title}: ${NOT_ENOUGH_ANSWERS} in any month.` };
  }
  const order = months.map((m) => monthLabel(m.month));
  const labels = PULSE_ANSWERS.map((a) => capitalised(PULSE_LABELS[a]));
  const rows = months.flatMap((m): Array<Record<string, string | number | boolean>> =>
    m.shares
      ? PULSE_ANSWERS.map((a, i) => ({ month: monthLabel(m.month), answer: labels[i]!, order: i, share: m.shares![a] / 100, missing: false }))
      : [{ month: monthLabel(m.month), note: 'not enough\nanswers yet', missing: true }],
  );
  const spec: TopLevelSpec = {
    title: { text: title, subtitle },
    width: WIDTH,
    height: HEIGHT,
    data: { values: rows },
    encoding: { x: { field: 'month', type: 'ordinal', sort: order, title: null, scale: { domain: order }, axis: { labelAngle: 0 } } },
    layer: [
      {
        transform: [{ filter: '!datum.missing' }],
        mark: { type: 'bar', width: { band: 0.6 } },
        encoding: {
          y: { field: 'share', type: 'quantitative', stack: 'zero', title: 'Answers', scale: { domain: [0, 1] }, axis: { format: '.0%', tickCount: 5 } },
          color: { field: 'answer', type: 'nominal', scale: { domain: labels, range: PULSE_COLORS }, legend: { orient: 'top', title: null, labelFontSize: 11 } },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      {
        transform: [{ filter: 'datum.missing' }],
        mark: { type: 'text', color: COLORS.muted, lineBreak: '\n' },
        encoding: { y: { datum: 0.5 }, text: { field: 'note', type: 'nominal' } },
      },
    ],
  };
  const list = months
    .map((m) => `${monthLabel(m.month)}: ${m.shares ? PULSE_ANSWERS.map((a) => `${Math.round(m.shares![a])}% ${PULSE_LABELS[a]}`).join(', ') : NOT_ENOUGH_ANSWERS}`)
    .join('; ');
  return { spec, alt: `${title}, by month. ${list}.` };
}

export const sessionsPerWeekChart = (sessions: ChartFigures['sessions']): Promise<RenderedChart> => renderDrawing(sessionsPerWeekDrawing(sessions));
export const loopClosureChart = (points: readonly ClosurePoint[]): Promise<RenderedChart> => renderDrawing(loopClosureDrawing(points));
export const outcomeFiguresChart = (input: OutcomeChartInput): Promise<RenderedChart> => renderDrawing(outcomeFiguresDrawing(input));

export function chartDrawing(kind: ChartKind, figures: ChartFigures): ChartDrawing {
  switch (kind) {
    case 'sessions_per_week':
      return sessionsPerWeekDrawing(figures.sessions);
    case 'loop_closure':
      return loopClosureDrawing(figures.closure);
    case 'pulse':
      return pulseDrawing(figures.pulse);
    case 'outcomes':
      return outcomeFiguresDrawing(figures.outcomes);
    case 'results':
      return outcomeFiguresDrawing(figures.results);
  }
}

export function renderChart(kind: ChartKind, figures: ChartFigures): Promise<RenderedChart> {
  return renderDrawing(chartDrawing(kind, figures));
}

/** Every chart of a program's report in one PNG, one under another; the alt text has a line per chart. */
export function renderChartSheet(figures: ChartFigures, kinds: readonly ChartKind[] = CHART_KINDS): Promise<RenderedChart> {
  return renderSheet(kinds.map((kind) => chartDrawing(kind, figures)));
}
