// How Salesforce's records read as the sync's fields: the columns the connector offers per kind and
// the default mapping, each rewritable per org through the saved mapping (the values tables too).
import type { ImportKind, ImportMapping } from '../../../journeys'

export const accountColumns = ['id', 'name', 'domain', 'country', 'industry']
export const dealColumns = [
  'id',
  'name',
  'amount',
  'currency',
  'stage',
  'status',
  'type',
  'created_at',
  'closed_at',
  'expected_close',
  'owner_email',
  'account_id',
]
export const touchColumns = [
  'id',
  'opportunity_id',
  'actor',
  'partner',
  'seller',
  'activity_kind',
  'role',
  'occurred_at',
  'subject',
]

/** What the connector read a touch from (the activity_kind column). */
export const activityKinds = {
  partnerRow: 'OpportunityPartner',
  partnerField: 'PartnerField',
  contactRole: 'ContactRole',
} as const

/** Task and Event types the default mapping knows; any other reads as plain Task or Event. */
export const knownActivityTypes = new Set([
  'Call',
  'Email',
  'ListEmail',
  'Meeting',
  'Cadence',
  'LinkedIn',
  'Other',
])

// Salesforce's standard OpportunityPartner roles: each a referral unless the org maps it otherwise
const partnerRoles = [
  'System Integrator',
  'Agency',
  'Advertiser',
  'VAR/Reseller',
  'Distributor',
  'Developer',
  'Broker',
  'Lender',
  'Supplier',
  'Institution',
  'Contractor',
  'Dealer',
  'Consultant',
]

export const salesforceMappings: Record<ImportKind, ImportMapping> = {
  accounts: {
    fields: {
      externalId: { column: 'id' },
      name: { column: 'name', whenBlank: { template: 'Account {id}' } },
      domain: { column: 'domain' },
      country: { column: 'country' },
      industry: { column: 'industry' },
    },
  },
  deals: {
    fields: {
      externalId: { column: 'id' },
      name: { column: 'name', whenBlank: { template: 'Opportunity {id}' } },
      amount: { column: 'amount', whenBlank: { constant: '0' } },
      currency: { column: 'currency' },
      status: { column: 'status' },
      stage: { column: 'stage' },
      type: {
        column: 'type',
        values: {
          'New Business': 'new',
          'New Customer': 'new',
          'Existing Customer - Upgrade': 'expansion',
          'Existing Customer - Replacement': 'renewal',
          'Existing Customer - Downgrade': 'renewal',
          Renewal: 'renewal',
        },
        whenBlank: { constant: 'new' },
      },
      openedAt: { column: 'created_at' },
      closedAt: { column: 'closed_at' },
      expectedCloseAt: { column: 'expected_close' },
      owner: { column: 'owner_email' },
      account: { column: 'account_id' },
    },
  },
  touches: {
    fields: {
      externalId: { column: 'id' },
      deal: { column: 'opportunity_id' },
      actorKind: { column: 'actor' },
      partner: { column: 'partner' },
      seller: { column: 'seller' },
      // a partner row's role decides its activity; anything else (and a row without a role) its kind
      activity: {
        column: 'role',
        values: Object.fromEntries(partnerRoles.map((role) => [role, 'referral'])),
        whenBlank: {
          column: 'activity_kind',
          values: {
            [activityKinds.partnerRow]: 'referral',
            [activityKinds.partnerField]: 'referral',
            [activityKinds.contactRole]: 'co_sell_meeting',
            Call: 'co_sell_meeting',
            Meeting: 'co_sell_meeting',
            Cadence: 'co_sell_meeting',
            LinkedIn: 'co_sell_meeting',
            Other: 'co_sell_meeting',
            Task: 'co_sell_meeting',
            Event: 'co_sell_meeting',
            Email: 'content_share',
            ListEmail: 'content_share',
          },
        },
      },
      occurredAt: { column: 'occurred_at' },
      notes: { column: 'subject' },
    },
  },
}
