import type { KnownBlock } from '@slack/types';
import { describeDay } from '../../domain/calendar.ts';
import { escapeMrkdwn, mention, truncate } from '../../domain/mrkdwn.ts';
import type { PulseAnswer } from '../../domain/outcomes.ts';
import { NOT_MET_IN_TIME, notMetSince, piecesOfAdvice } from '../../domain/plain-words.ts';
import type { Nudge } from '../../scheduler/ports.ts';
import type { WeeklyDigest } from '../../services/digest-service.ts';
import type { NudgeTexts } from '../../services/nudge-message-service.ts';
import type { ProgramWrapUp } from '../../services/cohort-end-service.ts';
import { ACTION, BLOCK, FOLLOW_UP_ACTION, nudgeActionsBlockId, nudgeIdOfTextBlock, nudgeTextBlockId, partOfTextBlock, pulseButtonValue } from '../ids.ts';
import { adviceImpactItem, adviceImpactSubject, adviceImpactWords } from './advice-impact-message.ts';
import { actions, button, capBlocks, context, header, MAX_MESSAGE_BLOCKS, section } from './blocks.ts';
import { confidenceGoalSection, confidenceItem, confidenceSubject } from './confidence-message.ts';
import { programEndedItem, programEndedSubject, wrapUpItem, wrapUpSubject } from './cohort-end-messages.ts';
import { bookButton, didYouMeetItem, didYouMeetSubject, prepSubject, sessionPrepItem } from './booking-messages.ts';
import { waitingDigestBlocks } from './enrolment.ts';
import type { Reply } from './help-message.ts';
import { proposalNote } from './review-messages.ts';
import { didItStickItem, exitSurveyItem } from './survey-messages.ts';

type Detail = Record<string, any>;

function stalledItem(n: Nudge, d: Detail, today: string): KnownBlock[] {
  const since = notMetSince(d.lastOn, today, { still: d.repetition > 1 });
  return [
    section(`:hourglass_flowing_sand: *Your pairing with ${mention(d.partnerId)}*: ${since}. A short check-in keeps the momentum.`),
    actions(
      nudgeActionsBlockId(n.id),
      button('Log a session', ACTION.openLog, String(n.pair_id), 'primary'),
      button('We met', FOLLOW_UP_ACTION.weMet, String(n.pair_id)),
      button('Snooze 1 week', ACTION.snoozeStall, String(n.pair_id)),
      button('Pause pairing', ACTION.pausePair, String(n.pair_id)),
      bookButton(Number(n.pair_id)),
    ),
  ];
}

/** The quoted advice: built from the text read at compose time, under a block id that is not kept once sent. */
function loopSection(n: Nudge, d: Detail, texts: NudgeTexts): KnownBlock {
  const lead = d.reminder ? 'A last reminder: how did this advice' : 'How did this advice';
  const text = texts.advice.get(Number(d.adviceId));
  const quote = text ? `\n>${escapeMrkdwn(truncate(text, 500))}` : '';
  return { ...section(`:repeat: *${lead} from ${mention(d.mentorId)} go?*${quote}\nTelling them closes the loop.`), block_id: nudgeTextBlockId(n.id) };
}

function loopItem(n: Nudge, d: Detail, texts: NudgeTexts): KnownBlock[] {
  return [
    loopSection(n, d, texts),
    actions(
      nudgeActionsBlockId(n.id),
      button('Close the loop', ACTION.openLoop, String(d.adviceId), 'primary'),
      button('Not yet', ACTION.loopNotYet, String(d.adviceId)),
      button("Didn't apply", ACTION.loopDidntApply, String(d.adviceId)),
    ),
  ];
}

function goalSection(n: Nudge, d: Detail, texts: NudgeTexts, today: string): KnownBlock {
  const title = texts.goals.get(Number(d.goalId));
  const which = title ? `“${escapeMrkdwn(truncate(title, 150))}”` : 'your goal';
  return { ...section(`:dart: *The target date for ${which} was ${describeDay(d.targetDate, today)}.* Achieved it, need more time, or is it no longer the goal?`), block_id: nudgeTextBlockId(n.id) };
}

function goalItem(n: Nudge, d: Detail, texts: NudgeTexts, today: string): KnownBlock[] {
  return [
    goalSection(n, d, texts, today),
    actions(
      nudgeActionsBlockId(n.id),
      button('Achieved', ACTION.goalAchieved, String(d.goalId), 'primary'),
      button('New date', ACTION.goalNewDate, String(d.goalId)),
      button('Drop goal', ACTION.goalDrop, String(d.goalId)),
    ),
  ];
}

