import type { KnownBlock } from '@slack/types';
import { describeDays } from '../../domain/durations.ts';
import { dayIn, describeDay } from '../../domain/calendar.ts';
import { escapeMrkdwn, mention, truncate } from '../../domain/mrkdwn.ts';
import { REVERSE_PAIRING } from '../../domain/plain-words.ts';
import type { AdviceItem } from '../../services/advice-service.ts';
import type { Pair } from '../../services/pair-service.ts';
import { ACTION, kickoffActionsBlockId } from '../ids.ts';
import { actions, button, context, section } from './blocks.ts';
import type { Reply } from './help-message.ts';
import { OUTCOME_LABELS } from './loop-modal.ts';

/** The kickoff both people receive when an admin pairs them. */
export function kickoffMessage(pair: Pair, recipientId: string): Reply {
  const isMentor = recipientId === pair.mentor_id;
  const partner = mention(isMentor ? pair.mentee_id : pair.mentor_id);
  const reverseRole = isMentor ? `you are the mentor, sharing what you know best with ${partner}.` : `${partner} is your mentor, sharing what they know best with you.`;
  const reverse = pair.kind === 'reverse' ? ` ${REVERSE_PAIRING} Here ${reverseRole}` : '';
  const opening = isMentor ? `You've been paired to mentor ${partner}.` : `You've been paired with ${partner} as your mentor.`;
  const blocks: KnownBlock[] = [
    section(`:wave: *${opening}*${reverse}`),
    section(
      [
        'Before your first session, agree together on:',
        '• *Objective*: what this mentoring should change, tied to real work',
        `• *Cadence*: the program suggests a session every ${describeDays(pair.cadence_days)}; 60–90 minutes works well`,
        '• *Logistics*: where you meet and who sends the invite',
      ].join('\n'),
    ),
    actions(kickoffActionsBlockId(pair.id), button('Set the first goal', ACTION.openGoal, String(pair.id), 'primary'), button('Log the first session', ACTION.openLog, String(pair.id))),
    context(`Review on ${describeDay(pair.review_on, dayIn(pair.started_at, 'UTC'))}. Notes you log are visible only to the two of you.`),
  ];
  return { text: `${opening} Agree on an objective, cadence and logistics, then set your first goal.`, blocks };
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
