import type { FormResult, ViewValues } from './view-values.ts';

/** The delete-my-data confirmation has no fields: submitting it is the confirmation. */
export function parseDeleteDataForm(_values: ViewValues): FormResult<null> {
  return { ok: true, value: null };
}
