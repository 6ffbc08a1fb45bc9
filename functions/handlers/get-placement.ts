import { NotBuiltYet } from '../domain/errors';
import { httpHandler } from '../http/http-handler';

export const handler = httpHandler(async () => {
  throw new NotBuiltYet('Reading a placement is not built yet.');
});
