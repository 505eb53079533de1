// What each role may do. Each module declares its own permissions with definePermissions; services
// check them, and HTTP maps a refusal to 403 once.
import { AppError } from '../../platform/app-error'
import type { Scope } from '../../platform/scope'
import { isPartnerRole, type Role, roles, staffRoles } from './identity.contract'

/** Role sets modules build their grants from. */
export const roleSets = {
  everyone: roles,
  staff: staffRoles,
  managers: ['owner', 'admin', 'partner_manager'],
  admins: ['owner', 'admin'],
} as const satisfies Record<string, readonly Role[]>

export interface Grant {
  roles: readonly Role[]
  /** An API key may never hold it, whatever its scope (keys do not mint keys or manage people). */
  humansOnly?: boolean
}

export interface Permissions<Name extends string> {
  /** Permission → roles, for docs and tests. */
  readonly table: Readonly<Record<Name, readonly Role[]>>
  can(scope: Scope, permission: Name): boolean
  require(scope: Scope, permission: Name): void
}

export function definePermissions<const G extends Record<string, Grant>>(
  grants: G,
): Permissions<keyof G & string> {
  type Name = keyof G & string
  const can = (scope: Scope, permission: Name): boolean => {
    const grant = grants[permission]!
    if (scope.actor.type === 'api_key' && grant.humansOnly) return false
    return (grant.roles as readonly string[]).includes(scope.actor.role)
  }
  return {
    table: Object.fromEntries(Object.entries(grants).map(([name, g]) => [name, g.roles])) as Record<
      Name,
      readonly Role[]
    >,
    can,
    require(scope, permission) {
      if (!can(scope, permission))
        throw new AppError('FORBIDDEN', `Your role (${scope.actor.role}) may not do this (${permission})`)
    },
  }
}

export const identityPermissions = definePermissions({
  'settings.write': { roles: roleSets.admins },
  'users.read': { roles: ['owner', 'admin', 'partner_admin'] },
  'users.manage': { roles: ['owner', 'admin', 'partner_admin'], humansOnly: true },
  'api_keys.manage': { roles: roleSets.admins, humansOnly: true },
  'audit.read': { roles: ['owner', 'admin', 'finance'] },
  'dev_mail.read': { roles: roleSets.admins },
  // who signs in through which provider is access, like managing people: never an API key
  'sso.manage': { roles: roleSets.admins, humansOnly: true },
})

export const isPartnerScope = (scope: Scope): boolean => scope.partnerId !== undefined

/** Roles a user of this scope may grant: staff admins any, a partner admin only partner roles. */
export function canGrantRole(scope: Scope, role: Role): boolean {
  if (scope.actor.role === 'owner') return true
  if (scope.actor.role === 'admin') return role !== 'owner'
  if (scope.actor.role === 'partner_admin') return isPartnerRole(role)
  return false
}
