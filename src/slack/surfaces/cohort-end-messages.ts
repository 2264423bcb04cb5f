import type { KnownBlock, ModalView } from '@slack/types';
import { describeDay } from '../../domain/calendar.ts';
import { escapeMrkdwn, mention } from '../../domain/mrkdwn.ts';
import type { Nudge } from '../../scheduler/ports.ts';
import type { CarriedOver, CarryOverChoices, ProgramWrapUp } from '../../services/cohort-end-service.ts';
import { ACTION, CARRY_OVER_CALLBACK, CARRY_OVER_FIELD, nudgeActionsBlockId, PROGRAM_ACTION } from '../ids.ts';
import { actions, button, context, option, section } from './blocks.ts';
import { postedLine, suggestionMessage } from './celebration-messages.ts';
import { modal, selectInput, type ModalMetadata } from './modal-parts.ts';
import { reportBlocks } from './report-view.ts';

type Detail = Record<string, any>;

const pairings = (n: number) => (n === 1 ? '1 pairing' : `${n} pairings`);

/** "Spring cohort ends on Mon 31 May: time to wrap up". */
export function wrapUpSubject(d: Detail, today: string): string {
  return `${d.programName} ends on ${describeDay(d.endsOn, today)}: time to wrap up`;
}

/** A member's pairing in a program that ends: the review, where the two choose to conclude (or go on). */
export function wrapUpItem(n: Nudge, d: Detail, today: string): KnownBlock[] {
  return [
    section(
      `:mortar_board: *${escapeMrkdwn(wrapUpSubject(d, today))}* with ${mention(d.partnerId)}. Look back together at what you set out to do and what you achieved, then choose in the review: conclude, or continue or extend if you both want more time.`,
    ),
    actions(nudgeActionsBlockId(n.id), button('Open review', ACTION.openReview, String(n.pair_id), 'primary')),
  ];
}

export function programEndedSubject(wrapUp: ProgramWrapUp | undefined): string {
  return wrapUp ? `${wrapUp.program.name} has ended: its graduation shout-out and final report` : 'a program has ended';
}

/**
 * The admins' end-of-program item: the graduation shout-out draft (only people who consented are
 * named; *Post to #channel* as for every suggestion), the final report, and *Carry over pairings*
 * while some still run.
 */
export function programEndedItem(n: Nudge, d: Detail, wrapUp: ProgramWrapUp | undefined, today: string): KnownBlock[] {
  if (!wrapUp) return [section(':mortar_board: A program you ran has ended; it no longer exists, so there is nothing more to show.')];
  const { program, graduation, report, running } = wrapUp;
  const name = escapeMrkdwn(program.name);
  const blocks: KnownBlock[] = [section(`:mortar_board: *${name} ended on ${describeDay(String(d.endsOn), today)}.* Its graduation shout-out and final report are below.`)];
  if (graduation) {
    blocks.push(...suggestionMessage(graduation, graduation.message_ts ? { done: postedLine(graduation) } : {}).blocks!.slice(1));
  } else {
    blocks.push(section(`*Graduation shout-out*: nobody in ${name} said it's OK to celebrate a goal publicly, so there is no one to name. ${wrapUp.unnamed === 1 ? '1 person' : `${wrapUp.unnamed} people`} took part.`));
  }
  blocks.push(section(`*Final report of ${name}*`), ...reportBlocks(report).slice(0, -1));
  if (running > 0) {
    blocks.push(
      section(`${pairings(running)} of ${name} ${running === 1 ? 'is' : 'are'} still running: each member got a message to wrap up with a review. To keep ${running === 1 ? 'it' : 'them'} going in another program instead, carry ${running === 1 ? 'it' : 'them'} over.`),
      actions(nudgeActionsBlockId(n.id), button('Carry over pairings', PROGRAM_ACTION.carryOver, String(program.id))),
    );
  } else if (!program.is_default) {
    blocks.push(context('Every pairing has ended, so the program is archived: it takes nobody new.'));
  }
  return blocks;
}

/** *Carry over pairings*: the other running programs the admin runs. */
export function carryOverModal(choices: CarryOverChoices, meta: ModalMetadata): ModalView {
  const { from, running, targets } = choices;
  return modal(
    CARRY_OVER_CALLBACK,
    'Carry over pairings',
    'Move them',
    [
      section(`${pairings(running)} of *${escapeMrkdwn(from.name)}* ${running === 1 ? 'is' : 'are'} still running. They move with their goals, sessions, advice and reminders, and get no wrap-up from ${escapeMrkdwn(from.name)}.`),
      selectInput(CARRY_OVER_FIELD.target, 'Into which program?', targets.map((p) => option(p.name, String(p.id))), { placeholder: 'Choose a program' }),
    ],
    { ...meta, programId: from.id },
  );
}

export function carriedOverText(done: CarriedOver): string {
  return `Moved ${pairings(done.moved)} from *${escapeMrkdwn(done.from.name)}* into *${escapeMrkdwn(done.to.name)}*. They carry on there, with everything they had.`;
}
