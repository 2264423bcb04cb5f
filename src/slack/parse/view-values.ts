import { INPUT_ACTION } from '../ids.ts';
import type { ModalMetadata } from '../surfaces/modal-parts.ts';

/** Slack's view.state.values: block_id → action_id → the element's state. */
export type ViewValues = Record<string, Record<string, {
  value?: string | null;
  selected_date?: string | null;
  selected_time?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: Array<{ value: string }>;
}>>;

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

export function text(values: ViewValues, field: string): string {
  return (values[field]?.[INPUT_ACTION]?.value ?? '').trim();
}

export function date(values: ViewValues, field: string): string | null {
  return values[field]?.[INPUT_ACTION]?.selected_date ?? null;
}

export function time(values: ViewValues, field: string): string | null {
  return values[field]?.[INPUT_ACTION]?.selected_time ?? null;
}

export function selected(values: ViewValues, field: string): string | null {
  return values[field]?.[INPUT_ACTION]?.selected_option?.value ?? null;
}

export function selectedMany(values: ViewValues, field: string): string[] {
  return (values[field]?.[INPUT_ACTION]?.selected_options ?? []).map((o) => o.value);
}

/** Non-empty trimmed lines, so blank lines and trailing spaces never become items. */
export function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^[-*•]\s+/, ''))
    .filter(Boolean);
}

export function usefulness(values: ViewValues, field: string): number | null {
  const raw = selected(values, field);
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
}

/** private_metadata comes back from the client: parse defensively, trust nothing in it. */
export function metadata(raw: string | undefined): ModalMetadata {
  try {
    const parsed = JSON.parse(raw ?? '{}') as Record<string, unknown>;
    const out: ModalMetadata = {};
    if (typeof parsed.pairId === 'number' && Number.isSafeInteger(parsed.pairId) && parsed.pairId > 0) out.pairId = parsed.pairId;
    if (typeof parsed.adviceId === 'number' && Number.isSafeInteger(parsed.adviceId) && parsed.adviceId > 0) out.adviceId = parsed.adviceId;
    if (typeof parsed.goalId === 'number' && Number.isSafeInteger(parsed.goalId) && parsed.goalId > 0) out.goalId = parsed.goalId;
    if (typeof parsed.programId === 'number' && Number.isSafeInteger(parsed.programId) && parsed.programId > 0) out.programId = parsed.programId;
    if (parsed.role === 'mentee' || parsed.role === 'mentor') out.role = parsed.role;
    if (typeof parsed.bookingId === 'number' && Number.isSafeInteger(parsed.bookingId) && parsed.bookingId > 0) out.bookingId = parsed.bookingId;
    const m = parsed.message as Record<string, unknown> | undefined;
    if (m && typeof m.channel === 'string' && typeof m.ts === 'string' && typeof m.blockId === 'string') out.message = { channel: m.channel, ts: m.ts, blockId: m.blockId };
    return out;
  } catch {
    return {};
  }
}

/** The pair comes from the picker when there is one, else from the metadata. */
export function pairIdFrom(values: ViewValues, field: string, meta: ModalMetadata): number | null {
  const picked = selected(values, field);
  if (picked !== null) return /^\d{1,9}$/.test(picked) ? Number(picked) : null;
  return meta.pairId ?? null;
}
