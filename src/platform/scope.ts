// Who is acting, for which org, and (for a partner user) pinned to which partner.

export interface Actor {
  type: 'user' | 'api_key' | 'system'
  id: string
  /** The role the actor acts with; API keys act as `admin` (read_write) or `analyst` (read). */
  role: string
}

export interface Scope {
  orgId: string
  actor: Actor
  /** Set for partner users: every read and write is limited to this partner. */
  partnerId?: string
}

export const actorLabel = (actor: Actor): string => `${actor.type}:${actor.id}`

export const systemScope = (orgId: string): Scope => ({
  orgId,
  actor: { type: 'system', id: 'credence', role: 'owner' },
})
