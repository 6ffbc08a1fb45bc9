import { describe, expect, it } from 'vitest';
import { derivedClientLinkKeys } from '../../../functions/adapters/secrets/client-link-keys';
import { clientLinks, placementForClientLink } from '../../../functions/application/client-links';
import { config, newPlacement } from '../../support/domain-fixtures';

// The key in a client's links is derived from the placement id under a secret: nothing stored in the
// table opens a client's links, and the same placement always gets the same key.

const keys = derivedClientLinkKeys('a-secret-of-thirty-two-characters!');
const placement = newPlacement('01JPLACEMENT0000000000000A');
const placements = { get: async (id: string) => (id === placement.id ? placement : undefined) };

describe("a client's link key", () => {
  it('is the same for a placement every time, different for another placement or another secret', () => {
    expect(keys.keyFor(placement.id)).toBe(keys.keyFor(placement.id));
    expect(keys.keyFor(placement.id)).not.toBe(keys.keyFor('01JPLACEMENT0000000000000B'));
    expect(derivedClientLinkKeys('another-secret-of-thirty-two-chars').keyFor(placement.id)).not.toBe(keys.keyFor(placement.id));
    expect(keys.keyFor(placement.id)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('is not on the placement, and opens the placement from the links built with it', async () => {
    const { signingUrl } = clientLinks(placement, config, keys);
    const key = new URL(signingUrl).searchParams.get('key') ?? '';

    expect(placement.clientLinkKey).toBeUndefined();
    expect(JSON.stringify(placement)).not.toContain(key);
    await expect(placementForClientLink(placements, keys, placement.id, key)).resolves.toBe(placement);
    await expect(placementForClientLink(placements, derivedClientLinkKeys('another-secret-of-thirty-two-chars'), placement.id, key)).rejects.toThrow(
      'This link is not valid.',
    );
  });

  it('refuses a secret too short to keep keys unguessable', () => {
    expect(() => derivedClientLinkKeys('short')).toThrow('at least 16 characters');
  });
});
