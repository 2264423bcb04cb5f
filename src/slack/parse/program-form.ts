import { isCalendarDay } from '../../domain/calendar.ts';
import { charLength } from '../../domain/mrkdwn.ts';
import { isProgramKind, PROGRAM_LIMITS, programName, type ProgramInput } from '../../domain/programs.ts';
import { INPUT_ACTION, PROGRAM_FIELD as F } from '../ids.ts';
import { ENROLMENT } from '../surfaces/program-modal.ts';
import { CHANNEL_ID } from './settings-form.ts';
import { date, selected, text, type FormResult, type ViewValues } from './view-values.ts';

const USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/** The element states this form adds to ViewValues' common ones. */
type ElementState = { selected_conversation?: string | null; selected_users?: string[] | null };

function state(values: ViewValues, field: string): ElementState {
  return (values[field]?.[INPUT_ACTION] ?? {}) as ElementState;
}

/** view.state.values of the program modal → the program to save, or errors keyed by block. */
export function parseProgramForm(values: ViewValues): FormResult<ProgramInput> {
  const errors: Record<string, string> = {};
  const name = programName(text(values, F.name));
  if (!name) errors[F.name] = 'Give the program a name.';
  else if (charLength(name) > PROGRAM_LIMITS.name) errors[F.name] = `Keep the name to ${PROGRAM_LIMITS.name} characters.`;

  const description = text(values, F.description);
  if (charLength(description) > PROGRAM_LIMITS.description) errors[F.description] = `Keep this to ${PROGRAM_LIMITS.description} characters.`;

  const kind = selected(values, F.kind);
  if (!isProgramKind(kind)) errors[F.kind] = 'Choose a kind from the list.';

  const startsOn = date(values, F.startsOn);
  const endsOn = date(values, F.endsOn);
  if (startsOn !== null && !isCalendarDay(startsOn)) errors[F.startsOn] = 'Pick a date from the calendar.';
  if (endsOn !== null && !isCalendarDay(endsOn)) errors[F.endsOn] = 'Pick a date from the calendar.';
  else if (startsOn !== null && endsOn !== null && isCalendarDay(startsOn) && endsOn <= startsOn) errors[F.endsOn] = 'The end date must be after the start date.';

  const channel = state(values, F.channel).selected_conversation ?? null;
  if (channel !== null && !CHANNEL_ID.test(channel)) errors[F.channel] = 'Choose a public channel from the list.';

  const picked = state(values, F.admins).selected_users ?? [];
  const adminIds = [...new Set(picked)];
  if (adminIds.some((id) => !USER_ID.test(id))) errors[F.admins] = 'Choose people from the list.';
  else if (adminIds.length > PROGRAM_LIMITS.admins) errors[F.admins] = `Up to ${PROGRAM_LIMITS.admins} program admins.`;

  const enrolment = selected(values, F.enrolment);
  if (enrolment !== ENROLMENT.open && enrolment !== ENROLMENT.closed) errors[F.enrolment] = 'Choose whether people can join by themselves.';

  if (Object.keys(errors).length > 0 || !isProgramKind(kind)) return { ok: false, errors };
  return {
    ok: true,
    value: { name, description, kind, startsOn, endsOn, celebrationChannel: channel, enrolmentOpen: enrolment === ENROLMENT.open, adminIds },
  };
}
