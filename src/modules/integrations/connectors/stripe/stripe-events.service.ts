// Stripe's billing events become revenue facts. Each event is checked with Stripe's own library (the
// signature under the endpoint's secret, a timestamp within five minutes) and taken once by its id:
// - a paid renewal or upgrade invoice → a won renewal or expansion deal on the customer's account,
//   grown from its latest won deal (so recurring models carry the credit on);
// - a refund → a refund on the deal the invoice made, else the account's latest won deal (commission
//   clawbacks follow);
// - a cancelled subscription → churn on the account's latest won deal.
// The customer is the account its metadata (credence_account), email domain or exact name names; a
// match is remembered for the customer's later events. What could not be applied says why.
import { and, eq } from 'drizzle-orm'
import Stripe from 'stripe'
import type { Db } from '../../../../db/client'
import { formatAmount, isCurrencyCode } from '../../../../money'
import { AppError } from '../../../../platform/app-error'
import type { Clock } from '../../../../platform/clock'
import { type Scope, systemScope } from '../../../../platform/scope'
import {
  findBilledAccount,
  findBilledDeal,
  recordRevenueEvent,
  refundedFromSource,
  upsertDeal,
} from '../../../journeys'
import { openCredentials, settingsOf } from '../connections.service'
import { billingCustomers, connections, inboundEvents } from '../connectors.tables'

const toleranceSeconds = 300

export interface StripeDelivery {
  connectionId: string
  rawBody: string
  signature: string | undefined
}

type Outcome = {
  outcome: 'applied' | 'ignored' | 'unmatched' | 'refused'
  detail: string
  dealId?: string | null
}

/** A refused delivery: 400 naming what is wrong (Stripe shows the answer in its webhook log). */
const refused = (path: string, message: string) =>
  new AppError('BAD_REQUEST', `${path}: ${message}`, [{ path, message }])

const iso = (seconds: number | null | undefined, fallback: Date) =>
  (seconds ? new Date(seconds * 1000) : fallback).toISOString()
const domainOf = (email: string | null | undefined) => email?.split('@')[1]?.toLowerCase() ?? null

/**
 * Checks and applies one event; answers what became of it. A bad signature, a stale timestamp or an
 * unknown endpoint is refused with 400 and writes nothing; an event already taken answers as before.
 */
export async function receiveStripeEvent(
  db: Db,
  delivery: StripeDelivery,
  deps: { clock: Clock; secret: string },
): Promise<{ eventId: string; outcome: string; detail: string | null; duplicate: boolean }> {
  const [connection] = await db.select().from(connections).where(eq(connections.id, delivery.connectionId))
  if (connection?.provider !== 'stripe' || connection.status === 'disconnected')
    throw refused('id', 'is not a connected Stripe endpoint of Credence')
  if (!delivery.signature) throw refused('stripe-signature', 'is missing')
  const { webhookSecret } = openCredentials(connection, deps.secret) as { webhookSecret: string }
  let event: Stripe.Event
  try {
    event = Stripe.webhooks.constructEvent(
      delivery.rawBody,
      delivery.signature,
      webhookSecret,
      toleranceSeconds,
      undefined,
      // the library takes the moment of receipt in milliseconds
      deps.clock.now().getTime(),
    )
  } catch (error) {
    throw refused('stripe-signature', error instanceof Error ? error.message : String(error))
  }
  const orgId = connection.orgId
  const [seen] = await db
    .select()
    .from(inboundEvents)
    .where(
      and(
        eq(inboundEvents.orgId, orgId),
        eq(inboundEvents.provider, 'stripe'),
        eq(inboundEvents.eventId, event.id),
      ),
    )
  if (seen) return { eventId: event.id, outcome: seen.outcome, detail: seen.detail, duplicate: true }
  const scope = systemScope(orgId)
  const recordRenewals = (settingsOf(connection) as { recordRenewals: boolean }).recordRenewals
  let result: Outcome
  try {
    result = await apply(db, scope, event, { clock: deps.clock, recordRenewals })
  } catch (error) {
    // a fact Credence refuses (a refund above what was paid, churn twice) is kept with the reason
    if (!(error instanceof AppError)) throw error
    result = { outcome: 'refused', detail: error.errors[0]?.message ?? error.message }
  }
  // the same event at once from two deliveries: the first to write its row is the one kept
  const [kept] = await db
    .insert(inboundEvents)
    .values({
      orgId,
      provider: 'stripe',
      eventId: event.id,
      type: event.type,
      outcome: result.outcome,
      detail: result.detail.slice(0, 500),
      dealId: result.dealId ?? null,
      receivedAt: deps.clock.now(),
    })
    .onConflictDoNothing()
    .returning()
  return { eventId: event.id, outcome: result.outcome, detail: result.detail, duplicate: !kept }
}

