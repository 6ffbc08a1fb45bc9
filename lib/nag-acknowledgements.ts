import { Validations, type Stack } from 'aws-cdk-lib';

/** Every accepted cdk-nag finding, each with the reason it is accepted. */
export function acknowledgeNagFindings(stack: Stack): void {
  Validations.of(stack).acknowledge();
}
