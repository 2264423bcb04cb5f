import type { KnownBlock, ModalView, SectionBlock } from '@slack/types';
import { describeDay } from '../../domain/calendar.ts';
import { escapeMrkdwn, mention } from '../../domain/mrkdwn.ts';
import { oneDecimal, percent } from '../../domain/report-stats.ts';
import { sparkline } from '../../domain/sparkline.ts';
import { NOT_MET_IN_TIME } from '../../domain/plain-words.ts';
import type { StalledPair } from '../../domain/pair-health.ts';
import type { DeliveryFailure, ProgramReport } from '../../services/program-health-service.ts';
import type { ExportFile } from '../../services/report-service.ts';
import { context, divider, header, section } from './blocks.ts';
import type { Reply } from './help-message.ts';
import { modal } from './modal-parts.ts';
import { CALLBACK } from '../ids.ts';
import { proposalNote } from './review-messages.ts';

// Program health as admins see it: counts, dates and names of pairs, never what anyone wrote.


const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function fields(...texts: string[]): SectionBlock {
  return { type: 'section', fields: texts.slice(0, 10).map((text) => ({ type: 'mrkdwn', text })) };
}

function pairCountsText(r: Pick<ProgramReport, 'pairs'>): string {
  return `${r.pairs.active} active · ${r.pairs.paused} paused · ${r.pairs.ended} ended`;
}

/** The figures as section fields: the same on the report and on the admin's Home. */
function figureFields(r: ProgramReport): string[] {
  const { loops, usefulness } = r;
  const closure =
    loops.closureRate === null
      ? 'no advice recorded yet'
      : `${percent(loops.closureRate)} closed${loops.medianDaysToClose === null ? '' : ` · median ${plural(Number(oneDecimal(loops.medianDaysToClose)), 'day')} to close`}`;
  return [
    `*Pairings*\n${pairCountsText(r)}`,
    `*Met within their cadence*\n${r.metWithinCadence} of ${plural(r.pairs.active, 'active pairing')}`,
    `*Sessions, last 30 days*\n${r.recentSessions}`,
    `*Mean session usefulness*\n${usefulness.mean === null ? 'no ratings yet' : `${oneDecimal(usefulness.mean)} / 5 (${usefulness.rated} rated)`}`,
    `*Advice loops*\n${loops.closed} closed · ${loops.open} open`,
    `*Loop closure*\n${closure}`,
    `*Goals*\n${r.goals.set} set · ${r.goals.achieved} achieved`,
    `*Reviews due, next 30 days*\n${r.reviewsDue.length}`,
    `*Delivery failures, last 30 days*\n${r.deliveryFailures.length}`,
  ];
}

/** The bars and, beside them, the weekly numbers they stand for, oldest first. */
export function trendLine(weeks: readonly number[]): string {
  return `\`${sparkline(weeks)}\`  ${weeks.join(' ')}`;
}

function trendText(r: ProgramReport): string {
  const range = `${describeDay(r.trend.from, r.asOf)} – ${describeDay(r.trend.to, r.asOf)}`;
  return `*Sessions per week*, last ${r.trend.weeks.length} weeks (${range})\n${trendLine(r.trend.weeks)}`;
}

/** The first `max` of the stalled pairings listed; `total` counts them all. */
export function stalledText(stalled: readonly StalledPair[], total: number, max: number): string {
  if (total === 0) return `*${NOT_MET_IN_TIME}*: none. :tada:`;
  const lines = stalled
    .slice(0, max)
    .map((s) => `• ${mention(s.mentorId)} → ${mention(s.menteeId)}: ${s.daysSinceLast} days since ${s.lastSessionOn ? 'the last session' : 'pairing, no session yet'}`);
  if (total > max) lines.push(`…and ${total - max} more`);
  return `*${NOT_MET_IN_TIME}* (no session for their rhythm plus the extra days before a reminder)\n${lines.join('\n')}`;
}

export function failuresText(failures: readonly DeliveryFailure[], period: string): string {
  const lines = failures.slice(0, 10).map((f) => `• ${mention(f.recipient_id)}: \`${escapeMrkdwn(f.last_error ?? 'unknown')}\``);
  if (failures.length > 10) lines.push(`…and ${failures.length - 10} more`);
  return `*Reminders I could not deliver* (${period})\n${lines.join('\n')}`;
}

