/**
 * The one description of the system's moving parts. The CDK stack builds AWS resources from it and
 * the local runtime serves the same routes, schedules and state machines from it, so the two cannot
 * drift. Plain data only: no CDK or AWS imports here.
 */

import { staffRoles, type StaffRole } from '../functions/domain/staff-roles';

export type TableAccess = 'none' | 'read' | 'readWrite';
export type WorkflowAccess = 'start' | 'taskResponse' | 'stop' | 'observe';
export type SecretName = keyof typeof secrets;

/**
 * The DynamoDB actions a function may call on the table: exactly those the repository methods its
 * code reaches send (test/infra/function-grants.test.ts derives them from the code and holds each list
 * equal). No function scans, deletes or batch-writes, so none may. Reading a placement can write: it
 * finishes a history journal a crashed writer left behind (PutItem of the entries, UpdateItem to clear it).
 */
export type TableAction = 'GetItem' | 'PutItem' | 'UpdateItem' | 'Query';
/** Items a function is held to by their partition key (IAM `dynamodb:LeadingKeys`); the key shapes are in functions/adapters/dynamodb/keys.ts. */
export type TableItems = 'staffCredentials' | 'staffTokens';

export interface FunctionSpec {
  /** Path of the handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  memoryMb?: number;
  timeoutSeconds?: number;
  table: TableAccess;
  /** What it may do with the table; none when absent. */
  tableActions?: readonly TableAction[];
  /** Only these items, when given (the authorizer reads staff tokens and console sessions, nothing else; the token screens only tokens). */
  tableItems?: TableItems;
  sendsEmail?: boolean;
  workflow?: WorkflowAccess[];
  secrets?: SecretName[];
}

/** Secrets held in Secrets Manager in AWS; locally their values come from env (see README). */
export const secrets = {
  docusignConnectKey: {
    description: 'DocuSign Connect HMAC key that signs envelope webhooks',
    localEnv: 'DOCUSIGN_HMAC_KEY',
  },
  billingWebhookSecret: {
    description: 'Billing provider webhook signing secret (Stripe-format whsec_…)',
    localEnv: 'BILLING_WEBHOOK_SECRET',
  },
  docusignApi: {
    description: 'DocuSign REST API credentials (JSON: accountId, integrationKey, userId, privateKey)',
    localEnv: 'DOCUSIGN_API_CREDENTIALS',
  },
  billingApi: {
    description: 'Billing provider API key used to create checkout sessions',
    localEnv: 'BILLING_API_KEY',
  },
  clientLinkSecret: {
    description: "Secret the clients' link keys are derived from (HMAC of the placement id); rotating it retires every link",
    localEnv: 'CLIENT_LINK_SECRET',
  },
} as const;

