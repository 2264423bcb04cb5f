import type { KnownBlock } from '@slack/types';
import { describeDayOf } from '../../domain/calendar.ts';
import { explainChoice, growthWords } from '../../domain/mentee-choice.ts';
import { escapeMrkdwn, mention } from '../../domain/mrkdwn.ts';
import type { MatchRequest, MemberProfile, MenteeChoices, Program } from '../../services/matching-service.ts';
import { CHOICE_ACTION, CHOICES_BLOCK, REQUEST_BLOCK } from '../ids.ts';
import { actions, button, context, section } from './blocks.ts';
import type { Reply } from './help-message.ts';

const USER = '[UW][A-Z0-9]{2,20}';
const ASK_VALUE = new RegExp(`^(\\d{1,9}):(${USER})$`);

/** What an *Ask* button carries: the program and the mentor. */
export function askValue(programId: number, mentorId: string): string {
  return `${programId}:${mentorId}`;
}

export function parseAskValue(value: string | undefined): { programId: number; mentorId: string } | undefined {
  const m = ASK_VALUE.exec(value ?? '');
  return m ? { programId: Number(m[1]), mentorId: m[2]! } : undefined;
}

const programName = (program: Program) => `*${escapeMrkdwn(program.name)}*`;
const skills = (list: readonly string[]) => list.map((s) => escapeMrkdwn(s));

/** A button that shows the mentee's suggestions again, in a program. */
export function showSuggestionsButton(programId: number) {
  return button('Show my suggestions', CHOICE_ACTION.show, String(programId));
}

/**
 * A mentee's three suggested mentors, each explained in plain words, with an *Ask* button each; or
 * why there is nothing to choose (a request is waiting, they have a mentor, nobody fits right now).
 * `opening` leads the message (after joining, or after a mentor declined).
 */
export function menteeChoicesMessage(view: MenteeChoices, opts: { opening?: string; now: Date; tz?: string | null } ): Reply {
  const lead = opts.opening ? [opts.opening] : [];
  const where = programName(view.program);
  if (view.state === 'paired') {
    const text = `You already have a mentor in ${where}. \`/mentor status\` shows your pairing.`;
    return { text, blocks: [section([...lead, text].join('\n'))] };
  }
  if (view.state === 'pending') {
    const r = view.request;
    const text = `You asked ${mention(r.mentor_id)} to be your mentor in ${where} on ${describeDayOf(r.created_at, opts.tz, opts.now)}, and they haven’t answered yet. I’ll tell you as soon as they do; then you can ask someone else if you need to.`;
    return { text, blocks: [section([...lead, text].join('\n'))] };
  }
  if (view.choices.length === 0) {
    const text = `Right now no mentor in ${where} with a place left offers what you want to grow. Program admins can see you’re waiting; you can also add skills with \`/mentor join\` and look again later.`;
    return { text, blocks: [section([...lead, text].join('\n')), actions(CHOICES_BLOCK, showSuggestionsButton(view.program.id))] };
  }
  const text = `Choose your mentor in ${view.program.name}: ${view.choices.length === 1 ? 'one suggestion' : `${view.choices.length} suggestions`}.`;
  const blocks: KnownBlock[] = [
    section([...lead, `*Choose your mentor* in ${where}. Here ${view.choices.length === 1 ? 'is the mentor who fits' : `are the ${view.choices.length} mentors who fit`} what you want to grow best:`].join('\n')),
    ...view.choices.map((c, i) =>
      section(`${i + 1}. ${explainChoice({ name: mention(c.mentorId), covered: skills(c.fit.covered), gap: skills(c.fit.gap), placesLeft: c.placesLeft })}`),
    ),
    actions(CHOICES_BLOCK, ...view.choices.slice(0, CHOICE_ACTION.ask.length).map((c, i) => button(`Ask ${c.name}`, CHOICE_ACTION.ask[i]!, askValue(view.program.id, c.mentorId)))),
    context('The mentor you ask gets what you want to grow and accepts or declines. You can ask one mentor at a time.'),
  ];
  return { text, blocks };
}

/** What the mentee hears once their request is on its way. */
export function requestSentText(mentorId: string): string {
  return `I’ve asked ${mention(mentorId)} for you. They can accept or decline; I’ll DM you either way, and if they accept you both get a kickoff message. Until they answer you can’t ask another mentor.`;
}

/** The mentor's DM: who asks, what they want to grow, and *Accept* / *Decline*. */
export function mentorRequestMessage(request: MatchRequest, program: Program, mentee: Pick<MemberProfile, 'skills' | 'gap'>): Reply {
  const who = mention(request.mentee_id);
  const wants = growthWords({ skills: skills(mentee.skills), gap: escapeMrkdwn(mentee.gap) });
  const text = `${who} would like you as their mentor in ${program.name}.`;
  return {
    text,
    blocks: [
      section(`:raised_hand: *${who} would like you as their mentor* in ${programName(program)}${wants ? `: ${wants}` : '.'}`),
      actions(`${REQUEST_BLOCK}_${request.id}`, button('Accept', CHOICE_ACTION.accept, String(request.id), 'primary'), button('Decline', CHOICE_ACTION.decline, String(request.id))),
      context(`Accepting pairs you at once, within your capacity, and you both get a kickoff message. Declining is fine: ${who} is shown other mentors.`),
    ],
  };
}

/** The opening of the mentee's new suggestions after a mentor declined or was full. */
export function notThisTimeOpening(mentorId: string, why: 'declined' | 'full'): string {
  return why === 'declined'
    ? `${mention(mentorId)} can’t take you on this time. That is about their time, not about you, and there are other good mentors.`
    : `${mention(mentorId)} has no place left right now, so I couldn’t pair you. Please pick another mentor.`;
}
