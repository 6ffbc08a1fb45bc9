/** The fake account and region the local runtime runs in, and the Step Functions ARNs built from them. */

export const localRegion = 'us-east-1';
export const localAccountId = '000000000000';

/** The role executions report running as; there is no IAM locally. */
export const stepFunctionsRoleArn = `arn:aws:iam::${localAccountId}:role/local-step-functions`;

export function stateMachineArn(name: string): string {
  return `arn:aws:states:${localRegion}:${localAccountId}:stateMachine:${name}`;
}

/** As AWS names an execution: its state machine's ARN, `execution` in place of `stateMachine`, then its name. */
export function executionArn(machineArn: string, name: string): string {
  return `${machineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

/** The shapes AWS checks (any account and region) before it looks an ARN up, answering InvalidArn. */
export function isStateMachineArn(arn: string): boolean {
  return /^arn:aws:states:[^:]+:\d{12}:stateMachine:[^:]+$/.test(arn);
}

export function isExecutionArn(arn: string): boolean {
  return /^arn:aws:states:[^:]+:\d{12}:execution:[^:]+:[^:]+$/.test(arn);
}
