import { describe, expect, it } from 'vitest';
import { adviceAwaitingReport, adviceToReportBack, extraDays, notMetSince, piecesOfAdvice, REVERSE_PAIRING } from '../../src/domain/plain-words.ts';
import { parseDuration } from '../../src/domain/durations.ts';
import { kickoffMessage } from '../../src/slack/surfaces/dm-messages.ts';
import { joinModal } from '../../src/slack/surfaces/join-modal.ts';
import { settingsSummary } from '../../src/slack/surfaces/settings-summary.ts';
import { programRow } from '../helpers/fixtures.ts';

describe('the words participants read', () => {
  it.each([
    [0, '0 pieces of advice', '0 pieces of advice to report back on'],
    [1, '1 piece of advice', '1 piece of advice to report back on'],
    [2, '2 pieces of advice', '2 pieces of advice to report back on'],
    [12, '12 pieces of advice', '12 pieces of advice to report back on'],
  ])('%i → "%s", "%s"', (count, pieces, owed) => {
    expect(piecesOfAdvice(count)).toBe(pieces);
    expect(adviceToReportBack(count)).toBe(owed);
  });

  it("the mentor's side names the mentee", () => {
    expect(adviceAwaitingReport(1, '<@U1>')).toBe('1 piece of advice <@U1> has yet to report back on');
    expect(adviceAwaitingReport(3, '<@U1>')).toBe('3 pieces of advice <@U1> has yet to report back on');
  });

  it.each([
    ['2026-11-30', '2026-12-14', false, "you haven't met since Mon 30 Nov"],
    ['2026-11-30', '2026-12-21', true, "you still haven't met since Mon 30 Nov"],
    ['2026-12-21', '2027-01-11', false, "you haven't met since Mon 21 Dec 2026"],
  ])('last met %s, today %s (again: %s) → "%s"', (lastOn, today, still, text) => {
    expect(notMetSince(lastOn, today, { still })).toBe(text);
  });

  it.each([
    [0, '0 extra days before a reminder'],
    [1, '1 extra day before a reminder'],
    [3, '3 extra days before a reminder'],
  ])('grace %i reads "%s"', (days, text) => {
    expect(extraDays(days)).toBe(text);
    expect(settingsSummary(programRow({ grace_days: days }))).toContain(text);
  });

  it.each(['stalled', 'grace', 'open loop'])('no "%s" in the words themselves', (word) => {
    const all = [piecesOfAdvice(2), adviceToReportBack(2), adviceAwaitingReport(2, '<@U1>'), notMetSince('2026-11-30', '2026-12-14'), extraDays(3), settingsSummary(programRow({ mentees_see_stalled: false }))].join(' ');
    expect(all.toLowerCase()).not.toContain(word);
  });
});

describe('pauses read "for a month", never "for month"', () => {
  it.each([
    ['monthly', 'a month'],
    ['weekly', 'a week'],
    ['fortnightly', '2 weeks'],
    ['1w', '1 week'],
    ['1m', '1 month'],
    ['3d', '3 days'],
  ])('%s → for %s', (text, label) => {
    expect(`for ${parseDuration(text)!.label}`).toBe(`for ${label}`);
  });
});

describe('a reverse pairing reads the same in the join form and the kickoff', () => {
  const pair = { id: 4, team_id: 'T1', program_id: 1, mentor_id: 'UJUNIOR', mentee_id: 'USENIOR', kind: 'reverse', status: 'active', cadence_days: 14, review_on: '2027-05-30', started_at: new Date('2026-11-30T10:00:00Z') } as any;
  const sentence = REVERSE_PAIRING.replace(/\*/g, '');

  it('the junior colleague is the mentor in both', () => {
    expect(REVERSE_PAIRING).toContain('a more junior colleague mentors a more senior one');
    const form = JSON.stringify(joinModal({ programSkills: [], mentee: null, mentor: null, managerId: null }));
    expect(form).toContain(sentence);
    expect(form).toContain('There, you would be the mentee.');
    const toMentor = kickoffMessage(pair, 'UJUNIOR').blocks![0] as any;
    const toMentee = kickoffMessage(pair, 'USENIOR').blocks![0] as any;
    expect(toMentor.text.text).toContain(REVERSE_PAIRING);
    expect(toMentor.text.text).toContain('Here you are the mentor, sharing what you know best with <@USENIOR>.');
    expect(toMentee.text.text).toContain(REVERSE_PAIRING);
    expect(toMentee.text.text).toContain('Here <@UJUNIOR> is your mentor, sharing what they know best with you.');
    expect(`${toMentor.text.text} ${toMentee.text.text}`).not.toContain('briefs');
  });

  it('a standard pairing says nothing about it', () => {
    expect(JSON.stringify(kickoffMessage({ ...pair, kind: 'standard' }, 'UJUNIOR'))).not.toContain('reverse');
  });
});
