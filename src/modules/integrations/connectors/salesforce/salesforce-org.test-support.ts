// The Salesforce org the connector's end-to-end test reads: a customer (Globex) and two partner accounts
// (one by Type, one by IsPartner), a partner's and a customer's contact, three opportunities (won with
// the partner lookup set, open, and one with a malformed amount), two partner rows, two contact roles,
// partner rows, tasks on opportunities and on an account, and a meeting with the partner's contact.
import type { SalesforceFake } from './salesforce-fake.test-support'

/** Fills the fake; answers the ids the test asserts on. `aSecondLater` moves Salesforce's clock on. */
export function seedOrg(fake: SalesforceFake, aSecondLater: () => void): Record<string, string> {
  const ids: Record<string, string> = {}
  const dana = fake.addUser('dana@vendor.example', 'unused-password', 'dana@vendor.example')
  const globex = fake.insert('Account', {
    Name: 'Globex',
    Website: 'https://www.Globex.example/about',
    BillingCountry: 'Germany',
    Industry: 'Manufacturing',
    Type: 'Customer - Direct',
  })
  const northwind = fake.insert('Account', { Name: 'Northwind Partners', Type: 'Partner' })
  const acme = fake.insert('Account', { Name: 'Acme Reseller', IsPartner: true })
  ids.globex = globex.Id
  const nora = fake.insert('Contact', { LastName: 'Partner', AccountId: northwind.Id })
  const gus = fake.insert('Contact', { LastName: 'Buyer', AccountId: globex.Id })
  // the malformed opportunity is older than the others (a sync reads its newest change again)
  const bad = fake.insert('Opportunity', {
    Name: 'Broken',
    Amount: 'twelve',
    StageName: 'Closed Lost',
    IsClosed: true,
    IsWon: false,
    CreatedDate: '2025-12-20T00:00:00.000+0000',
    CloseDate: '2026-01-20',
    AccountId: globex.Id,
  })
  // SOQL compares date-times to the second: the others change a second later
  aSecondLater()
  const won = fake.insert('Opportunity', {
    Name: 'Globex platform',
    Amount: 12000.5,
    CurrencyIsoCode: 'EUR',
    StageName: 'Closed Won',
    IsClosed: true,
    IsWon: true,
    Type: 'New Business',
    CreatedDate: '2025-12-01T00:00:00.000+0000',
    CloseDate: '2026-02-01',
    OwnerId: dana.Id,
    AccountId: globex.Id,
    Partner_Account__c: acme.Id,
  })
  const open = fake.insert('Opportunity', {
    Name: 'Globex expansion',
    Amount: 5000,
    StageName: 'Negotiation/Review',
    IsClosed: false,
    IsWon: false,
    Type: 'Existing Customer - Upgrade',
    CreatedDate: '2025-12-15T00:00:00.000+0000',
    CloseDate: '2026-04-30',
    AccountId: globex.Id,
  })
  Object.assign(ids, { bad: bad.Id, won: won.Id, open: open.Id })
  ids.partnerRow = fake.insert('OpportunityPartner', {
    OpportunityId: won.Id,
    AccountToId: northwind.Id,
    Role: 'VAR/Reseller',
    IsPrimary: true,
  }).Id
  ids.openPartnerRow = fake.insert('OpportunityPartner', {
    OpportunityId: open.Id,
    AccountToId: acme.Id,
    Role: 'Distributor',
    IsPrimary: false,
  }).Id
  ids.partnerRole = fake.insert('OpportunityContactRole', {
    OpportunityId: won.Id,
    ContactId: nora.Id,
    Role: 'Technical Buyer',
  }).Id
  ids.buyerRole = fake.insert('OpportunityContactRole', {
    OpportunityId: won.Id,
    ContactId: gus.Id,
    Role: 'Decision Maker',
  }).Id
  ids.call = fake.insert('Task', {
    Subject: 'Discovery',
    WhatId: won.Id,
    WhoId: gus.Id,
    AccountId: globex.Id,
    OwnerId: dana.Id,
    TaskSubtype: 'Call',
    ActivityDate: '2026-01-05',
  }).Id
  ids.followUp = fake.insert('Task', {
    Subject: 'Follow-up',
    WhatId: open.Id,
    AccountId: globex.Id,
    OwnerId: dana.Id,
    TaskSubtype: 'Call',
    ActivityDate: '2026-01-06',
  }).Id
  // a task on the account, not on an opportunity: no touch
  fake.insert('Task', {
    Subject: 'Account review',
    WhatId: globex.Id,
    OwnerId: dana.Id,
    TaskSubtype: 'Task',
  })
  ids.meeting = fake.insert('Event', {
    Subject: 'Joint demo',
    WhatId: won.Id,
    WhoId: nora.Id,
    AccountId: globex.Id,
    OwnerId: dana.Id,
    Type: 'Meeting',
    ActivityDateTime: '2026-01-10T10:00:00.000+0000',
  }).Id
  return ids
}
