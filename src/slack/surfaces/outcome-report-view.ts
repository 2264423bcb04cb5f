import type { KnownBlock, SectionBlock } from '@slack/types';
import { lastMonths, monthLabel, NOT_ENOUGH_ANSWERS, outcomeLines, pulseText, type OutcomeLine } from '../../domain/outcome-lines.ts';
import { MIN_ANSWERS } from '../../domain/outcomes.ts';
import type { ChartImage } from '../../services/chart-service.ts';
import type { FullReport, ProgramOutcomes } from '../../services/report-service.ts';
import { context, divider, header, section } from './blocks.ts';
import { chartImageBlock } from './chart-blocks.ts';
import type { Reply } from './help-message.ts';
import { reportMessage } from './report-view.ts';

// The outcome side of the report: aggregates of private answers, never one person's answer.

/** Months of figures the report lists under "Over time". */
export const OUTCOME_MONTHS_SHOWN = 6;

export const CHARTS_COMING = ':hourglass_flowing_sand: Drawing the charts and adding the outcome figures: this message updates in a moment.';

const FLOOR_NOTE = `Outcome figures are aggregates of private answers; a figure over fewer than ${MIN_ANSWERS} answers reads "${NOT_ENOUGH_ANSWERS}".`;

function fields(texts: string[]): SectionBlock {
  return { type: 'section', fields: texts.slice(0, 10).map((text) => ({ type: 'mrkdwn', text })) };
}

const byKey = (lines: OutcomeLine[], key: string): OutcomeLine => lines.find((l) => l.key === key)!;

/** The headline figures over all time: one field each (the pulse's three shares in one). */
function outcomeFields(figures: ProgramOutcomes['overall']): string[] {
  const lines = outcomeLines(figures);
  const field = (key: string) => `*${byKey(lines, key).label}*\n${byKey(lines, key).text}`;
  return [
    field('objective_reached_pct'),
    field('satisfaction_mean'),
    field('recommendation_score'),
    field('confidence_change_median'),
    `*Pulse checks*\n${pulseText(figures)}`,
    field('advice_tried_pct'),
    field('advice_worked_pct'),
    field('did_it_stick_pct'),
  ];
}

const MONTH_FIGURES: Array<[key: string, short: string]> = [
  ['objective_reached_pct', 'objective reached'],
  ['satisfaction_mean', 'satisfaction'],
  ['recommendation_score', 'NPS'],
  ['pulse_going_well_pct', 'going well'],
  ['advice_tried_pct', 'advice tried'],
  ['did_it_stick_pct', 'still using it'],
];

/** One line per recent month with the figures that month has enough answers for. */
function overTimeText(outcomes: ProgramOutcomes, asOf: string): string {
  const months = new Map(outcomes.months.map((m) => [m.month, outcomeLines(m.figures)]));
  const rows = lastMonths(asOf, OUTCOME_MONTHS_SHOWN).map((month) => {
    const lines = months.get(month);
    const shown = lines ? MONTH_FIGURES.map(([key, short]) => [short, byKey(lines, key)] as const).filter(([, l]) => l.value !== null) : [];
    const text = shown.length > 0 ? shown.map(([short, l]) => `${short} ${l.text.replace(/ \(.*\)$/, '')}`).join(' · ') : lines ? NOT_ENOUGH_ANSWERS : 'no answers';
    return `• ${monthLabel(month)}: ${text}`;
  });
  return `*Over time*, by month of the answer\n${rows.join('\n')}`;
}

/** The outcome section of the report: five blocks. */
export function outcomeBlocks(outcomes: ProgramOutcomes, asOf: string): KnownBlock[] {
  return [header('Outcomes'), fields(outcomeFields(outcomes.overall)), section(overTimeText(outcomes, asOf)), context(FLOOR_NOTE)];
}

/** What `/mentor report` answers at once: today's figures; the charts and outcomes follow. */
export function reportAck(report: FullReport['health'], switcher: KnownBlock[] = []): Reply {
  const message = reportMessage(report);
  const [title, ...rest] = message.blocks!;
  return { ...message, blocks: [title!, ...switcher, ...rest, context(CHARTS_COMING)] };
}

/** The full report: the charts first (alt text carries their figures), the text report below. */
export function fullReportMessage(report: FullReport, images: readonly ChartImage[], chartsMissing: boolean, switcher: KnownBlock[] = []): Reply {
  const message = reportMessage(report.health);
  const [title, ...rest] = message.blocks!;
  return {
    text: message.text,
    blocks: [
      title!,
      ...switcher,
      ...images.map(chartImageBlock),
      ...(chartsMissing ? [context('Some charts could not be drawn or uploaded just now; `/mentor report` tries again.')] : []),
      ...rest,
      divider(),
      ...outcomeBlocks(report.outcomes, report.health.asOf),
    ],
  };
}

/** The admin Home's charts: today's cached images, under the program summary. */
export function homeChartBlocks(images: readonly ChartImage[]): KnownBlock[] {
  return images.map(chartImageBlock);
}
