import { SFNClient } from '@aws-sdk/client-sfn';
import * as z from 'zod/mini';
import { stepFunctionsPlacementWorkflow } from '../adapters/stepfunctions/placement-workflow';
import { readEnvironment } from './environment';

const { STATE_MACHINE_ARN } = readEnvironment(z.object({ STATE_MACHINE_ARN: z.string().check(z.startsWith('arn:')) }));

/** The placement lifecycle state machine, once per container. */
export const workflow = stepFunctionsPlacementWorkflow(new SFNClient({}), STATE_MACHINE_ARN);
