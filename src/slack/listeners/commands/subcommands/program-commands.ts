import type { MentorCommand } from '../../../../domain/command-parser.ts';
import { dayIn } from '../../../../domain/calendar.ts';
import { programModal } from '../../../surfaces/program-modal.ts';
import { archiveConfirmReply, programListReply } from '../../../surfaces/program-replies.ts';
import type { Subcommand } from './types.ts';

/** `/mentor program new`: the empty program modal. A refusal goes back via response_url. */
export const programNew: Subcommand<unknown> = async ({ rt, actor, triggerId }) => {
  const template = await rt.services.programs.templateForNew(actor);
  await rt.client.views.open({ trigger_id: triggerId, view: programModal({ template, adminIds: [] }) });
  return undefined;
};

/** `/mentor program edit <name>`: the same modal, filled in. */
export const programEdit: Subcommand<Extract<MentorCommand, { kind: 'program-edit' }>> = async ({ rt, actor, triggerId }, command) => {
  const { program, adminIds } = await rt.services.programs.forEdit(actor, command.name);
  await rt.client.views.open({ trigger_id: triggerId, view: programModal({ program, adminIds, template: program }) });
  return undefined;
};

export const programList: Subcommand<unknown> = async ({ rt, actor }) =>
  programListReply(await rt.services.programs.list(actor), dayIn(rt.clock.now(), 'UTC'));

/** `/mentor program archive <name>`: asks first; the button archives. */
export const programArchive: Subcommand<Extract<MentorCommand, { kind: 'program-archive' }>> = async ({ rt, actor }, command) =>
  archiveConfirmReply(await rt.services.programs.toArchive(actor, command.name));
