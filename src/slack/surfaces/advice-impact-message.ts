import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn, mention, truncate } from '../../domain/mrkdwn.ts';
import type { Nudge } from '../../scheduler/ports.ts';
import type { AdviceImpact, ClosedAdvice } from '../../services/nudge-message-service.ts';
import { nudgeTextBlockId } from '../ids.ts';
import { section } from './blocks.ts';

/** "October 2026" for '2026-10'. */
export function monthName(month: string): string {
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

const pieces = (n: number) => (n === 1 ? '1 piece of advice' : `${n} pieces of advice`);

const REPORTED: Record<ClosedAdvice['outcome'], string> = {
  tried_worked: 'tried it and it worked',
  tried_didnt: "tried it and it didn't work",
  not_applicable: "it didn't apply in the end",
};

/** The figures, in plain words: "4 of the 6 pieces of advice your mentees reported back on were tried; 3 worked." */
export function adviceImpactSummary(impact: AdviceImpact): string {
  const lines = [`:bulb: *How your advice landed in ${monthName(impact.month)}*`];
  lines.push(impact.given > 0 ? `You gave ${pieces(impact.given)} in your pairings.` : 'You gave no new advice in your pairings.');
  if (impact.closed === 0) {
    lines.push('Your mentees have not reported back on any advice yet this month. Ask how it went at your next session.');
  } else {
    const of = impact.closed === 1 ? 'the 1 piece of advice your mentees reported back on was' : `the ${impact.closed} pieces of advice your mentees reported back on were`;
    lines.push(`*${impact.tried} of ${of} tried; ${impact.worked} worked.*`);
    if (impact.usefulnessMean !== null) lines.push(`They found it ${impact.usefulnessMean.toFixed(1)} of 5 useful on average.`);
  }
  return lines.join('\n');
}

/** The mentees' own words for the advice they reported back on: private to this mentor, never kept once sent. */
export function adviceImpactWords(n: Nudge, impact: AdviceImpact | undefined): KnownBlock {
  const reports = impact?.reports ?? [];
  const lines = reports.map((r) => {
    const words = r.outcomeText ? ` “${escapeMrkdwn(truncate(r.outcomeText, 200))}”` : '';
    const useful = r.usefulness ? ` (${r.usefulness}/5 useful)` : '';
    return `• ${mention(r.menteeId)} on _${escapeMrkdwn(truncate(r.text, 120))}_: ${REPORTED[r.outcome]}${useful}.${words}`;
  });
  const more = impact && impact.closed > reports.length ? [`…and ${impact.closed - reports.length} more.`] : [];
  const text = lines.length > 0 ? `*In your mentees' words*\n${[...lines, ...more].join('\n')}` : '_Nothing reported back this month._';
  return { ...section(text), block_id: nudgeTextBlockId(n.id) };
}

/** The monthly DM to a mentor about their own pairings: the figures, then their mentees' words. */
export function adviceImpactItem(n: Nudge, impact: AdviceImpact | undefined): KnownBlock[] {
  if (!impact) return [section(':bulb: *How your advice landed last month*: the figures are on my Home tab.')];
  return [section(adviceImpactSummary(impact)), adviceImpactWords(n, impact)];
}

/** The notification line for the monthly DM. */
export function adviceImpactSubject(impact: AdviceImpact | undefined): string {
  return impact ? `how your advice landed in ${monthName(impact.month)}` : 'how your advice landed last month';
}