interface Customer {
  id: string | null
  ref: string | null
  email: string | null
  name: string | null
}

const customerOf = (object: {
  customer?: string | Stripe.Customer | Stripe.DeletedCustomer | null
  metadata?: Stripe.Metadata | null
}) => (typeof object.customer === 'string' ? object.customer : (object.customer?.id ?? null))

/** The account a customer is: as matched before, else by its metadata, email domain or name. */
async function accountOf(db: Db, orgId: string, customer: Customer, clock: Clock) {
  if (customer.id) {
    const [known] = await db
      .select({ accountId: billingCustomers.accountId })
      .from(billingCustomers)
      .where(
        and(
          eq(billingCustomers.orgId, orgId),
          eq(billingCustomers.provider, 'stripe'),
          eq(billingCustomers.customerId, customer.id),
        ),
      )
    if (known) return known.accountId
  }
  const found = await findBilledAccount(db, orgId, {
    ref: customer.ref,
    domain: domainOf(customer.email),
    name: customer.name,
  })
  if (found && customer.id)
    await db
      .insert(billingCustomers)
      .values({
        orgId,
        provider: 'stripe',
        customerId: customer.id,
        accountId: found.id,
        matchedBy: found.matchedBy,
        updatedAt: clock.now(),
      })
      .onConflictDoNothing()
  return found?.id ?? null
}

const unmatched = (customer: Customer): Outcome => ({
  outcome: 'unmatched',
  detail: `no single account matches customer ${customer.id ?? '(none)'} (${[customer.email, customer.name].filter(Boolean).join(', ') || 'no email or name'}); give the customer a credence_account metadata value or an account its email domain`,
})

