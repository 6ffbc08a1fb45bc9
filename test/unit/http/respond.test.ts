import { describe, expect, it } from 'vitest';
import { Conflict, Forbidden, InvalidInput, NotFound, StaleVersion, Unauthorized } from '../../../functions/domain/errors';
import { errorResponse } from '../../../functions/http/respond';

describe('errors as HTTP responses', () => {
  it.each([
    [new InvalidInput('bad', { field: 'score' }), 400, 'INVALID_INPUT'],
    [new Unauthorized('who?'), 401, 'UNAUTHORIZED'],
    [new Forbidden('no'), 403, 'FORBIDDEN'],
    [new NotFound('none'), 404, 'NOT_FOUND'],
    [new Conflict('taken'), 409, 'CONFLICT'],
    [new StaleVersion('p1', 3), 409, 'CONFLICT'],
  ])('%s → %i with code %s', (error, status, code) => {
    const response = errorResponse(error);
    expect(response.statusCode).toBe(status);
    expect(JSON.parse(String(response.body))).toMatchObject({ error: { code, message: error.message } });
  });

  it('answers an unexpected error with a generic 500 that reveals no internals', () => {
    const response = errorResponse(new Error('connect ECONNREFUSED 10.0.0.7:8000 at Socket.internal (/var/task/index.mjs:1:2)'));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toMatch(/ECONNREFUSED|index\.mjs|10\.0\.0\.7/);
  });
});
