import type { DocumentStepName } from '../functions/application/lifecycle/document-steps';
import type { LifecycleStepName } from '../functions/application/lifecycle/steps';

/**
 * The placement lifecycle's state machine, written once in TypeScript: every Task is a lifecycle step
 * (functions/application/lifecycle/steps.ts, or document-steps.ts for the two that draw a PDF and run in
 * the document function) with the same retries and failure handling, so those are
 * stated here once instead of fifteen times. `npm run asl` writes placement-lifecycle.asl.json, which
 * AWS and the local runtime both run; a test fails if the two differ.
 */

type State = Record<string, unknown>;

const flagForAttention = 'Flag the placement for attention';

/** Lambda's own hiccups, retried quickly; then the step's failures (a throttled SES, a provider's 5xx), retried slower. */
const retries = [
  {
    ErrorEquals: [
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
      'Lambda.TooManyRequestsException',
      'Lambda.Unknown',
    ],
    IntervalSeconds: 2,
    MaxAttempts: 6,
    BackoffRate: 2,
    JitterStrategy: 'FULL',
  },
  { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 10, MaxAttempts: 3, BackoffRate: 3, JitterStrategy: 'FULL' },
];

/** What still fails after the retries flags the placement for a person. */
const failure = { ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: flagForAttention };

interface StepOptions {
  next: string;
  /** Where the step's answer goes in the state; null keeps the input as it was. */
  resultPath: string | null;
  /** The fields of the step's answer to keep (`$.Payload.<field>`). */
  keep?: string[];
  /** Payload entries besides `step` and `placementId`. */
  payload?: Record<string, string>;
}

type StepName = LifecycleStepName | DocumentStepName;

/** The steps that draw a PDF run in the document function, so that only it loads the PDF and font code. */
const documentStepNames: readonly string[] = ['prepareContractAndReserve', 'issueCertificate'] satisfies DocumentStepName[];

function payloadOf(step: StepName, extra: Record<string, string> = {}) {
  const functionArn = documentStepNames.includes(step) ? '${DocumentStepFunctionArn}' : '${LifecycleStepFunctionArn}';
  return { FunctionName: functionArn, Payload: { step, 'placementId.$': '$.placementId', ...extra } };
}

const kept = (fields: string[] | undefined) =>
  fields === undefined ? {} : { ResultSelector: Object.fromEntries(fields.map((field) => [`${field}.$`, `$.Payload.${field}`])) };

/** A Task that runs one lifecycle step. */
function step(name: StepName, options: StepOptions): State {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: payloadOf(name, options.payload),
    ...kept(options.keep),
    ResultPath: options.resultPath,
    Retry: retries,
    Catch: [failure],
    Next: options.next,
  };
}

/** A callback Task: the step stores its token and the state waits until a person's act resumes it, or it times out. */
function waitForPeople(name: LifecycleStepName, options: { timeoutPath: string; onTimeout: string; resultPath: string; next: string }): State {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Parameters: payloadOf(name, { 'taskToken.$': '$$.Task.Token' }),
    TimeoutSecondsPath: options.timeoutPath,
    ResultPath: options.resultPath,
    Retry: retries,
    Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: null, Next: options.onTimeout }, failure],
    Next: options.next,
  };
}

const waitUntil = (timestampPath: string, next: string): State => ({ Type: 'Wait', TimestampPath: timestampPath, Next: next });

const whether = (variable: string, next: string, otherwise: string): State => ({
  Type: 'Choice',
  Choices: [{ Variable: variable, BooleanEquals: true, Next: next }],
  Default: otherwise,
});

const done: State = { Type: 'Succeed' };

const afterEachCheck = ['secondsUntilNextCheck'];
const weekSoFar = ['moreSessions', 'nextSessionAt', 'examAt'];

