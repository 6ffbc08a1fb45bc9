import type { ProviderEventDeps } from '../application/provider-events';
import { agency } from './agency';
import { systemClock } from './clock';
import { mailer } from './mailer';
import { placements } from './placements';
import { workflow } from './workflow';

/** What both webhooks act through, built once per container. */
export const providerEventDeps: ProviderEventDeps = { placements, workflow, mailer, agency, clock: systemClock };
