import type { ItemRow } from '../../db/schema/index.js';
import type { ItemRef } from '../../integrations/plaid/client.js';
import type { ServiceDeps } from '../deps.js';

const ACCESS_TOKEN = 'items.access_token';
const PUBLIC_TOKEN = 'jobs.public_token';

export const sealAccessToken = (deps: Pick<ServiceDeps, 'keyring'>, token: string) => deps.keyring.seal(token, ACCESS_TOKEN);
export const openAccessToken = (deps: Pick<ServiceDeps, 'keyring'>, sealed: string) => deps.keyring.open(sealed, ACCESS_TOKEN);

export function accessTokenOf(deps: Pick<ServiceDeps, 'keyring'>, item: ItemRow): string | null {
  return item.accessTokenSealed ? openAccessToken(deps, item.accessTokenSealed) : null;
}

/** Public tokens wait in the job queue's table, so they are sealed there too. */
export const sealPublicToken = (deps: Pick<ServiceDeps, 'keyring'>, token: string) => deps.keyring.seal(token, PUBLIC_TOKEN);
export const openPublicToken = (deps: Pick<ServiceDeps, 'keyring'>, sealed: string) => deps.keyring.open(sealed, PUBLIC_TOKEN);

/** What Plaid calls about this item are counted under: its per-item limits and its institution's circuit. */
export const itemKeyOf = (item: ItemRow): ItemRef => ({ key: item.plaidItemId ?? item.id, institutionId: item.plaidInstitutionId });