function reviewItem(n: Nudge, d: Detail, today: string): KnownBlock[] {
  return [
    section(`:mag: *Time for your pairing review with ${mention(d.partnerId)}* (due ${describeDay(d.reviewOn, today)}). Look back at what you achieved against the objective and decide together: continue, extend, or conclude.`),
    actions(nudgeActionsBlockId(n.id), button('Open review', ACTION.openReview, String(n.pair_id), 'primary')),
  ];
}

function pulseItem(n: Nudge, d: Detail): KnownBlock[] {
  const value = pulseButtonValue(Number(d.pairId), Number(d.day));
  return [
    section(`:thought_balloon: *How is your mentoring with ${mention(d.partnerId)} going?* (day ${Number(d.day)} of your pairing) Your answer is private: program admins only ever see totals.`),
    actions(
      nudgeActionsBlockId(n.id),
      button('Going well', ACTION.pulseGoingWell, value, 'primary'),
      button('Could be better', ACTION.pulseCouldBeBetter, value),
      button('Not working', ACTION.pulseNotWorking, value),
    ),
  ];
}

/** The partner of someone deactivated: told kindly, without why, and offered a new match. */
function partnerLeftItem(n: Nudge, d: Detail): KnownBlock[] {
  const wanted = d.role === 'mentee' ? 'mentor' : 'mentee';
  return [
    section(`:seedling: *Your pairing with ${mention(d.partnerId)} has come to a close*: they are no longer active in this workspace, so I have wrapped it up for you. Thank you for the time and care you put into it. Whenever you're ready, tell me what you're looking for and a program admin can match you with a new ${wanted}.`),
    actions(nudgeActionsBlockId(n.id), button(`Find me a new ${wanted}`, ACTION.findNewMatch, String(d.pairId), 'primary')),
  ];
}

export function digestBlocks(digest: WeeklyDigest, today: string): KnownBlock[] {
  const stalled = digest.stalled.slice(0, 15).map((s) => `• ${mention(s.mentorId)} → ${mention(s.menteeId)}: ${s.daysSinceLast} days since they met${s.escalated ? ' (all 4 reminders sent)' : ''}`);
  if (digest.stalledCount > 15) stalled.push(`…and ${digest.stalledCount - 15} more`);
  const reviews = digest.reviewsDue.slice(0, 10).map((r) => `• ${mention(r.mentorId)} → ${mention(r.menteeId)}: ${describeDay(r.reviewOn, today)}${proposalNote(r.proposal)}`);
  const failures = digest.deliveryFailures.slice(0, 10).map((f) => `• ${mention(f.recipient_id)}: \`${escapeMrkdwn(f.last_error ?? 'unknown')}\``);
  return [
    header(digest.programName ? `Your weekly mentoring digest: ${digest.programName}` : 'Your weekly mentoring digest'),
    section(`*This week*: ${digest.sessionsThisWeek} sessions logged · ${piecesOfAdvice(digest.loopsClosedThisWeek)} reported back on`),
    section(stalled.length > 0 ? `*${NOT_MET_IN_TIME}*\n${stalled.join('\n')}` : `*${NOT_MET_IN_TIME}*: none. :tada:`),
    section(reviews.length > 0 ? `*Reviews due in the next 30 days*\n${reviews.join('\n')}` : '*Reviews due in the next 30 days*: none.'),
    ...(failures.length > 0 ? [section(`*Messages I could not deliver*\n${failures.join('\n')}`)] : []),
    section(
      digest.unhandledFeedback > 0
        ? `*Feedback*: ${digest.unhandledFeedback === 1 ? '1 note' : `${digest.unhandledFeedback} notes`} waiting for an admin. They are on my Home tab, with *Mark handled* and *Reply privately*.`
        : '*Feedback*: no notes waiting.',
    ),
    ...(digest.waitingForMatch ? waitingDigestBlocks(digest.waitingForMatch.programId, digest.waitingForMatch.count) : []),
    actions(BLOCK.digestActions, button('Open report', ACTION.openReport, digest.programId === undefined ? 'digest' : String(digest.programId), 'primary')),
  ];
}

const DIGEST_SUBJECT = 'your weekly mentoring digest';