function reviewsText(r: ProgramReport): string {
  if (r.reviewsDue.length === 0) return '*Reviews due in the next 30 days*: none.';
  const lines = r.reviewsDue.slice(0, 20).map((v) => `• ${mention(v.mentorId)} → ${mention(v.menteeId)}: ${describeDay(v.reviewOn, r.asOf)}${v.reviewOn < r.asOf ? ' (overdue)' : ''}${proposalNote(v.proposal)}`);
  if (r.reviewsDue.length > 20) lines.push(`…and ${r.reviewsDue.length - 20} more`);
  return `*Reviews due in the next 30 days*\n${lines.join('\n')}`;
}

/**
 * The admin tail of Home and `/mentor status`: program health's figures in four blocks at most,
 * so the pair cards above keep their room.
 */
export function programSummaryBlocks(r: ProgramReport & { feedbackNotes: number }): KnownBlock[] {
  return [
    fields(...figureFields(r), `*Feedback notes*\n${r.feedbackNotes}`),
    section(trendText(r)),
    section(stalledText(r.stalled, r.stalledCount, 15)),
    ...(r.deliveryFailures.length > 0 ? [section(failuresText(r.deliveryFailures, 'last 30 days'))] : []),
  ];
}

/** The full report, under ten blocks whatever the program's size (lists are capped in their section). */
export function reportBlocks(r: ProgramReport): KnownBlock[] {
  return [
    context(`As of ${describeDay(r.asOf, r.asOf)} · counts and dates only: no session notes, advice or outcomes.`),
    fields(...figureFields(r)),
    section(trendText(r)),
    divider(),
    section(stalledText(r.stalled, r.stalledCount, 30)),
    section(reviewsText(r)),
    ...(r.deliveryFailures.length > 0 ? [section(failuresText(r.deliveryFailures, 'last 30 days'))] : []),
    context('`/mentor export` sends you the program data as CSV files.'),
  ];
}

export function reportMessage(r: ProgramReport): Reply {
  return {
    text: `Program report: ${plural(r.pairs.active, 'active pairing')}, ${r.stalledCount} not met in time, ${plural(r.recentSessions, 'session')} in the last 30 days.`,
    blocks: [header('Program report'), ...reportBlocks(r)],
  };
}

/** The report in a modal (the digest's *Open report*); `programName` when the admin runs several programs. */
export function reportModal(r: ProgramReport, programName?: string): ModalView {
  const named = programName === undefined ? [] : [context(`*Program:* ${escapeMrkdwn(programName)}`)];
  return modal(CALLBACK.report, 'Program report', undefined, [...named, ...reportBlocks(r)]);
}

export const EXPORT_PREPARING = "Preparing your export… I'll send the CSV files to our DM in a moment.";

const EXPORT_PRIVACY = 'Counts, dates and ids only: no session notes, advice or outcome text, and a goal title only where the pair agreed to celebrate it publicly.';

/** The message the files arrive with in the admin's DM. */
export function exportComment(files: readonly ExportFile[], today: string): string {
  return `:bar_chart: Your mentoring program export for ${describeDay(today, today)}: ${plural(files.length, 'CSV file')}. ${EXPORT_PRIVACY}`;
}

export function exportDelivered(files: readonly ExportFile[]): Reply {
  const list = files.map((f) => `\`${f.filename}\` (${plural(f.rows, 'row')})`).join(', ');
  return { text: `:white_check_mark: Your export is in our DM: ${list}. ${EXPORT_PRIVACY}` };
}

/** A failed upload, in words an admin can act on; `code` is Slack's error when it gave one. */
export function exportFailed(code: string | undefined): Reply {
  if (code === 'missing_scope' || code === 'not_allowed_token_type' || code === 'no_permission') {
    return { text: `:warning: I couldn't upload your export: Slack refused (\`${code}\`). The app needs the \`files:write\` permission; ask a workspace admin to reinstall it from its manifest. Nothing was shared.` };
  }
  const why = code ? `Slack answered \`${escapeMrkdwn(code)}\`` : 'the upload to Slack did not go through';
  return { text: `:warning: I couldn't upload your export: ${why}. Nothing was shared; please try \`/mentor export\` again in a minute.` };
}
