import { describe, expect, it } from 'vitest';
import { floorEntry } from '../../../bin/bench/bundles';
import { functions } from '../../../lib/manifest';

// A function's cold start is judged against its floor: the SDK clients the manifest says it uses, and
// nothing else. A floor with a client too many would hide our own code's cost; one too few would blame it.

const clientsIn = (entry: string) => [...entry.matchAll(/from '(@aws-sdk\/[a-z-]+)'/g)].map(([, module]) => module).sort();

describe("a function's floor bundle", () => {
  it('holds the table, email, workflow and secrets clients of a webhook that uses them all', () => {
    expect(clientsIn(floorEntry(functions.billingWebhook))).toEqual([
      '@aws-sdk/client-dynamodb',
      '@aws-sdk/client-secrets-manager',
      '@aws-sdk/client-ses',
      '@aws-sdk/client-sfn',
      '@aws-sdk/lib-dynamodb',
    ]);
  });

  it("holds only the table's clients for the authorizer", () => {
    expect(clientsIn(floorEntry(functions.staffAuthorizer))).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']);
  });

  it('is empty for a function without the table, email, workflow or secrets', () => {
    expect(clientsIn(floorEntry(functions.agencyLogo))).toEqual([]);
    expect(floorEntry(functions.agencyLogo)).toBe('export const clients = [];');
  });
});