async function apply(
  db: Db,
  scope: Scope,
  event: Stripe.Event,
  options: { clock: Clock; recordRenewals: boolean },
): Promise<Outcome> {
  const { clock } = options
  const orgId = scope.orgId
  const now = clock.now()
  if (event.type === 'invoice.paid') {
    const invoice = event.data.object
    const reason = invoice.billing_reason
    const type =
      reason === 'subscription_cycle' ? 'renewal' : reason === 'subscription_update' ? 'expansion' : null
    if (!type || !options.recordRenewals)
      return { outcome: 'ignored', detail: `a ${reason ?? 'one-off'} invoice: its deal comes from the CRM` }
    if (invoice.amount_paid <= 0) return { outcome: 'ignored', detail: 'nothing was paid' }
    const currency = invoice.currency.toUpperCase()
    if (!isCurrencyCode(currency))
      return { outcome: 'refused', detail: `${currency} is not a currency Credence knows` }
    const customer = {
      id: customerOf(invoice),
      ref: invoice.metadata?.credence_account ?? null,
      email: invoice.customer_email,
      name: invoice.customer_name,
    }
    const accountId = await accountOf(db, orgId, customer, clock)
    if (!accountId) return unmatched(customer)
    const parent = await findBilledDeal(db, orgId, { source: 'stripe', externalId: null, accountId })
    const paidAt = iso(invoice.status_transitions?.paid_at, now)
    const { deal } = await upsertDeal(
      db,
      scope,
      {
        name: `${parent?.name ?? invoice.customer_name ?? 'Subscription'} — ${type} ${paidAt.slice(0, 7)}`,
        accountId,
        amount: formatAmount(BigInt(invoice.amount_paid), currency),
        currency,
        stage: 'Paid',
        status: 'won',
        type,
        openedAt: iso(invoice.created, now),
        closedAt: paidAt,
        parentDealId: parent?.id ?? null,
        source: 'stripe',
        externalId: invoice.id ?? event.id,
      },
      clock,
    )
    return {
      outcome: 'applied',
      detail: `${type} of ${deal.amount.amount} ${currency} recorded as ${deal.name}`,
      dealId: deal.id,
    }
  }
  if (event.type === 'charge.refunded') {
    const charge = event.data.object
    const customer = {
      id: customerOf(charge),
      ref: charge.metadata?.credence_account ?? null,
      email: charge.billing_details?.email ?? charge.receipt_email ?? null,
      name: charge.billing_details?.name ?? null,
    }
    const accountId = await accountOf(db, orgId, customer, clock)
    const invoiceId = (charge as unknown as { invoice?: string | null }).invoice ?? null
    const deal = await findBilledDeal(db, orgId, { source: 'stripe', externalId: invoiceId, accountId })
    if (!deal)
      return accountId
        ? { outcome: 'unmatched', detail: 'the account has no won deal to refund' }
        : unmatched(customer)
    // each refund is its own fact; without the list (newer API versions), what the charge's refunds
    // came to beyond those already recorded
    const listed = charge.refunds?.data ?? []
    const refunds = listed.length
      ? listed.map((r) => ({ id: `${charge.id}:${r.id}`, amount: BigInt(r.amount), at: r.created }))
      : [
          {
            id: `${charge.id}:${charge.amount_refunded}`,
            amount:
              BigInt(charge.amount_refunded) -
              (await refundedFromSource(db, orgId, 'stripe', `${charge.id}:`)),
            at: event.created,
          },
        ]
    const details: string[] = []
    for (const refund of refunds) {
      if (refund.amount <= 0n) continue
      const { event: recorded, created } = await recordRevenueEvent(
        db,
        scope,
        deal.id,
        {
          kind: 'refund',
          amount: formatAmount(refund.amount, deal.currency),
          occurredAt: iso(refund.at, now),
          reason: 'Refunded in Stripe',
          source: 'stripe',
          externalId: refund.id,
        },
        clock,
      )
      if (created) details.push(`${recorded.amount?.amount} ${deal.currency}`)
    }
    return {
      outcome: details.length ? 'applied' : 'ignored',
      detail: details.length
        ? `refund of ${details.join(' and ')} on ${deal.name}`
        : 'these refunds were recorded before',
      dealId: deal.id,
    }
  }
  if (event.type === 'customer.subscription.deleted') {
    const subscription = event.data.object
    const customer = {
      id: customerOf(subscription),
      ref: subscription.metadata?.credence_account ?? null,
      email: null,
      name: null,
    }
    const accountId = await accountOf(db, orgId, customer, clock)
    const deal = accountId
      ? await findBilledDeal(db, orgId, { source: 'stripe', externalId: null, accountId })
      : null
    if (!deal)
      return accountId
        ? { outcome: 'unmatched', detail: 'the account has no won deal that churns' }
        : unmatched(customer)
    await recordRevenueEvent(
      db,
      scope,
      deal.id,
      {
        kind: 'churn',
        occurredAt: iso(subscription.ended_at ?? subscription.canceled_at, now),
        reason: 'Subscription cancelled in Stripe',
        source: 'stripe',
        externalId: `${subscription.id}:churn`,
      },
      clock,
    )
    return { outcome: 'applied', detail: `churn on ${deal.name}`, dealId: deal.id }
  }
  return { outcome: 'ignored', detail: `Credence does not use ${event.type} events` }
}
