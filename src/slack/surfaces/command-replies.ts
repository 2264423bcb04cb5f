import { describeDay } from '../../domain/calendar.ts';
import { escapeMrkdwn, mention, truncate } from '../../domain/mrkdwn.ts';
import { adviceToReportBack } from '../../domain/plain-words.ts';
import type { AdminList } from '../../services/admin-service.ts';
import { ACTION } from '../ids.ts';
import { button, capBlocks, context, header, MAX_MESSAGE_BLOCKS, section } from './blocks.ts';
import type { Reply } from './help-message.ts';

/** `/mentor loops`: the advice the mentee still owes their mentors an answer on, each with its button. */
export function openLoopsReply(open: Array<{ advice: { id: number; text: string; follow_up_on: string }; pair: { mentor_id: string } }>, today: string): Reply {
  if (open.length === 0) {
    return { text: "You have no advice to report back on. When a session log records advice you received, it shows up here so you can tell your mentor how it went." };
  }
  const blocks = [
    header('Advice to report back on'),
    ...open.map(({ advice, pair }) =>
      section(
        `>${escapeMrkdwn(truncate(advice.text, 500))}\nfrom ${mention(pair.mentor_id)} · follow up ${describeDay(advice.follow_up_on, today)}`,
        button('Close the loop', ACTION.openLoop, String(advice.id)),
      ),
    ),
    context('Closing the loop tells your mentor what happened when you used their advice.'),
  ];
  return { text: `You have ${adviceToReportBack(open.length)}.`, blocks: capBlocks(blocks, MAX_MESSAGE_BLOCKS, 'More on my Home tab.') };
}

/** `/mentor admins`: who the program admins are, and how to add one. */
export function adminListReply(list: AdminList): Reply {
  const workspace = list.workspaceAdmins.length > 0 ? list.workspaceAdmins.map(mention).join(', ') : 'none seen yet';
  const granted = list.grantedAdmins.length > 0 ? list.grantedAdmins.map(mention).join(', ') : 'none';
  const several = (list.choices?.length ?? 0) > 1 && list.program;
  const title = several ? `*Admins of ${escapeMrkdwn(list.program!.name)}*` : '*Program admins*';
  return { text: `${title}\n• Workspace admins and owners: ${workspace}\n• Granted: ${granted}\nGrant with \`/mentor admins add @person${several ? ` ${escapeMrkdwn(list.program!.name)}` : ''}\`.` };
}
