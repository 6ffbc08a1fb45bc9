import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import { jsonBody, rawBody, validate } from './request';

/** A body whose fields are all optional: none at all reads as `{}`; anything sent must be JSON, as `jsonBody` says. */
export function optionalJsonBody<T extends z.core.$ZodType>(event: APIGatewayProxyEventV2, schema: T): z.infer<T> {
  if (rawBody(event).trim() === '') return validate(schema, {}, 'request body');
  return jsonBody(event, schema);
}
