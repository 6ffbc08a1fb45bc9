import { z } from 'zod';

/** What a deployment needs to know, read from CDK context (cdk.json or `-c key=value`) and validated before synth. */
export const deployConfigSchema = z.object({
  agencyTimezone: z.string().min(1),
  senderAddress: z.email(),
  /** The SES identity (domain or address) the functions may send as. */
  sesIdentity: z.string().min(3),
  customerServiceEmail: z.email(),
  mentorTeamEmail: z.email(),
  proctorsEmail: z.email(),
  publicBaseUrl: z.url(),
  /** DocuSign eSignature REST base: https://demo.docusign.net (developer) or your account's base URI. */
  docusignBaseUrl: z.url(),
  /** Billing provider API base (Stripe format). */
  billingBaseUrl: z.url(),
  /** Who is paged by the alarms; optional so a first synth works before on-call is set up. */
  alarmEmail: z.email().optional(),
});

export type DeployConfig = z.infer<typeof deployConfigSchema>;

export function readDeployConfig(tryGetContext: (key: string) => unknown): DeployConfig {
  const raw = Object.fromEntries(Object.keys(deployConfigSchema.shape).map((key) => [key, tryGetContext(key)]));
  const parsed = deployConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid deployment context (cdk.json or -c): ${fields}`);
  }
  return parsed.data;
}
