// The outcome of a modal: a parser's FormResult, or a view submission's answer over HTTP.
import { expect } from 'vitest';
import type { FormResult } from '../../src/slack/parse/view-values.ts';

/** A view submission as the test requester returns it. */
interface SubmissionAnswer {
  status: number;
  json: any;
}

/**
 * The field errors, by block id: of a parser result that must have failed, or of a view
 * submission that must have been answered 200 with `response_action: 'errors'`.
 */
export function errorsOf<T>(result: FormResult<T> | SubmissionAnswer): Record<string, string> {
  if ('status' in result) {
    expect(result.status).toBe(200);
    expect(result.json?.response_action, JSON.stringify(result.json)).toBe('errors');
    return result.json.errors;
  }
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.value)}`);
  return result.errors;
}

/** The value of a parser result that must have succeeded. */
export function valueOf<T>(result: FormResult<T>): T {
  if (!result.ok) throw new Error(`expected a value, got errors ${JSON.stringify(result.errors)}`);
  return result.value;
}
