import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormula, toCsv, UTF8_BOM } from '../../src/domain/csv.ts';

describe('neutraliseFormula (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\rcmd', "'\rcmd"],
    ['  =1+1', "'  =1+1"], // some importers trim leading spaces before evaluating
    ['＝1+1', "'＝1+1"], // full-width equals, evaluated by Excel in some locales
    ['Lead a review', 'Lead a review'],
    ['a=b', 'a=b'],
    ['2026-11-18', '2026-11-18'],
    ['', ''],
  ])('%j → %j', (text, safe) => {
    expect(neutraliseFormula(text)).toBe(safe);
  });
});

describe('csvCell', () => {
  it.each([
    [null, ''],
    [undefined, ''],
    ['', ''],
    [0, '0'],
    [4.5, '4.5'],
    [-3, '-3'], // a typed number is data, not a formula
    [Number.NaN, ''],
    [true, 'true'],
    [false, 'false'],
    ['plain', '"plain"'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['crlf\r\ninside', '"crlf\r\ninside"'],
    ['=1+1', `"'=1+1"`],
    ['-"x",y', `"'-""x"",y"`],
  ])('%j → %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('toCsv', () => {
  it('writes a BOM, a header row and CRLF-terminated rows, in column order', () => {
    const rows = [
      { id: 1, title: 'Ship, "then" rest\nnow', done: true, at: null },
      { id: 2, title: '@SUM(A1)', done: false, at: '2026-11-18' },
    ];
    const csv = toCsv(
      [
        { header: 'id', value: (r: (typeof rows)[number]) => r.id },
        { header: 'title', value: (r) => r.title },
        { header: 'done', value: (r) => r.done },
        { header: 'at', value: (r) => r.at },
      ],
      rows,
    );
    expect(csv).toBe(`${UTF8_BOM}"id","title","done","at"\r\n1,"Ship, ""then"" rest\nnow",true,\r\n2,"'@SUM(A1)",false,"2026-11-18"\r\n`);
  });

  it('writes only the header for no rows', () => {
    expect(toCsv([{ header: 'pair_id', value: () => 1 }], [])).toBe(`${UTF8_BOM}"pair_id"\r\n`);
  });
});
