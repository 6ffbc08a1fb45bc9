import type { ProviderEventDeps } from '../application/provider-events';
import { agency } from './agency';
import { clientLinkKeys } from './client-link-keys';
import { systemClock } from './clock';
import { mailer } from './mailer';
import { placements } from './placements';
import { workflow } from './workflow';

/** What both webhooks act through (the link keys read once per container). */
export async function providerEventDeps(): Promise<ProviderEventDeps> {
  return { placements, workflow, mailer, agency, linkKeys: await clientLinkKeys(), clock: systemClock };
}
