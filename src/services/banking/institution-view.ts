import type { Institution } from '../../shared/contracts/institutions.js';
import { notFound } from '../../domain/errors.js';
import type { ItemRow } from '../../db/schema/index.js';
import { findOwnItem } from '../../db/repositories/items.js';
import type { ServiceDeps } from '../deps.js';

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

/** The person's institution as the API shows it; 404 for anyone else's. */
export async function getInstitution(deps: Pick<ServiceDeps, 'db'>, userId: string, id: string): Promise<Institution> {
  const item = await findOwnItem(deps.db, userId, id);
  if (!item) throw notFound('That institution');
  return toInstitution(item);
}
