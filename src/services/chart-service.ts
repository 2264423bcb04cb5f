import { CHART_KINDS, type ChartKind } from '../charts/kinds.ts';
import { shareFigure, type ChartFigures, type OutcomeChartInput, type PulseMonth } from '../charts/figures.ts';
import type { RenderedChart } from '../charts/render.ts';
import { closureTrend } from '../domain/closure-trend.ts';
import { lastMonths, outcomeLines } from '../domain/outcome-lines.ts';
import { outcomeReport, type OutcomeInputs } from '../domain/outcomes.ts';
import { outcomeInputs } from '../db/repositories/surveys-repository.ts';
import { chartUpload, claimChartUpload, finishedChartUploads, completeChartUpload, pruneChartUploads, releaseChartUpload, type ChartKey } from '../db/repositories/chart-uploads-repository.ts';
import { loopDates } from '../db/repositories/report-repository.ts';
import type { Program } from '../db/schema.ts';
import type { ServiceDeps } from './context.ts';
import type { ProgramReport } from './program-health-service.ts';

/** Puts a rendered chart where Slack can show it and returns its file id (the Slack side of the upload). */
export type ChartUploader = (chart: RenderedChart, file: { kind: ChartKind; filename: string; title: string }) => Promise<string>;

/** A chart ready for an image block. */
export interface ChartImage {
  kind: ChartKind;
  fileId: string;
  alt: string;
}

export interface ChartImages {
  images: ChartImage[];
  /** Charts whose render or upload failed this time (their claim is released for the next request). */
  failed: Array<{ kind: ChartKind; error: unknown }>;
}

/** An unfinished claim older than this is taken to have died with its process, and is taken over. */
export const CHART_CLAIM_STALE_MS = 2 * 60_000;

/** Months of pulse answers the pulse chart shows, the report's month last. */
export const PULSE_CHART_MONTHS = 6;

/** The charts of a program's report: drawn from the report's figures, uploaded at most once a day. */
export class ChartService {
  constructor(private readonly deps: Pick<ServiceDeps, 'db' | 'clock'>) {}

  /** What the charts draw, from the report (and the advice loops' dates for closure over time). */
  async figures(program: Program, report: ProgramReport): Promise<ChartFigures> {
    const [dates, inputs] = await Promise.all([loopDates(this.deps.db, { programId: program.id, teamId: program.team_id }), outcomeInputs(this.deps.db, program.id)]);
    return {
      programName: program.name,
      asOf: report.asOf,
      sessions: report.trend,
      closure: closureTrend(dates, report.trend.to, report.trend.weeks.length),
      outcomes: {
        title: 'Rhythm, goals and advice',
        scale: 'percent',
        figures: [
          shareFigure('Pairs met within rhythm', report.metWithinCadence, report.pairs.active, 'no active pairs'),
          shareFigure('Goals achieved', report.goals.achieved, report.goals.set, 'no goals yet'),
          shareFigure('Advice loops closed', report.loops.closed, report.loops.closed + report.loops.open, 'no advice yet'),
        ],
      },
      pulse: pulseMonths(inputs, report.asOf),
      results: resultFigures(inputs),
    };
  }

  /** The charts already uploaded for the report's day, in chart order: what a Home shows without drawing anything. */
  async cached(program: Program, day: string, kinds: readonly ChartKind[] = CHART_KINDS): Promise<ChartImage[]> {
    const rows = await finishedChartUploads(this.deps.db, program.id, day);
    return kinds.flatMap((kind) => {
      const row = rows.find((r) => r.kind === kind);
      return row?.file_id ? [{ kind, fileId: row.file_id, alt: row.alt_text }] : [];
    });
  }

  /**
   * Today's image of each chart. A chart already uploaded today (the report's day) is reused; else
   * this call claims it, renders it and uploads it once. A chart someone else is making right now,
   * or whose render or upload failed, is left out: the text report stands without it.
   */
  async images(program: Program, report: ProgramReport, upload: ChartUploader, kinds: readonly ChartKind[] = CHART_KINDS): Promise<ChartImages> {
    let figures: Promise<ChartFigures> | undefined;
    const images: ChartImage[] = [];
    const failed: ChartImages['failed'] = [];
    for (const kind of kinds) {
      const key: ChartKey = { programId: program.id, kind, day: report.asOf };
      const cached = await chartUpload(this.deps.db, key);
      if (cached?.file_id) {
        images.push({ kind, fileId: cached.file_id, alt: cached.alt_text });
        continue;
      }
      const now = this.deps.clock.now();
      const claim = await claimChartUpload(this.deps.db, { ...key, teamId: program.team_id, claimedAt: now, staleBefore: new Date(now.getTime() - CHART_CLAIM_STALE_MS) });
      if (!claim) continue;
      try {
        figures ??= this.figures(program, report);
        // Vega and resvg load on the first chart drawn, not when the bot starts.
        const { renderChart } = await import('../charts/charts.ts');
        const chart = await renderChart(kind, await figures);
        const fileId = await upload(chart, { kind, filename: `${kind.replaceAll('_', '-')}-${report.asOf}.png`, title: `${chartTitle(kind)} (${report.asOf})` });
        if (await completeChartUpload(this.deps.db, { ...key, claimedAt: claim.claimed_at, fileId, altText: chart.alt })) {
          await pruneChartUploads(this.deps.db, key);
        }
        images.push({ kind, fileId, alt: chart.alt });
      } catch (error) {
        await releaseChartUpload(this.deps.db, { ...key, claimedAt: claim.claimed_at });
        failed.push({ kind, error });
      }
    }
    return { images, failed };
  }
}

/** The last months of pulse answers; a month under the 5-answer floor (or with none) has no shares. */
function pulseMonths(inputs: OutcomeInputs, asOf: string): PulseMonth[] {
  // The report's months: a month is hidden where the overall figure would give it away.
  const byMonth = new Map(outcomeReport(inputs).months.map((m) => [m.month, m.figures.pulse]));
  return lastMonths(asOf, PULSE_CHART_MONTHS).map((month) => {
    const d = byMonth.get(month);
    return { month, shares: d?.kind === 'distribution' ? d.shares : null };
  });
}

/** The survey figures over all time; shares as bars, the other scales as their text only. */
function resultFigures(inputs: OutcomeInputs): OutcomeChartInput {
  const lines = outcomeLines(outcomeReport(inputs).overall).filter((l) => !l.key.startsWith('pulse_'));
  return {
    title: 'Outcomes from the surveys',
    scale: 'percent',
    figures: lines.map((l) => ({ label: l.label, value: l.scale === 'percent' && l.value !== null ? l.value / 100 : null, text: l.text })),
  };
}

function chartTitle(kind: ChartKind): string {
  switch (kind) {
    case 'sessions_per_week':
      return 'Sessions per week';
    case 'loop_closure':
      return 'Advice loops closed';
    case 'pulse':
      return 'Pulse checks by month';
    case 'outcomes':
      return 'Rhythm, goals and advice';
    case 'results':
      return 'Outcomes from the surveys';
  }
}
