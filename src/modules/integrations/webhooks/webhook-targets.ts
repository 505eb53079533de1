// Where webhooks may be sent: a public address. A URL naming (or resolving to) a loopback, private,
// link-local or otherwise internal address is refused — a tenant must not reach the servers beside
// Credence — unless the server allows private targets (WEBHOOK_ALLOW_PRIVATE_TARGETS, and the local
// demo). Checked when an endpoint is saved and again before each send, as DNS answers can change.
import { lookup } from 'node:dns/promises'
import ipaddr from 'ipaddr.js'

const publicRanges = new Set(['unicast'])

/** Whether an IP address (v4, v6, or v4 inside v6) is a public unicast address. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false
  const parsed = ipaddr.process(address)
  return publicRanges.has(parsed.range())
}

/** Why this URL may not be a target, or null when it may. */
export async function refusedTarget(url: string, allowPrivate: boolean): Promise<string | null> {
  if (allowPrivate) return null
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return 'names this machine (localhost)'
  if (ipaddr.isValid(host))
    return isPublicAddress(host) ? null : `is an internal address (${host}), not a public one`
  const addresses = await lookup(host, { all: true }).catch(() => null)
  if (!addresses || addresses.length === 0) return `names a host that does not resolve (${host})`
  const inside = addresses.find((a) => !isPublicAddress(a.address))
  return inside ? `resolves to an internal address (${inside.address}), not a public one` : null
}
