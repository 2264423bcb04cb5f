import { mergeSkills, PROFILE_LIMITS, skillKey, type JoinInput } from '../../domain/matching.ts';
import { charLength } from '../../domain/mrkdwn.ts';
import { INPUT_ACTION } from '../ids.ts';
import { JOIN_FIELD } from '../ids.ts';
import { REVERSE_YES, ROLE } from '../surfaces/join-modal.ts';
import { lines, selectedMany, text, type FormResult, type ViewValues } from './view-values.ts';

const USER_ID = /^[UW][A-Z0-9]{2,20}$/;

function selectedUser(values: ViewValues, field: string): string | null {
  const state = values[field]?.[INPUT_ACTION] as { selected_user?: string | null } | undefined;
  const user = state?.selected_user ?? null;
  return user !== null && USER_ID.test(user) ? user : null;
}

/**
 * One role's skills: picked from the program's list plus typed lines, without repeats. The error
 * goes on the picker when the modal has one (Slack only sends the blocks a view has), else on the text.
 */
function skillsFor(values: ViewValues, pickField: string, otherField: string, programSkills: string[], errors: Record<string, string>, who: string): string[] {
  const hasPicker = values[pickField] !== undefined;
  const known = new Set(programSkills.map(skillKey));
  const picked = selectedMany(values, pickField);
  const typed = lines(text(values, otherField));
  const skills = mergeSkills([picked, typed], programSkills);
  const target = hasPicker ? pickField : otherField;
  if (skills.length === 0) errors[target] = `Name at least one skill ${who}.`;
  else if (skills.length > PROFILE_LIMITS.skills) errors[target] = `Up to ${PROFILE_LIMITS.skills} skills (you have ${skills.length}).`;
  else if (skills.some((s) => !known.has(skillKey(s)) && charLength(s) > PROFILE_LIMITS.skill)) {
    errors[otherField] = `Keep each skill under ${PROFILE_LIMITS.skill} characters, one per line.`;
  }
  return skills;
}

/**
 * view.state.values of the join modal → the profile to save, or errors keyed by block. `role`: the
 * modal of one role's button, which asks only that role's questions.
 */
export function parseJoinForm(values: ViewValues, actorId: string, programSkills: string[], role?: 'mentee' | 'mentor'): FormResult<JoinInput> {
  const errors: Record<string, string> = {};
  const roles = new Set(role ? [role] : selectedMany(values, JOIN_FIELD.roles));
  const asMentee = roles.has(ROLE.mentee);
  const asMentor = roles.has(ROLE.mentor);
  if (!asMentee && !asMentor) errors[JOIN_FIELD.roles] = 'Pick at least one: mentee, mentor or both.';

  const managerId = selectedUser(values, JOIN_FIELD.manager);
  if (managerId !== null && managerId === actorId) errors[JOIN_FIELD.manager] = 'Pick your manager, not yourself (or leave it empty).';

  let mentee: JoinInput['mentee'] = null;
  if (asMentee) {
    const skills = skillsFor(values, JOIN_FIELD.menteePick, JOIN_FIELD.menteeOther, programSkills, errors, 'you want to grow');
    const strengths = lines(text(values, JOIN_FIELD.strengths));
    if (strengths.length > PROFILE_LIMITS.strengths) errors[JOIN_FIELD.strengths] = `Up to ${PROFILE_LIMITS.strengths} lines (you have ${strengths.length}).`;
    else if (strengths.some((s) => charLength(s) > PROFILE_LIMITS.strength)) errors[JOIN_FIELD.strengths] = `Keep each line under ${PROFILE_LIMITS.strength} characters.`;
    const gap = text(values, JOIN_FIELD.gap);
    if (charLength(gap) > PROFILE_LIMITS.gap) errors[JOIN_FIELD.gap] = `Keep this under ${PROFILE_LIMITS.gap} characters.`;
    mentee = { skills, strengths, gap };
  }

  let mentor: JoinInput['mentor'] = null;
  if (asMentor) {
    const skills = skillsFor(values, JOIN_FIELD.mentorPick, JOIN_FIELD.mentorOther, programSkills, errors, 'you can help with');
    const raw = text(values, JOIN_FIELD.capacity);
    const capacity = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
    if (raw === '') errors[JOIN_FIELD.capacity] = 'Say how many mentees you can take at once.';
    else if (!(capacity >= PROFILE_LIMITS.capacityMin && capacity <= PROFILE_LIMITS.capacityMax)) {
      errors[JOIN_FIELD.capacity] = `A whole number from ${PROFILE_LIMITS.capacityMin} to ${PROFILE_LIMITS.capacityMax}.`;
    }
    const openToReverse = selectedMany(values, JOIN_FIELD.reverse).includes(REVERSE_YES);
    mentor = { skills, capacity, openToReverse };
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { mentee, mentor, managerId } };
}
