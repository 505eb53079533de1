// What each role may do. Services check; HTTP maps a refusal to 403 once.
import { AppError } from '../../platform/app-error'
import type { Scope } from '../../platform/scope'
import { isPartnerRole, type Role } from './identity.contract'

export type Permission =
  | 'partners.read'
  | 'partners.write'
  | 'journeys.read'
  | 'journeys.write'
  | 'settings.write'
  | 'users.read'
  | 'users.manage'
  | 'api_keys.manage'
  | 'audit.read'
  | 'dev_mail.read'

const everyone: readonly Role[] = [
  'owner',
  'admin',
  'partner_manager',
  'finance',
  'analyst',
  'partner_admin',
  'partner_member',
]

const grants: Record<Permission, readonly Role[]> = {
  'partners.read': everyone,
  'partners.write': ['owner', 'admin', 'partner_manager'],
  'journeys.read': everyone,
  'journeys.write': ['owner', 'admin', 'partner_manager'],
  'settings.write': ['owner', 'admin'],
  'users.read': ['owner', 'admin', 'partner_admin'],
  'users.manage': ['owner', 'admin', 'partner_admin'],
  'api_keys.manage': ['owner', 'admin'],
  'audit.read': ['owner', 'admin', 'finance'],
  'dev_mail.read': ['owner', 'admin'],
}

/** Actions an API key may never take, whatever its scope: keys do not mint keys or manage people. */
const humanOnly: readonly Permission[] = ['api_keys.manage', 'users.manage']

export function can(scope: Scope, permission: Permission): boolean {
  if (scope.actor.type === 'api_key' && humanOnly.includes(permission)) return false
  return (grants[permission] as readonly string[]).includes(scope.actor.role)
}

export function requirePermission(scope: Scope, permission: Permission): void {
  if (!can(scope, permission)) {
    throw new AppError('FORBIDDEN', `Your role (${scope.actor.role}) may not do this (${permission})`)
  }
}

export const isPartnerScope = (scope: Scope): boolean => scope.partnerId !== undefined

/** Roles a user of this scope may grant: staff admins any, a partner admin only partner roles. */
export function canGrantRole(scope: Scope, role: Role): boolean {
  if (scope.actor.role === 'owner') return true
  if (scope.actor.role === 'admin') return role !== 'owner'
  if (scope.actor.role === 'partner_admin') return isPartnerRole(role)
  return false
}
