// Identity's records and routes for the API suites that span every route.
import { created, type ModuleFixture } from '../../platform/fixtures'

const password = 'fixture password 42'
// a 1×1 PNG
export const fixtureLogo = {
  contentType: 'image/png',
  dataBase64:
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
}

export const identityFixture: ModuleFixture = {
  async seed(client) {
    // a user made the way users are made: an invitation, accepted
    const invited = await created(
      client.post('/api/v1/invitations', { email: `member.${Date.now()}@fixture.test`, role: 'analyst' }),
      'invitation to accept',
    )
    const token = invited.link!.split('/invite/')[1]!
    const accepted = await created(
      client.post('/api/v1/auth/accept-invitation', { token, name: 'Fixture Member', password }),
      'accept invitation',
    )
    const pending = await created(
      client.post('/api/v1/invitations', { email: `pending.${Date.now()}@fixture.test`, role: 'analyst' }),
      'pending invitation',
    )
    const key = await created(
      client.post('/api/v1/api-keys', { name: 'Fixture key', scope: 'read' }),
      'API key',
    )
    const branding = await created(client.put('/api/v1/org/branding/logo', fixtureLogo), 'logo')
    return {
      logoHash: branding.logoUrl!.split('/').at(-1)!,
      user: (accepted.user as unknown as { id: string }).id,
      invitation: pending.id!,
      apiKey: key.id!,
    }
  },
  routes: (ids) => ({
    'POST /api/v1/auth/login': { body: { email: 'nobody@fixture.test', password: 'wrong password' } },
    'POST /api/v1/auth/accept-invitation': {
      body: { token: 'e30.c2lnbmF0dXJl', name: 'Eve', password: 'long enough pw' },
    },
    'GET /api/v1/auth/invitations/{token}': { params: { token: 'e30.c2ln' } },
    'PATCH /api/v1/users/{id}': { params: { id: ids.user! }, body: { name: 'Renamed Member' } },
    'POST /api/v1/invitations': { body: { email: 'second@fixture.test', role: 'analyst' } },
    'DELETE /api/v1/invitations/{id}': { params: { id: ids.invitation! } },
    'POST /api/v1/api-keys': { body: { name: 'Another key', scope: 'read' } },
    'DELETE /api/v1/api-keys/{id}': { params: { id: ids.apiKey! } },
    'PATCH /api/v1/org': { body: { reportingCurrency: 'EUR' } },
    'PUT /api/v1/org/branding': {
      body: { programName: 'Fixture Partner Network', primaryColor: '#0b7285', portalDomain: null },
    },
    'PUT /api/v1/org/branding/logo': { body: fixtureLogo },
    'GET /api/v1/branding/logos/{hash}': { params: { hash: ids.logoHash! } },
    // nothing listens on port 9: the issuer's discovery fails, so a valid call is refused naming it
    'PUT /api/v1/sso/connection': {
      body: {
        issuer: 'http://127.0.0.1:9',
        clientId: 'fixture-client',
        clientSecret: 'fixture client secret',
        domains: ['sso.fixture.test'],
        defaultRole: 'analyst',
        allowPartnerUsers: false,
        enabled: true,
      },
    },
  }),
  lists: [
    '/api/v1/users',
    '/api/v1/invitations',
    '/api/v1/api-keys',
    '/api/v1/dev/mail',
    '/api/v1/org',
    '/api/v1/org/branding',
    '/api/v1/branding',
    '/api/v1/sso/connection',
  ],
  // public: a logo is addressed by its content, for mail to show
  notTenantScoped: ['GET /api/v1/auth/invitations/{token}', 'GET /api/v1/branding/logos/{hash}'],
}
