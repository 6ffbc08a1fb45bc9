import { NotBuiltYet } from '../domain/errors';
import { httpHandler } from '../http/http-handler';

export const handler = httpHandler(async () => {
  throw new NotBuiltYet('The billing webhook is not built yet.');
});
