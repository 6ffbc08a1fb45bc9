import { NotBuiltYet } from '../domain/errors';
import { httpHandler } from '../http/http-handler';

export const handler = httpHandler(async () => {
  throw new NotBuiltYet('Resending the onboarding links is not built yet.');
});