export const placementLifecycle = {
  Comment:
    'The certification phase of one placement: contract and reserve, the onboarding links and reminders, the certification week, the Friday exam, then the certificate and first day or a kind no. The placement item is the truth; this execution only drives it and can be restarted from it.',
  StartAt: 'Plan from the placement',
  States: {
    'Plan from the placement': step('plan', {
      payload: { 'executionArn.$': '$$.Execution.Id' },
      keep: ['stage', 'linksAt', 'weekStartsAt', 'examAt', 'startsAt'],
      resultPath: '$.plan',
      next: 'Where does the placement stand?',
    }),
    'Where does the placement stand?': {
      Type: 'Choice',
      Choices: Object.entries({
        onboarding: 'Prepare the contract and the reserve',
        paperwork: 'Check on the paperwork',
        ready: 'Fix the certification week',
        certification: 'Start the certification week',
        exam: 'Begin the exam',
        certified: 'Issue the certificate',
      }).map(([stage, next]) => ({ Variable: '$.plan.stage', StringEquals: stage, Next: next })),
      Default: 'Nothing left to do',
    },
    'Prepare the contract and the reserve': step('prepareContractAndReserve', {
      resultPath: null,
      next: 'Wait until the onboarding links are due',
    }),
    'Wait until the onboarding links are due': waitUntil('$.plan.linksAt', 'Send the onboarding links'),
    'Send the onboarding links': step('sendOnboardingLinks', {
      keep: afterEachCheck,
      resultPath: '$.paperwork',
      next: 'Wait for the contract and the reserve',
    }),
    'Wait for the contract and the reserve': waitForPeople('awaitPaperwork', {
      timeoutPath: '$.paperwork.secondsUntilNextCheck',
      onTimeout: 'Check on the paperwork',
      resultPath: '$.paperworkOutcome',
      next: 'Was the placement cancelled?',
    }),
    'Check on the paperwork': step('checkOnPaperwork', {
      keep: afterEachCheck,
      resultPath: '$.paperwork',
      next: 'Wait for the contract and the reserve',
    }),
    'Was the placement cancelled?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.paperworkOutcome.paperwork', StringEquals: 'cancelled', Next: 'Placement cancelled' }],
      Default: 'Fix the certification week',
    },
    'Fix the certification week': step('fixCertificationWeek', {
      keep: ['weekStartsAt', 'examAt'],
      resultPath: '$.week',
      next: 'Wait for the certification Monday',
    }),
    'Wait for the certification Monday': waitUntil('$.week.weekStartsAt', 'Start the certification week'),
    'Start the certification week': step('startCertificationWeek', {
      keep: weekSoFar,
      resultPath: '$.week',
      next: 'Another session this week?',
    }),
    'Another session this week?': whether('$.week.moreSessions', 'Wait for the next session', 'Wait for the Friday exam'),
    'Wait for the next session': waitUntil('$.week.nextSessionAt', "Hold the day's session"),
    "Hold the day's session": step('holdSession', { keep: weekSoFar, resultPath: '$.week', next: 'Another session this week?' }),
    'Wait for the Friday exam': waitUntil('$.week.examAt', 'Begin the exam'),
    'Begin the exam': step('beginExam', { keep: afterEachCheck, resultPath: '$.examWait', next: 'Wait for the exam result' }),
    'Wait for the exam result': waitForPeople('awaitExamResult', {
      timeoutPath: '$.examWait.secondsUntilNextCheck',
      onTimeout: 'Remind the proctors',
      resultPath: '$.exam',
      next: 'Did the VE pass?',
    }),
    'Remind the proctors': step('remindProctors', { keep: afterEachCheck, resultPath: '$.examWait', next: 'Wait for the exam result' }),
    'Did the VE pass?': whether('$.exam.passed', 'Issue the certificate', 'Tell the client kindly'),
    'Issue the certificate': step('issueCertificate', { keep: ['startsAt'], resultPath: '$.start', next: 'Wait for the first working day' }),
    'Wait for the first working day': waitUntil('$.start.startsAt', 'Welcome the first day'),
    'Welcome the first day': step('welcomeFirstDay', { resultPath: null, next: 'Certified and started' }),
    'Tell the client kindly': step('concludeNotCertified', { resultPath: null, next: 'Back to interviews' }),
    'Certified and started': done,
    'Back to interviews': done,
    'Placement cancelled': done,
    'Nothing left to do': done,
    // The one Task without a Catch: after its retries the execution fails, and the alarm pages.
    [flagForAttention]: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: payloadOf('flagForAttention', { 'failure.$': '$.failure' }),
      ResultPath: null,
      Retry: retries,
      Next: 'Needs attention',
    },
    'Needs attention': {
      Type: 'Fail',
      Error: 'PlacementNeedsAttention',
      Cause: 'A lifecycle step failed; the placement is flagged and Customer Service was told.',
    },
  },
};

/** The ASL file's text, exactly as checked in. */
export const placementLifecycleAsl = `${JSON.stringify(placementLifecycle, null, 2)}\n`;
