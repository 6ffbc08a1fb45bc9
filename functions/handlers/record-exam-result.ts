import { NotBuiltYet } from '../domain/errors';
import { httpHandler } from '../http/http-handler';

export const handler = httpHandler(async () => {
  throw new NotBuiltYet('Recording an exam result is not built yet.');
});
