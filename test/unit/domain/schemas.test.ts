import { describe, expect, it } from 'vitest';
import {
  createPlacementRequestSchema,
  describeIssues,
  examResultRequestSchema,
  listPlacementsQuerySchema,
  placementSchema,
} from '../../../functions/domain/schemas';
import { newPlacement, selectionRequest } from '../../support/domain-fixtures';

describe('POST /placements body', () => {
  it('accepts a selection, with or without selectedAt', () => {
    // Prepare
    const { selectedAt: _omitted, ...withoutSelectedAt } = selectionRequest();

    // Act & Assess
    expect(createPlacementRequestSchema.safeParse(selectionRequest()).success).toBe(true);
    expect(createPlacementRequestSchema.safeParse(withoutSelectedAt).success).toBe(true);
    expect(createPlacementRequestSchema.safeParse(selectionRequest({ interviewAt: '2025-06-03T10:00:00-05:00' })).success).toBe(true);
  });

  it.each([
    { case: 'a timezone that is not IANA', body: { client: { ...selectionRequest().client, timezone: 'EST5EDT-ish' } }, field: 'client.timezone' },
    { case: 'a client email that is not one', body: { client: { ...selectionRequest().client, email: 'alex' } }, field: 'client.email' },
    { case: 'an interview time without offset', body: { interviewAt: '2025-06-03T10:00:00' }, field: 'interviewAt' },
    { case: 'an empty candidate name', body: { candidate: { ...selectionRequest().candidate, name: ' ' } }, field: 'candidate.name' },
    { case: 'a phone with letters', body: { candidate: { ...selectionRequest().candidate, phone: 'call me' } }, field: 'candidate.phone' },
  ])('refuses $case, naming the field', ({ body, field }) => {
    // Act
    const result = createPlacementRequestSchema.safeParse({ ...selectionRequest(), ...body });

    // Assess
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error).map((issue) => issue.field)).toEqual([field]);
  });
});

describe('names in POST /placements', () => {
  const withNames = (client: Partial<{ name: string; company: string }>, candidateName?: string) => ({
    ...selectionRequest(),
    client: { ...selectionRequest().client, ...client },
    candidate: { ...selectionRequest().candidate, ...(candidateName === undefined ? {} : { name: candidateName }) },
  });

  it.each([
    ['Polish', 'Zażółć Gęślą Jaźń'],
    ['Vietnamese', 'Nguyễn Thị Minh Khai'],
    ['Chinese', '王秀英'],
    ['Arabic', 'محمد عبد الله'],
    ['Hebrew', 'שרה כהן'],
    ['Devanagari', 'अनन्या शर्मा'],
    ['Thai', 'สมชาย ใจดี'],
    ['Greek', 'Ελένη Παπαδοπούλου'],
    ['Cyrillic', 'Алексей Смирнов'],
    ['Persian, with a zero-width non-joiner', 'می\u200Cخواهم'],
    ['an apostrophe and a hyphen', "Seán O'Brien-Ní Dhuibhir"],
  ])('accepts a %s name', (_script, value) => {
    // Act & Assess
    expect(createPlacementRequestSchema.safeParse(withNames({ name: value, company: value }, value)).success).toBe(true);
  });

  it.each([
    { case: 'a company with a line break', body: withNames({ company: 'Acme\nLtd' }), field: 'client.company' },
    { case: 'a tab in a name', body: withNames({ name: 'Dana\tWhitfield' }), field: 'client.name' },
    { case: 'a C1 control', body: withNames({}, 'Vee\u0085Assistant'), field: 'candidate.name' },
    { case: 'a right-to-left override', body: withNames({ name: 'Dana \u202Efdp.exe' }), field: 'client.name' },
    { case: 'a name of zero-width spaces only', body: withNames({}, '\u200B\u200B'), field: 'candidate.name' },
    { case: 'a name with no letter at all', body: withNames({ company: '12345 !!' }), field: 'client.company' },
  ])('refuses $case with a 400 naming the field', ({ body, field }) => {
    // Act
    const result = createPlacementRequestSchema.safeParse(body);

    // Assess
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error).map((issue) => issue.field)).toEqual([field]);
  });
});

describe('other staff API inputs', () => {
  it('takes exam scores from 0 to 100 in whole points', () => {
    // Act & Assess
    expect(examResultRequestSchema.safeParse({ score: 0 }).success).toBe(true);
    expect(examResultRequestSchema.safeParse({ score: 100, notes: 'good' }).success).toBe(true);
    expect(examResultRequestSchema.safeParse({ score: 101 }).success).toBe(false);
    expect(examResultRequestSchema.safeParse({ score: 79.5 }).success).toBe(false);
  });

  it('lists by status or by week, not both; neither lists those in flight', () => {
    // Act & Assess
    expect(listPlacementsQuerySchema.safeParse({ status: 'EXAM', limit: '10' }).data).toEqual({ status: 'EXAM', limit: 10 });
    expect(listPlacementsQuerySchema.safeParse({ week: '2025-06-09' }).success).toBe(true);
    expect(listPlacementsQuerySchema.safeParse({ status: 'EXAM', week: '2025-06-09' }).success).toBe(false);
    expect(listPlacementsQuerySchema.safeParse({ limit: '5' }).data).toEqual({ limit: 5 });
    expect(listPlacementsQuerySchema.safeParse({ status: 'LOST' }).success).toBe(false);
  });
});

describe('the stored placement', () => {
  it('round-trips a placement the domain built', () => {
    // Prepare
    const placement = newPlacement('01JXPLACEMENT');

    // Act
    const parsed = placementSchema.parse(JSON.parse(JSON.stringify(placement)));

    // Assess
    expect(parsed).toEqual(placement);
  });
});
