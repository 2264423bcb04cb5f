import { openDeleteMyDataModal } from '../../../modal-openers.ts';
import { MY_DATA_PREPARING } from '../../../surfaces/personal-data.ts';
import { deliverMyData } from '../../personal-data/my-data-upload.ts';
import type { Subcommand } from './types.ts';

/** `/mentor my-data`: acked at once, the file follows in the person's DM. */
export const myData: Subcommand<unknown> = async ({ rt, actor }) => ({ text: MY_DATA_PREPARING, afterAck: () => deliverMyData(rt, actor) });

/** `/mentor delete-my-data`: the confirmation modal; nothing is deleted until it is submitted. */
export const deleteMyData: Subcommand<unknown> = async ({ rt, triggerId }) => {
  await openDeleteMyDataModal(rt, triggerId);
  return undefined;
};
