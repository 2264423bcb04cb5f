import type { KnownBlock } from '@slack/types';
import { describeDays } from '../../domain/durations.ts';
import { dayIn, describeDay } from '../../domain/calendar.ts';
import { escapeMrkdwn, mention, truncate } from '../../domain/mrkdwn.ts';
import { REVERSE_PAIRING } from '../../domain/plain-words.ts';
import type { AdviceItem } from '../../services/advice-service.ts';
import type { Pair } from '../../services/pair-service.ts';
import type { KickoffIntro } from '../../services/matching-service.ts';
import { growthWords, wordList } from '../../domain/mentee-choice.ts';
import { ACTION, kickoffActionsBlockId } from '../ids.ts';
import { actions, button, context, section } from './blocks.ts';
import type { Reply } from './help-message.ts';
import { OUTCOME_LABELS } from './loop-modal.ts';

/** One person in the kickoff's introductions: their role, and what they want to grow or offer. */
function introLine(userId: string, role: 'mentor' | 'mentee', about: string): string {
  return `• ${mention(userId)}, the ${role}${about ? `: ${about}` : ''}`;
}

/**
 * The kickoff both people receive when they are paired (by an admin, a match or an accepted request):
 * who is who, what the mentee wants to grow and what the mentor offers (from their profiles, when they
 * have one), the program and its rhythm, and the first steps.
 */
export function kickoffMessage(pair: Pair, recipientId: string, intro?: KickoffIntro): Reply {
  const isMentor = recipientId === pair.mentor_id;
  const partner = mention(isMentor ? pair.mentee_id : pair.mentor_id);
  const reverseRole = isMentor ? `you are the mentor, sharing what you know best with ${partner}.` : `${partner} is your mentor, sharing what they know best with you.`;
  const reverse = pair.kind === 'reverse' ? ` ${REVERSE_PAIRING} Here ${reverseRole}` : '';
  const opening = isMentor ? `You've been paired to mentor ${partner}.` : `You've been paired with ${partner} as your mentor.`;
  const esc = (list: readonly string[]) => list.map((s) => escapeMrkdwn(s));
  const mentee = intro?.mentee ? { skills: esc(intro.mentee.skills), gap: escapeMrkdwn(truncate(intro.mentee.gap, 500)) } : undefined;
  const offers = intro?.mentor ? esc([...intro.mentor.skills, ...intro.mentor.strengths]) : [];
  const rhythm = `${intro ? `*${escapeMrkdwn(intro.program.name)}*: meet` : 'Meet'} every ${describeDays(pair.cadence_days)}; 60–90 minutes works well.`;
  const blocks: KnownBlock[] = [
    section(`:wave: *${opening}*${reverse}`),
    section(
      [
        '*Who’s who*',
        introLine(pair.mentor_id, 'mentor', offers.length > 0 ? `offers ${wordList(offers)}` : ''),
        introLine(pair.mentee_id, 'mentee', growthWords(mentee)),
        rhythm,
      ].join('\n'),
    ),
    section(
      [
        '*First steps*',
        '1. *Agree your objective*: what this mentoring should change, tied to real work',
        '2. *Book the first session*: where you meet and who sends the invite',
        '3. *Set a first goal*: the button below',
      ].join('\n'),
    ),
    actions(kickoffActionsBlockId(pair.id), button('Set the first goal', ACTION.openGoal, String(pair.id), 'primary'), button('Log the first session', ACTION.openLog, String(pair.id))),
    context(`Review on ${describeDay(pair.review_on, dayIn(pair.started_at, 'UTC'))}. Notes you log are visible only to the two of you.`),
  ];
  return { text: `${opening} Agree your objective, book the first session and set a first goal.`, blocks };
}

/** What the mentor hears the moment a mentee closes the loop on their advice. */
export function loopClosedMessage(advice: AdviceItem, pair: Pair): Reply {
  // The labels speak as the mentee ("I tried it"); the mentor reads them in the third person.
  const outcome = (OUTCOME_LABELS[advice.outcome as keyof typeof OUTCOME_LABELS] ?? advice.outcome).replace(/^I /, 'They ');
  const lines = [
    `:repeat: *${mention(pair.mentee_id)} closed the loop on your advice*`,
    `>${escapeMrkdwn(truncate(advice.text, 500))}`,
    `*What they did:* ${outcome}`,
    ...(advice.outcome_text ? [`*What happened:* ${escapeMrkdwn(truncate(advice.outcome_text, 2000))}`] : []),
    ...(advice.usefulness ? [`*How useful:* ${'★'.repeat(advice.usefulness)}${'☆'.repeat(5 - advice.usefulness)} (${advice.usefulness}/5)`] : []),
  ];
  return {
    text: `${mention(pair.mentee_id)} closed the loop on your advice: ${outcome}.`,
    blocks: [section(lines.join('\n')), context('Ask them about it at your next session.')],
  };
}

export function pairEndedMessage(pair: Pair, recipientId: string, by: 'admin' | 'review' = 'admin'): Reply {
  const partner = mention(recipientId === pair.mentor_id ? pair.mentee_id : pair.mentor_id);
  const how = by === 'admin' ? 'has been concluded by a program admin' : 'was concluded at its review';
  const text = `Your pairing with ${partner} ${how}. Thank you for the time you gave each other!`;
  return {
    text,
    blocks: [
      section(`:checkered_flag: ${text}`),
      section('Take a moment for a wrap-up: what changed since you started, and what will you keep doing? A last session log, or a private note to admins with `/mentor feedback`, helps the program learn.'),
    ],
  };
}
