import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ActivityTracker } from './activity';
import { stepFunctionsRoleArn } from './arns';
import { BodyTooLargeError, readBody, sendBodyTooLarge, sendJson } from './http';
import type { StepFunctionsEngine } from './stepfunctions-engine';
import { SfnError, type Execution, type HistoryEvent } from './stepfunctions-types';

/**
 * The Step Functions API subset the code and the AWS tooling use, over the AWS JSON 1.0 protocol
 * (`X-Amz-Target: AWSStepFunctions.<Action>`), in front of the local engine.
 */

const arn = z.string().min(1);
const maxResults = z.number().int().min(0).max(1000).optional();
const nextToken = z.string().optional();

const requests = {
  ListStateMachines: z.object({ maxResults, nextToken }),
  DescribeStateMachine: z.object({ stateMachineArn: arn }),
  StartExecution: z.object({ stateMachineArn: arn, name: z.string().optional(), input: z.string().optional(), traceHeader: z.string().optional() }),
  DescribeExecution: z.object({ executionArn: arn }),
  ListExecutions: z.object({
    stateMachineArn: arn,
    statusFilter: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']).optional(),
    maxResults,
    nextToken,
  }),
  StopExecution: z.object({ executionArn: arn, error: z.string().optional(), cause: z.string().optional() }),
  GetExecutionHistory: z.object({
    executionArn: arn,
    maxResults,
    reverseOrder: z.boolean().optional(),
    nextToken,
    includeExecutionData: z.boolean().optional(),
  }),
  SendTaskSuccess: z.object({ taskToken: z.string().min(1), output: z.string() }),
  SendTaskFailure: z.object({ taskToken: z.string().min(1), error: z.string().optional(), cause: z.string().optional() }),
  SendTaskHeartbeat: z.object({ taskToken: z.string().min(1) }),
} as const;

type Action = keyof typeof requests;

function isAction(name: string): name is Action {
  return Object.hasOwn(requests, name);
}

/** The JSON protocol carries timestamps as epoch seconds. */
function epochSeconds(date: Date | undefined): number | undefined {
  return date === undefined ? undefined : date.getTime() / 1000;
}

function page<T>(items: T[], limit: number | undefined, token: string | undefined): { items: T[]; nextToken?: string } {
  const start = token === undefined ? 0 : Number.parseInt(Buffer.from(token, 'base64url').toString('utf8'), 10);
  if (!Number.isInteger(start) || start < 0) throw new SfnError('InvalidToken', 'Invalid Token: the nextToken is not one this service issued.');
  const size = limit === undefined || limit === 0 ? 100 : limit;
  const end = start + size;
  return {
    items: items.slice(start, end),
    ...(end < items.length ? { nextToken: Buffer.from(String(end)).toString('base64url') } : {}),
  };
}

function executionListItem(execution: Execution) {
  return {
    executionArn: execution.arn,
    stateMachineArn: execution.machine.arn,
    name: execution.name,
    status: execution.status,
    startDate: epochSeconds(execution.startDate),
    stopDate: epochSeconds(execution.stopDate),
  };
}

function withoutExecutionData(event: HistoryEvent): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event.details)) {
    if (typeof value !== 'object' || value === null) continue;
    const { input: _input, output: _output, parameters: _parameters, ...rest } = value as Record<string, unknown>;
    details[key] = rest;
  }
  return details;
}

/** Step Functions API calls answered by this process, by action (free in AWS, counted for the bench). */
const callsByAction: Record<string, number> = {};

export function stepFunctionsApiCalls(): Record<string, number> {
  return { ...callsByAction };
}

export class StepFunctionsService {
  constructor(private readonly engine: StepFunctionsEngine) {}

