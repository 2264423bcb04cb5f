import { settingsModal } from '../../../surfaces/settings-modal.ts';
import type { Subcommand } from './types.ts';

/** `/mentor settings` (admins): the program's rules in a modal. A refusal goes back via response_url. */
export const settings: Subcommand<unknown> = async ({ rt, actor, triggerId }) => {
  const program = await rt.services.settings.current(actor);
  await rt.client.views.open({ trigger_id: triggerId, view: settingsModal(program) });
  return undefined;
};
