/**
 * Per-object checks, for routes that load a thing by id: a principal sees an
 * object it owns, or any object when it holds a role that sees all of that
 * kind. An object it may not see answers 404 exactly like a missing one, so
 * guessing ids tells nothing.
 */
import type { Role } from '@ledgerflow/shared';
import { notFound } from '../http/http-error.js';
import { hasAnyRole, type Principal } from './principal.js';

/** True when `principal` is the owner (by user id, or as `actor`) or holds one of `seeAll`. */
export function ownsOrHolds(
  principal: Principal,
  ownerId: string | null | undefined,
  seeAll: readonly Role[] = ['admin'],
): boolean {
  if (ownerId && (ownerId === principal.user.id || ownerId === principal.actor)) return true;
  return hasAnyRole(principal, seeAll);
}

/**
 * Returns the object when it exists and `visible` allows it; otherwise throws
 * the same 404 a missing object gets.
 */
export function visibleOr404<T>(
  principal: Principal,
  object: T | undefined,
  visible: (principal: Principal, object: T) => boolean,
  entity: string,
  id: string,
): T {
  if (object === undefined || !visible(principal, object)) throw notFound(entity, id);
  return object;
}