/** One DM holding every nudge due for a person today, each with its own buttons. */
export function nudgeMessage(nudges: Nudge[], today: string, texts: NudgeTexts, digest?: WeeklyDigest, wrapUps?: ReadonlyMap<number, ProgramWrapUp | undefined>): Reply {
  const blocks: KnownBlock[] = [];
  const subjects: string[] = [];
  for (const n of nudges) {
    const d = (n.detail ?? {}) as Detail;
    if (n.rule === 'stalled') blocks.push(...stalledItem(n, d, today)), subjects.push(`you and ${mention(d.partnerId)} haven't met since ${describeDay(d.lastOn, today)}`);
    if (n.rule === 'close_loop') blocks.push(...loopItem(n, d, texts)), subjects.push(`how did ${mention(d.mentorId)}'s advice go?`);
    if (n.rule === 'goal_date') blocks.push(...goalItem(n, d, texts, today)), subjects.push('a goal reached its target date');
    if (n.rule === 'review_due') blocks.push(...reviewItem(n, d, today)), subjects.push('your pairing review is due');
    if (n.rule === 'pulse') blocks.push(...pulseItem(n, d)), subjects.push(`how is your mentoring with ${mention(d.partnerId)} going?`);
    if (n.rule === 'advice_impact') blocks.push(...adviceImpactItem(n, texts.adviceImpact?.get(n.id))), subjects.push(adviceImpactSubject(texts.adviceImpact?.get(n.id)));
    if (n.rule === 'exit_survey') blocks.push(...exitSurveyItem(n, d)), subjects.push(`how did your pairing with ${mention(d.partnerId)} go?`);
    if (n.rule === 'did_it_stick') blocks.push(...didItStickItem(n, d)), subjects.push('are you still using what you learned?');
    if (n.rule === 'partner_left') blocks.push(...partnerLeftItem(n, d)), subjects.push(`your pairing with ${mention(d.partnerId)} has come to a close`);
    if (n.rule === 'session_prep') blocks.push(...sessionPrepItem(n, d, texts, today)), subjects.push(prepSubject(d));
    if (n.rule === 'did_you_meet') blocks.push(...didYouMeetItem(n, d, today)), subjects.push(didYouMeetSubject(d));
    if (n.rule === 'cohort_end') blocks.push(...wrapUpItem(n, d, today)), subjects.push(wrapUpSubject(d, today));
    if (n.rule === 'cohort_end_admin') {
      const wrapUp = wrapUps?.get(Number(d.programId));
      blocks.push(...programEndedItem(n, d, wrapUp, today)), subjects.push(programEndedSubject(wrapUp));
    }
    if (n.rule === 'confidence') {
      const item = confidenceItem(n, texts);
      if (item.length > 0) blocks.push(...item), subjects.push(confidenceSubject(n));
    }
    // Digests that piled up (weeks outside the admin's working hours) show the current one once.
    if (n.rule === 'admin_digest' && digest && !subjects.includes(DIGEST_SUBJECT)) blocks.push(...digestBlocks(digest, today)), subjects.push(DIGEST_SUBJECT);
  }
  blocks.push(context('You get at most one of these a day, in your working hours. `/mentor mute 1w` pauses them.'));
  const text = subjects.length === 1 ? `Mentoring: ${subjects[0]}` : `Mentoring: ${subjects.length} things need you (${subjects.join('; ')})`;
  return { text: truncate(text, 3000), blocks: capBlocks(blocks, MAX_MESSAGE_BLOCKS, 'More on my Home tab.') };
}


/** Private text is replaced by this in what a sent message keeps. */
const NOT_KEPT = '_…_';

/**
 * What a sent nudge message keeps for later updates: the same blocks, with every section that
 * quotes private text (advice, goal titles) emptied. `withPrivateText` puts the text back from ids.
 */
export function keptCopy(message: { text: string; blocks?: KnownBlock[] | undefined }): { text: string; blocks?: KnownBlock[] } {
  if (!message.blocks) return { text: message.text };
  return { text: message.text, blocks: message.blocks.map((b) => (nudgeIdOfTextBlock((b as { block_id?: string }).block_id) !== undefined ? { ...section(NOT_KEPT), block_id: (b as { block_id: string }).block_id } : b)) };
}

/** A kept copy's blocks with the private sections composed again from the nudges' ids and the texts read now. */
export function withPrivateText(blocks: KnownBlock[], nudges: Nudge[], texts: NudgeTexts, today: string): KnownBlock[] {
  const byId = new Map(nudges.map((n) => [n.id, n]));
  return blocks.map((b) => {
    const n = byId.get(nudgeIdOfTextBlock((b as { block_id?: string }).block_id) ?? NaN);
    if (!n) return b;
    const d = (n.detail ?? {}) as Detail;
    if (n.rule === 'close_loop') return loopSection(n, d, texts);
    if (n.rule === 'goal_date') return goalSection(n, d, texts, today);
    if (n.rule === 'advice_impact') return adviceImpactWords(n, texts.adviceImpact?.get(n.id));
    if (n.rule === 'session_prep') return sessionPrepItem(n, d, texts, today)[1]!;
    const goalId = partOfTextBlock((b as { block_id?: string }).block_id);
    if (n.rule === 'confidence' && goalId !== undefined) return confidenceGoalSection(n, goalId, texts);
    return b;
  });
}
