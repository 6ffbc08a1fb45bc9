import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** Who the sample placements are about: the letters go to them, the certificate names them. */
export const sampleClient = { name: 'Dana Whitfield', email: 'dana@whitfield-dental.example', company: 'Whitfield Dental' };
export const sampleCandidate = { name: 'Maria Santos', email: 'maria.santos@ve.example', phone: '+63 917 555 0142' };

/** The agency's mailboxes, as cdk.json (and so the local system) configures them. */
export const agencyMailboxes = {
  customerService: 'customer.service@agency.example.com',
  proctors: 'proctors@agency.example.com',
  mentors: 'mentors@agency.example.com',
};

export interface SelectionInput {
  clientTimezone: string;
  interviewAt: string;
  selectedAt?: string;
  clientEmail?: string;
  company?: string;
  candidateEmail?: string;
}

/**
 * A New York client who interviewed the VE on Monday 1 April 2030 at 11:00 EDT: the links are due
 * Tuesday 13:00Z, the certification week is Monday 8 April (no DST change near it).
 */
export const newYorkInterview = { clientTimezone: 'America/New_York', interviewAt: '2030-04-01T15:00:00Z' } satisfies SelectionInput;

/** The body of POST /placements for the sample client and VE, with what a test sets. */
export function selectionBody(input: SelectionInput) {
  return {
    client: {
      name: sampleClient.name,
      email: input.clientEmail ?? sampleClient.email,
      company: input.company ?? sampleClient.company,
      timezone: input.clientTimezone,
    },
    candidate: { ...sampleCandidate, email: input.candidateEmail ?? sampleCandidate.email },
    interviewAt: input.interviewAt,
    ...(input.selectedAt === undefined ? {} : { selectedAt: input.selectedAt }),
  };
}

/** What Lambda passes a handler besides the event, for calling a handler directly. */
export function lambdaContext(functionName: string): Context {
  const noop = () => undefined;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: 'test-request',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'test',
    getRemainingTimeInMillis: () => 3000,
    done: noop,
    fail: noop,
    succeed: noop,
  };
}

/** An API Gateway (payload 2.0) event for a client's contract link, for calling an HTTP handler directly. */
export function contractLinkEvent(options: { rawQueryString: string; headers?: Record<string, string> }): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'GET /links/{id}/{document}',
    rawPath: '/links/p1/contract',
    rawQueryString: options.rawQueryString,
    headers: options.headers ?? {},
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'api',
      domainName: 'certify.agency.example.com',
      domainPrefix: 'certify',
      http: { method: 'GET', path: '/links/p1/contract', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'request',
      routeKey: 'GET /links/{id}/{document}',
      stage: '$default',
      time: '02/Mar/2026:15:00:00 +0000',
      timeEpoch: 1772463600000,
    },
  };
}