export const functions = {
  staffAuthorizer: {
    entry: 'functions/handlers/staff-authorizer.ts',
    description: "Checks staff bearer tokens or the console's session cookie (both stored hashed) and passes the role on",
    table: 'read',
    tableActions: ['GetItem'],
    tableItems: 'staffCredentials',
  },
  consoleSession: {
    entry: 'functions/handlers/console-session.ts',
    description: "The console's sign-in: a staff token exchanged for a session cookie; who is signed in; sign-out",
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem'],
    tableItems: 'staffCredentials',
  },
  listStaffTokens: {
    entry: 'functions/handlers/list-staff-tokens.ts',
    description: 'Lists staff tokens by holder, role and hash (never the token itself)',
    table: 'read',
    tableActions: ['Query'],
    tableItems: 'staffTokens',
  },
  issueStaffToken: {
    entry: 'functions/handlers/issue-staff-token.ts',
    description: 'Issues a staff token, answered in clear this once; only its hash is stored',
    table: 'readWrite',
    tableActions: ['PutItem'],
    tableItems: 'staffTokens',
  },
  revokeStaffToken: {
    entry: 'functions/handlers/revoke-staff-token.ts',
    description: 'Revokes a staff token: its bearer and its console sessions are refused from then on',
    table: 'readWrite',
    // Query: an id given as a prefix of the hash is looked up in the listing.
    tableActions: ['Query', 'UpdateItem'],
    tableItems: 'staffTokens',
  },
  createPlacement: {
    entry: 'functions/handlers/create-placement.ts',
    description: 'Records a selection and starts its lifecycle',
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem'],
    workflow: ['start'],
  },
  planSelection: {
    entry: 'functions/handlers/plan-selection.ts',
    description: 'The timeline a selection would get if recorded now; saves nothing, starts nothing',
    table: 'none',
  },
  getPlacement: {
    entry: 'functions/handlers/get-placement.ts',
    description: 'One placement with its timeline, contract, reserve, exam and history',
    table: 'read',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem', 'Query'],
  },
  getPlacementHistory: {
    entry: 'functions/handlers/get-placement-history.ts',
    description: "A placement's history, a page at a time",
    table: 'read',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem', 'Query'],
  },
  correctPlacement: {
    entry: 'functions/handlers/correct-placement.ts',
    description: "Corrects the client's or the VE's details; a new contract goes out if the signer changed",
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem'],
    sendsEmail: true,
    // The provider wiring reads both API secrets (lazily); only DocuSign is called.
    secrets: ['docusignApi', 'billingApi', 'clientLinkSecret'],
  },
  revokeCertificate: {
    entry: 'functions/handlers/revoke-certificate.ts',
    description: 'Revokes a certificate with a reason: its verification then says REVOKED',
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem'],
  },
  listPlacements: {
    entry: 'functions/handlers/list-placements.ts',
    description: 'Placements by status or certification week, paginated',
    table: 'read',
    tableActions: ['Query'],
  },
  recordExamResult: {
    entry: 'functions/handlers/record-exam-result.ts',
    description: "Takes the proctor's exam score and resumes the lifecycle",
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem'],
    workflow: ['taskResponse'],
  },
  resendLinks: {
    entry: 'functions/handlers/resend-links.ts',
    description: 'Sends the contract and billing-reserve links to the client again',
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem'],
    sendsEmail: true,
    secrets: ['clientLinkSecret'],
  },
  resumePlacement: {
    entry: 'functions/handlers/resume-placement.ts',
    description: "Clears a placement's attention flag and gives it a fresh execution, after a person fixed the cause",
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem'],
    workflow: ['start', 'observe'],
  },
  cancelPlacement: {
    entry: 'functions/handlers/cancel-placement.ts',
    description: 'Cancels a placement with a reason and stops its execution',
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem'],
    workflow: ['stop'],
  },
  followClientLink: {
    entry: 'functions/handlers/follow-client-link.ts',
    description: "Opens a fresh signing session or checkout for a link in the client's email",
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem'],
    secrets: ['docusignApi', 'billingApi', 'clientLinkSecret'],
  },
  talkToUs: {
    entry: 'functions/handlers/talk-to-us.ts',
    description: '"Talk to us": a client opens a case for the mentor team',
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem'],
    sendsEmail: true,
    secrets: ['clientLinkSecret'],
  },
  checkInReview: {
    entry: 'functions/handlers/check-in-review.ts',
    description: "A client's one-click answer to a check-in, and its comment page; a low answer opens a mentor case",
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem'],
    sendsEmail: true,
    secrets: ['clientLinkSecret'],
  },
  acceptPhase: {
    entry: 'functions/handlers/accept-phase.ts',
    description: 'The client accepts the next phase of delegation their check-in offered',
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem'],
    secrets: ['clientLinkSecret'],
  },
  setPhase: {
    entry: 'functions/handlers/set-phase.ts',
    description: 'Staff or a mentor moves the relationship to a phase of delegation',
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem'],
  },
  listMentorCases: {
    entry: 'functions/handlers/list-mentor-cases.ts',
    description: 'Mentor cases by status, newest first, paginated',
    table: 'read',
    tableActions: ['Query'],
  },
  acknowledgeMentorCase: {
    entry: 'functions/handlers/acknowledge-mentor-case.ts',
    description: 'A mentor takes a case (assigned to them or to a named mentor), with an optional note',
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem'],
  },
  closeMentorCase: {
    entry: 'functions/handlers/close-mentor-case.ts',
    description: 'A mentor closes a case; a note to the client is emailed to them once',
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem'],
    sendsEmail: true,
  },
  verifyCertificate: {
    entry: 'functions/handlers/verify-certificate.ts',
    description: 'Public check that a certificate is genuine',
    table: 'read',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem'],
  },
  agencyLogo: {
    entry: 'functions/handlers/agency-logo.ts',
    description: "The agency's bundled logo, shown on every page",
    table: 'none',
  },
  openApiDocument: {
    entry: 'functions/handlers/openapi-document.ts',
    description: 'Serves the OpenAPI document generated from the zod schemas',
    table: 'none',
  },
  apiDocs: {
    entry: 'functions/handlers/api-docs.ts',
    description: 'Serves /docs: the OpenAPI document in a bundled viewer (Swagger UI), and its files',
    table: 'none',
  },
  staffConsole: {
    entry: 'functions/handlers/console.ts',
    description: 'Serves the staff console: its page and its bundled script and style sheet',
    table: 'none',
  },
  docusignWebhook: {
    entry: 'functions/handlers/docusign-webhook.ts',
    description: 'DocuSign Connect events: contract signed, declined or voided',
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem', 'Query'],
    sendsEmail: true,
    workflow: ['taskResponse', 'stop'],
    secrets: ['docusignConnectKey', 'clientLinkSecret'],
  },
  billingWebhook: {
    entry: 'functions/handlers/billing-webhook.ts',
    description: 'Billing events: reserve funded or payment failed',
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem', 'Query'],
    sendsEmail: true,
    workflow: ['taskResponse'],
    secrets: ['billingWebhookSecret', 'clientLinkSecret'],
  },
  lifecycleStep: {
    entry: 'functions/handlers/lifecycle-step.ts',
    description: 'The placement lifecycle tasks the state machine runs',
    timeoutSeconds: 60,
    memoryMb: 1024,
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem'],
    sendsEmail: true,
    // A callback task whose facts already happened resumes itself with its own token.
    workflow: ['taskResponse'],
    secrets: ['clientLinkSecret'],
  },
  documentStep: {
    entry: 'functions/handlers/document-step.ts',
    description: 'The placement lifecycle tasks that draw a PDF: the contract envelope, the certificate and its email',
    timeoutSeconds: 60,
    memoryMb: 1024,
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem', 'Query'],
    sendsEmail: true,
    secrets: ['docusignApi', 'billingApi'],
  },
  staffDigest: {
    entry: 'functions/handlers/staff-digest.ts',
    description: 'Daily digest of placements that need staff attention and mentor cases not acknowledged in time',
    table: 'read',
    // Reading the placement of an overdue case can finish its history journal (see TableAction).
    tableActions: ['GetItem', 'PutItem', 'UpdateItem', 'Query'],
    sendsEmail: true,
  },
  overdueExamResults: {
    entry: 'functions/handlers/overdue-exam-results.ts',
    description: 'Reminds proctors of exam results past their deadline',
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem', 'Query'],
    sendsEmail: true,
  },
  checkInReminders: {
    entry: 'functions/handlers/check-in-reminders.ts',
    description: "Sends the check-ins due now (found through the due index) on each client's Monday morning",
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem', 'Query'],
    sendsEmail: true,
    secrets: ['clientLinkSecret'],
  },
  reconcilePlacements: {
    entry: 'functions/handlers/reconcile-placements.ts',
    description: 'Daily safety net: resumes or flags placements whose execution is gone or stopped, asking only about quiet ones',
    timeoutSeconds: 300,
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem', 'Query'],
    workflow: ['start', 'observe'],
  },
  stoppedLifecycle: {
    entry: 'functions/handlers/stopped-lifecycle.ts',
    description: "A lifecycle execution failed, timed out or was aborted: flags or resumes that one placement",
    table: 'readWrite',
    tableActions: ['GetItem', 'PutItem', 'UpdateItem'],
    workflow: ['start'],
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof functions;

/** `staff` routes go through the authorizer (bearer token or console session); `signature` routes authenticate by webhook signature. */
export type RouteAuth = 'staff' | 'public' | 'signature';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  function: FunctionName;
  auth: RouteAuth;
  /** Roles allowed on a staff route. */
  roles?: readonly StaffRole[];
}

export const routes = [
  { method: 'POST', path: '/placements', function: 'createPlacement', auth: 'staff', roles: ['admin', 'staff'] },
  // Static, so API Gateway prefers it to any /placements/{id}; locally it is matched first by coming first.
  { method: 'POST', path: '/placements/plan', function: 'planSelection', auth: 'staff', roles: ['admin', 'staff'] },
  { method: 'GET', path: '/placements', function: 'listPlacements', auth: 'staff', roles: staffRoles },
  { method: 'GET', path: '/placements/{id}', function: 'getPlacement', auth: 'staff', roles: staffRoles },
  { method: 'PATCH', path: '/placements/{id}', function: 'correctPlacement', auth: 'staff', roles: ['admin', 'staff'] },
  { method: 'GET', path: '/placements/{id}/history', function: 'getPlacementHistory', auth: 'staff', roles: staffRoles },
  {
    method: 'POST',
    path: '/placements/{id}/exam-result',
    function: 'recordExamResult',
    auth: 'staff',
    roles: ['admin', 'proctor'],
  },
  {
    method: 'POST',
    path: '/placements/{id}/resend-links',
    function: 'resendLinks',
    auth: 'staff',
    roles: ['admin', 'staff'],
  },
  { method: 'POST', path: '/placements/{id}/cancel', function: 'cancelPlacement', auth: 'staff', roles: ['admin', 'staff'] },
  { method: 'POST', path: '/placements/{id}/resume', function: 'resumePlacement', auth: 'staff', roles: ['admin'] },
  {
    method: 'POST',
    path: '/placements/{id}/revoke-certificate',
    function: 'revokeCertificate',
    auth: 'staff',
    roles: ['admin'],
  },
  { method: 'POST', path: '/placements/{id}/phase', function: 'setPhase', auth: 'staff', roles: ['admin', 'staff', 'mentor'] },
  { method: 'GET', path: '/links/{id}/check-ins/{number}', function: 'checkInReview', auth: 'public' },
  { method: 'POST', path: '/links/{id}/check-ins/{number}', function: 'checkInReview', auth: 'public' },
  { method: 'GET', path: '/links/{id}/phase/{phase}', function: 'acceptPhase', auth: 'public' },
  { method: 'POST', path: '/links/{id}/phase/{phase}', function: 'acceptPhase', auth: 'public' },
  { method: 'GET', path: '/links/{id}/{document}', function: 'followClientLink', auth: 'public' },
  { method: 'POST', path: '/links/{id}/talk-to-us', function: 'talkToUs', auth: 'public' },
  { method: 'GET', path: '/cases', function: 'listMentorCases', auth: 'staff', roles: ['admin', 'staff', 'mentor'] },
  { method: 'POST', path: '/cases/{id}/acknowledge', function: 'acknowledgeMentorCase', auth: 'staff', roles: ['admin', 'staff', 'mentor'] },
  { method: 'POST', path: '/cases/{id}/close', function: 'closeMentorCase', auth: 'staff', roles: ['admin', 'staff', 'mentor'] },
  { method: 'GET', path: '/staff-tokens', function: 'listStaffTokens', auth: 'staff', roles: ['admin'] },
  { method: 'POST', path: '/staff-tokens', function: 'issueStaffToken', auth: 'staff', roles: ['admin'] },
  { method: 'POST', path: '/staff-tokens/{id}/revoke', function: 'revokeStaffToken', auth: 'staff', roles: ['admin'] },
  { method: 'GET', path: '/certificates/{id}', function: 'verifyCertificate', auth: 'public' },
  { method: 'GET', path: '/openapi.json', function: 'openApiDocument', auth: 'public' },
  { method: 'GET', path: '/docs', function: 'apiDocs', auth: 'public' },
  { method: 'GET', path: '/docs/assets/{file}', function: 'apiDocs', auth: 'public' },
  { method: 'GET', path: '/assets/logo.svg', function: 'agencyLogo', auth: 'public' },
  { method: 'GET', path: '/console', function: 'staffConsole', auth: 'public' },
  { method: 'GET', path: '/console/assets/{file}', function: 'staffConsole', auth: 'public' },
  // Public: they authenticate by the token in the body or the session cookie themselves.
  { method: 'POST', path: '/console/session', function: 'consoleSession', auth: 'public' },
  { method: 'GET', path: '/console/session', function: 'consoleSession', auth: 'public' },
  { method: 'DELETE', path: '/console/session', function: 'consoleSession', auth: 'public' },
  { method: 'POST', path: '/webhooks/docusign', function: 'docusignWebhook', auth: 'signature' },
  { method: 'POST', path: '/webhooks/billing', function: 'billingWebhook', auth: 'signature' },
] as const satisfies readonly RouteSpec[];

export interface RouteThrottle {
  /** Requests a second, steady. */
  rateLimit: number;
  /** Requests at once above the steady rate (the token bucket's size). */
  burstLimit: number;
}

/**
 * API Gateway throttles, set on every route by its kind. Each route has a bucket of its own, so a
 * flood on one route is answered 429 there and leaves the others alone: the public routes (client
 * links, "Talk to us", certificates) cannot starve the webhooks or the staff API. The public limit is
 * far above what the agency's clients open and low enough that a flood stays cheap; the webhooks'
 * covers a provider's retries arriving together (they retry whatever got a 429).
 */
export const routeThrottles = {
  public: { rateLimit: 10, burstLimit: 20 },
  signature: { rateLimit: 50, burstLimit: 100 },
  staff: { rateLimit: 25, burstLimit: 50 },
} as const satisfies Record<RouteAuth, RouteThrottle>;

/** The function API Gateway calls to authorize `staff` routes. */
export const authorizerFunction: FunctionName = 'staffAuthorizer';

export interface ScheduleSpec {
  /** EventBridge schedule expression: `rate(…)` or `cron(…)` (UTC). */
  expression: string;
  function: FunctionName;
  description: string;
}

export const schedules = {
  staffDigest: {
    expression: 'cron(0 13 ? * MON-FRI *)',
    function: 'staffDigest',
    description: 'Weekday 13:00 UTC (07:00/08:00 Chicago) digest for agency staff',
  },
  overdueExamResults: {
    expression: 'rate(1 hour)',
    function: 'overdueExamResults',
    description: 'Hourly check for exam results past their deadline',
  },
  checkInReminders: {
    // On the hour, every hour: each client's Monday 09:00 comes at another UTC hour; the due index makes an empty run one Query.
    expression: 'cron(0 * * * ? *)',
    function: 'checkInReminders',
    description: "Hourly: the check-ins due by now, on each client's Monday morning",
  },
  reconcilePlacements: {
    // Daily, at 11:00 UTC (05:00/06:00 Chicago): stops are picked up by `workflowEvents` at once; this
    // catches a lost event, and what it flags is in the 13:00 digest.
    expression: 'cron(0 11 * * ? *)',
    function: 'reconcilePlacements',
    description: 'Daily safety net behind the execution status events: resumes or flags placements whose execution stopped',
  },
} as const satisfies Record<string, ScheduleSpec>;

export interface StateMachineSpec {
  /** ASL file, relative to the repository root. */
  definition: string;
  description: string;
  /** `${Placeholder}` in the ASL → the function whose ARN fills it. */
  substitutions: Record<string, FunctionName>;
}

export const stateMachines = {
  placementLifecycle: {
    definition: 'statemachines/placement-lifecycle.asl.json',
    description: 'One execution per placement: onboarding, certification week, exam, certificate',
    substitutions: {
      LifecycleStepFunctionArn: 'lifecycleStep',
      DocumentStepFunctionArn: 'documentStep',
    },
  },
} as const satisfies Record<string, StateMachineSpec>;

export type StateMachineName = keyof typeof stateMachines;
/** The statuses of Step Functions' "Execution Status Change" events. */
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface WorkflowEventSpec {
  stateMachine: StateMachineName;
  /** Only events of executions entering these statuses reach the function. */
  statuses: readonly ExecutionStatus[];
  function: FunctionName;
  description: string;
}

/**
 * EventBridge rules on Step Functions' "Step Functions Execution Status Change" events (source
 * `aws.states`) of one state machine. Delivered at least once, possibly twice and at once.
 */
export const workflowEvents = {
  lifecycleStopped: {
    stateMachine: 'placementLifecycle',
    statuses: ['FAILED', 'TIMED_OUT', 'ABORTED'],
    function: 'stoppedLifecycle',
    description: 'A placement lifecycle execution stopped: flag or resume that placement',
  },
} as const satisfies Record<string, WorkflowEventSpec>;
