import { charLength } from '../../domain/mrkdwn.ts';
import { INPUT_ACTION } from '../ids.ts';
import { CELEBRATE_FIELD } from '../ids.ts';
import { CELEBRATION_LIMITS } from '../surfaces/celebration-modal.ts';
import type { CelebrateMetadata } from '../surfaces/celebration-modal.ts';
import { selected, text, type FormResult, type ViewValues } from './view-values.ts';

export interface CelebrateInput {
  people: string[];
  channelId: string;
  message: string;
  /** `goal:7` / `pair:3`, re-checked against what may be mentioned publicly. */
  milestone: string | null;
  meta: CelebrateMetadata;
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
// Public channels; a G… id is a legacy private channel, which Slack answers for itself.
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
const MILESTONE = /^(goal|pair):\d{1,9}$/;

/** The element states this modal has beyond the shared ViewValues shape. */
type PickerState = { selected_users?: string[] | null; selected_conversation?: string | null };

function picker(values: ViewValues, field: string): PickerState {
  return (values[field]?.[INPUT_ACTION] ?? {}) as PickerState;
}

/** private_metadata comes back from the client: parse defensively, trust nothing in it. */
export function celebrateMetadata(raw: string | undefined): CelebrateMetadata {
  try {
    const parsed = JSON.parse(raw ?? '{}') as Record<string, unknown>;
    const out: CelebrateMetadata = {};
    const id = parsed.celebrationId;
    if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) out.celebrationId = id;
    const programId = parsed.programId;
    if (typeof programId === 'number' && Number.isSafeInteger(programId) && programId > 0) out.programId = programId;
    const m = parsed.message as Record<string, unknown> | undefined;
    if (m && typeof m.channel === 'string' && typeof m.ts === 'string') out.message = { channel: m.channel, ts: m.ts };
    return out;
  } catch {
    return {};
  }
}

export function parseCelebrateForm(values: ViewValues, rawMetadata: string | undefined): FormResult<CelebrateInput> {
  const errors: Record<string, string> = {};
  const people = [...new Set(picker(values, CELEBRATE_FIELD.people).selected_users ?? [])];
  if (people.length === 0) errors[CELEBRATE_FIELD.people] = 'Choose at least one person to celebrate.';
  else if (people.some((id) => !USER_ID.test(id))) errors[CELEBRATE_FIELD.people] = 'Choose people from the list.';
  else if (people.length > CELEBRATION_LIMITS.people) errors[CELEBRATE_FIELD.people] = `Up to ${CELEBRATION_LIMITS.people} people in one shout-out.`;
  const channelId = picker(values, CELEBRATE_FIELD.channel).selected_conversation ?? '';
  if (!CHANNEL_ID.test(channelId)) errors[CELEBRATE_FIELD.channel] = 'Choose a public channel to post in.';
  const message = text(values, CELEBRATE_FIELD.message);
  if (!message) errors[CELEBRATE_FIELD.message] = 'Write a message for the shout-out.';
  else if (charLength(message) > CELEBRATION_LIMITS.message) errors[CELEBRATE_FIELD.message] = `Keep the message under ${CELEBRATION_LIMITS.message} characters.`;
  const milestone = selected(values, CELEBRATE_FIELD.milestone);
  if (milestone !== null && !MILESTONE.test(milestone)) errors[CELEBRATE_FIELD.milestone] = 'Choose a milestone from the list.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { people, channelId, message, milestone, meta: celebrateMetadata(rawMetadata) } };
}
