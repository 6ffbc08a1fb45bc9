import { NotBuiltYet } from '../domain/errors';
import { httpHandler } from '../http/http-handler';

export const handler = httpHandler(async () => {
  throw new NotBuiltYet('Cancelling a placement is not built yet.');
});
