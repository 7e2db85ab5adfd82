import type { Institution } from '../../shared/contracts/institutions.js';
import type { ItemRow } from '../../db/schema/index.js';

/** An item as the API shows it: never its tokens or Plaid ids. */
export function toInstitution(item: ItemRow): Institution {
  return {
    id: item.id,
    name: item.name,
    logo: item.logo,
    primaryColor: item.primaryColor,
    url: item.url,
    status: item.status,
    health: item.health,
    error: item.errorMessage ? { code: item.errorCode ?? 'UNKNOWN', message: item.errorMessage } : null,
    linkStep: item.linkStep,
    refreshing: item.refreshing,
    refreshedAt: item.refreshedAt?.toISOString() ?? null,
  };
}