  handle(action: Action, body: unknown): unknown {
    const { engine } = this;
    callsByAction[action] = (callsByAction[action] ?? 0) + 1;
    switch (action) {
      case 'ListStateMachines': {
        const request = requests.ListStateMachines.parse(body);
        const machines = [...engine.machines.values()].map((machine) => ({
          stateMachineArn: machine.arn,
          name: machine.name,
          type: 'STANDARD',
          creationDate: epochSeconds(machine.creationDate),
        }));
        const { items, nextToken: next } = page(machines, request.maxResults, request.nextToken);
        return { stateMachines: items, nextToken: next };
      }
      case 'DescribeStateMachine': {
        const machine = engine.machine(requests.DescribeStateMachine.parse(body).stateMachineArn);
        return {
          stateMachineArn: machine.arn,
          name: machine.name,
          status: 'ACTIVE',
          definition: machine.definition,
          roleArn: stepFunctionsRoleArn,
          type: 'STANDARD',
          description: machine.description,
          creationDate: epochSeconds(machine.creationDate),
          loggingConfiguration: { level: 'OFF', includeExecutionData: false },
        };
      }
      case 'StartExecution': {
        const request = requests.StartExecution.parse(body);
        const execution = engine.start(request.stateMachineArn, request.name, request.input ?? '{}');
        return { executionArn: execution.arn, startDate: epochSeconds(execution.startDate) };
      }
      case 'DescribeExecution': {
        const execution = engine.execution(requests.DescribeExecution.parse(body).executionArn);
        return {
          ...executionListItem(execution),
          input: execution.input,
          inputDetails: { included: true },
          ...(execution.output === undefined ? {} : { output: execution.output, outputDetails: { included: true } }),
          ...(execution.error === undefined ? {} : { error: execution.error }),
          ...(execution.cause === undefined ? {} : { cause: execution.cause }),
        };
      }
      case 'ListExecutions': {
        const request = requests.ListExecutions.parse(body);
        const executions = engine
          .listExecutions(request.stateMachineArn)
          .filter((execution) => request.statusFilter === undefined || execution.status === request.statusFilter)
          .map(executionListItem);
        const { items, nextToken: next } = page(executions, request.maxResults, request.nextToken);
        return { executions: items, nextToken: next };
      }
      case 'StopExecution': {
        const request = requests.StopExecution.parse(body);
        const execution = engine.stop(request.executionArn, request.error, request.cause);
        return { stopDate: epochSeconds(execution.stopDate) };
      }
      case 'GetExecutionHistory': {
        const request = requests.GetExecutionHistory.parse(body);
        const execution = engine.execution(request.executionArn);
        const ordered = request.reverseOrder ? [...execution.history].reverse() : execution.history;
        const events = ordered.map((event) => ({
          id: event.id,
          previousEventId: event.previousEventId,
          timestamp: epochSeconds(event.timestamp),
          type: event.type,
          ...(request.includeExecutionData === false ? withoutExecutionData(event) : event.details),
        }));
        const { items, nextToken: next } = page(events, request.maxResults, request.nextToken);
        return { events: items, nextToken: next };
      }
      case 'SendTaskSuccess': {
        const request = requests.SendTaskSuccess.parse(body);
        engine.sendTaskSuccess(request.taskToken, request.output);
        return {};
      }
      case 'SendTaskFailure': {
        const request = requests.SendTaskFailure.parse(body);
        engine.sendTaskFailure(request.taskToken, request.error, request.cause);
        return {};
      }
      case 'SendTaskHeartbeat': {
        engine.sendTaskHeartbeat(requests.SendTaskHeartbeat.parse(body).taskToken);
        return {};
      }
    }
  }

  /** The HTTP face: one POST endpoint, the action in X-Amz-Target, errors as `{__type, message}`. */
  listener(activity: ActivityTracker): http.RequestListener {
    return (request, response) => {
      void activity.track(async () => {
        const requestId = randomUUID();
        const reply = (status: number, body: unknown, errorType?: string) =>
          sendJson(response, status, body, {
            'content-type': 'application/x-amz-json-1.0',
            'x-amzn-requestid': requestId,
            ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
          });
        const fail = (status: number, type: string, message: string) => reply(status, { __type: type, message }, type);

        const target = request.headers['x-amz-target'];
        const action = typeof target === 'string' && target.startsWith('AWSStepFunctions.') ? target.slice('AWSStepFunctions.'.length) : '';
        if (request.method !== 'POST' || !isAction(action)) {
          fail(400, 'UnknownOperationException', `The local Step Functions service does not support '${String(target)}'.`);
          return;
        }
        let body: unknown;
        try {
          const raw = (await readBody(request)).toString('utf8');
          body = raw.trim() === '' ? {} : JSON.parse(raw);
        } catch (error) {
          if (error instanceof BodyTooLargeError) {
            const type = 'RequestEntityTooLargeException';
            sendBodyTooLarge(response, { __type: type, message: error.message }, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': requestId, 'x-amzn-errortype': type });
          } else {
            fail(400, 'SerializationException', 'The request body is not valid JSON.');
          }
          return;
        }
        try {
          reply(200, this.handle(action, body));
        } catch (error) {
          if (error instanceof SfnError) fail(400, error.type, error.message);
          else if (error instanceof z.ZodError) fail(400, 'ValidationException', z.prettifyError(error));
          else {
            console.error('local Step Functions service:', error);
            fail(500, 'InternalFailure', 'The local Step Functions service failed; see its log.');
          }
        }
      });
    };
  }
}
