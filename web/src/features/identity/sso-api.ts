// Single sign-on: the org's provider as admins set it, and the sign-in page's question whether an
// email signs in through one.
import type {
  SsoConnectionInput,
  SsoDiscoverView,
  SsoSettingsView,
} from '../../../../src/modules/identity/sso.contract'
import { http } from '../../ui/api-client'

export const ssoApi = {
  get: () => http.get<SsoSettingsView>('/sso/connection'),
  save: (input: SsoConnectionInput) => http.put<SsoSettingsView>('/sso/connection', input),
  remove: () => http.delete('/sso/connection'),
  discover: (email: string) => http.get<SsoDiscoverView>('/sso/discover', { email }),
}

export const ssoKey = ['sso', 'connection'] as const
