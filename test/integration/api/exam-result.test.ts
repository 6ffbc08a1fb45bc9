import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newYorkInterview } from '../../support/fixtures';
import { admin, advanceTo, completePaperwork, readPlacement, settle } from '../../support/lifecycle';
import { json, postJson } from '../../support/local-system';
import { selectionScenario } from '../../support/scenario';

// What the proctor sees after recording a score: for a pass, the certificate, or word that it is
// being issued (the lifecycle draws and sends it within seconds of the answer); for a fail, none.

const scenario = selectionScenario({
  now: '2030-04-02T12:00:00Z',
  selections: { passing: newYorkInterview, failing: { ...newYorkInterview, clientEmail: 'other@client.example.com', company: 'Other Co' } },
});

const answerSchema = z.looseObject({
  status: z.string(),
  exam: z.looseObject({ score: z.number(), passed: z.boolean() }),
  certificate: z.unknown().optional(),
});

const recordScore = async (id: string, score: number) => {
  const response = await postJson(`${scenario.system.baseUrl}/placements/${id}/exam-result`, { score }, admin);
  expect(response.status, response.body).toBe(200);
  return answerSchema.parse(json(response));
};

beforeAll(async () => {
  const { system } = scenario;
  await advanceTo(system, '2030-04-02T13:00:00Z');
  await completePaperwork(system, scenario.passing.id);
  await completePaperwork(system, scenario.failing.id);
  await advanceTo(system, '2030-04-12T19:00:00Z'); // Friday 14:00 in Chicago: both exams wait for their scores
});

describe('POST /placements/{id}/exam-result', () => {
  it('answers a pass with the certificate being issued, and once issued, with the certificate and where to verify it', async () => {
    // Act
    const answer = await recordScore(scenario.passing.id, 91);
    await settle(scenario.system);
    const retried = await recordScore(scenario.passing.id, 91); // the proctor's retry, once the lifecycle issued it

    // Assess
    expect(answer.exam).toMatchObject({ score: 91, passed: true });
    expect(answer.certificate).toEqual({ status: 'ISSUING' });
    const issued = (await readPlacement(scenario.system, scenario.passing.id)).certificate;
    expect(issued?.id).toBeDefined();
    expect(retried.status).toBe('CERTIFIED');
    expect(retried.certificate).toEqual({
      status: 'ISSUED',
      id: issued?.id,
      issuedAt: issued?.issuedAt,
      verificationUrl: `${scenario.system.baseUrl}/certificates/${issued?.id}`,
    });
  });

  it('answers a fail with no certificate', async () => {
    // Act
    const answer = await recordScore(scenario.failing.id, 62);

    // Assess
    expect(answer.exam).toMatchObject({ score: 62, passed: false });
    expect(answer.certificate).toBeUndefined();
  });
});
