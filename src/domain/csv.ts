/** What one CSV cell may hold; null and undefined are empty cells. */
export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
}

// Spreadsheets run a cell as a formula when it starts with = + - @ (tab and CR too, and
// the full-width forms in some locales), even after leading spaces.
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;

/** OWASP's CSV-injection advice: a cell a spreadsheet would run starts with a single quote instead. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One cell, RFC 4180: text is always quoted (so commas, quotes and line breaks stay inside it)
 * with quotes doubled; numbers and booleans are written bare, since the database typed them.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === '') return '';
  return `"${neutraliseFormula(value).replace(/"/g, '""')}"`;
}

/** A UTF-8 byte order mark: without it Excel reads UTF-8 names (Zoë, Ångström) as mojibake. */
export const UTF8_BOM = '\uFEFF';

/** A whole file: BOM, header row, one line per row, each line ended by CRLF as RFC 4180 asks. */
export function toCsv<T>(columns: ReadonlyArray<CsvColumn<T>>, rows: readonly T[]): string {
  const lines = [columns.map((c) => csvCell(c.header)), ...rows.map((row) => columns.map((c) => csvCell(c.value(row))))];
  return UTF8_BOM + lines.map((cells) => `${cells.join(',')}\r\n`).join('');
}
