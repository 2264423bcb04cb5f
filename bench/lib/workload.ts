// The people, secrets and request bodies every part of the benchmark shares: what Slack would
// send for `/mentor status`, `/mentor log` and the log modal's submission.
import { commandPayload, signBody, viewSubmissionPayload } from '../../test/helpers/slack-requests.ts';
import { CALLBACK, FIELD, INPUT_ACTION } from '../../src/slack/ids.ts';

export const SIGNING_SECRET = 'benchsigningsecret0123456789abcd';
export const BOT_TOKEN = 'xoxb-bench-token';
export const TEAM = 'T1';

export const PEOPLE = {
  admin: { id: 'UADMIN01', real_name: 'Ada Admin', is_admin: true, tz: 'Europe/London', team_id: TEAM },
  mentor: { id: 'UMENTOR01', real_name: 'Maya Mentor', tz: 'America/New_York', team_id: TEAM },
  mentee: { id: 'UMENTEE01', real_name: 'Theo Mentee', tz: 'Europe/Berlin', team_id: TEAM },
};

/** Both members of the pair act, alternately. */
export const ACTORS = [PEOPLE.mentor.id, PEOPLE.mentee.id];

export const PAIR_COMMAND = `pair <@${PEOPLE.mentor.id}|maya> <@${PEOPLE.mentee.id}|theo>`;

export type Kind = 'status' | 'log_command' | 'log_submit' | 'admin_status';
export const KINDS: Kind[] = ['status', 'log_command', 'log_submit', 'admin_status'];
export const KIND_LABEL: Record<Kind, string> = { status: '/mentor status', log_command: '/mentor log', log_submit: 'log_modal submit', admin_status: 'admin /mentor status' };

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

export function commandBody(userId: string, text: string): string {
  return form(commandPayload({ text, user_id: userId, team_id: TEAM }));
}

/** Three days ago: in the past in every time zone, so the form accepts it. */
export function pastDay(now = Date.now()): string {
  return new Date(now - 3 * 86_400_000).toISOString().slice(0, 10);
}

/** view.state.values as Slack sends them for a filled-in log modal (empty optional inputs are null). */
export function logValues(heldOn: string): Record<string, Record<string, any>> {
  const input = (value: string | null) => ({ [INPUT_ACTION]: { type: 'plain_text_input', value } });
  return {
    [FIELD.heldOn]: { [INPUT_ACTION]: { type: 'datepicker', selected_date: heldOn } },
    [FIELD.minutes]: input('45'),
    [FIELD.topics]: input('Career planning; code review habits'),
    [FIELD.notes]: input(null),
    [FIELD.advice]: input('Block an hour each week for deep work'),
    [FIELD.commitments]: input(null),
    [FIELD.usefulness]: {
      [INPUT_ACTION]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: '4' }, value: '4' } },
    },
  };
}

export function logSubmissionBody(userId: string, pairId: number, heldOn: string): string {
  const payload = viewSubmissionPayload({
    user_id: userId,
    team_id: TEAM,
    callback_id: CALLBACK.log,
    private_metadata: JSON.stringify({ pairId }),
    values: logValues(heldOn),
  });
  return form({ payload: JSON.stringify(payload) });
}

/** The request of one kind; an admin's status is always the admin's, whoever `userId` names. */
export function bodyFor(kind: Kind, userId: string, pairId: number, heldOn: string): string {
  if (kind === 'admin_status') return commandBody(PEOPLE.admin.id, 'status');
  if (kind === 'status') return commandBody(userId, 'status');
  if (kind === 'log_command') return commandBody(userId, 'log');
  return logSubmissionBody(userId, pairId, heldOn);
}

/** Headers Slack sends with a signed form post, signed now. */
export function signedHeaders(body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(Buffer.byteLength(body)),
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signBody(SIGNING_SECRET, body, timestamp),
  };
}

/** Whether the bot's ack is the answer it should be (the bare app answers with an empty body). */
export function ackLooksRight(kind: Kind, text: string): boolean {
  if (kind === 'status') return text.includes("You're in 1 pairing");
  if (kind === 'admin_status') return text.includes('Program health') && text.includes('Stalled pairings');
  if (kind === 'log_command') return true; // an empty ack: the modal opens afterwards
  return text.includes('"response_action":"update"') && text.includes('Session logged');
}
