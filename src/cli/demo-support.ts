// The demo org's support tickets, so the console's inbox and the portal's Support tab have something to
// show in every state: the demo partner's urgent ticket nobody has answered (its SLA breached), one due
// soon, one waiting on the partner team with an internal note, one resolved; another partner's ticket
// assigned to the partner manager and one closed. Files need file storage, which seeding has none of.
import type { Db } from '../db/client'
import { addInternalNote, openTicket, replyToTicket, updateTicket } from '../modules/programs'
import { fixedClock } from '../platform/clock'
import type { Scope } from '../platform/scope'

const hour = 3_600_000

export async function seedDemoSupport(
  db: Db,
  options: {
    asOf: Date
    /** The demo partner's login, acting for its partner. */
    partnerScope: Scope
    /** The partner manager, answering for the partner team. */
    managerScope: Scope
    otherPartnerId: string
  },
): Promise<void> {
  const { asOf, partnerScope, managerScope } = options
  const deps = (hoursAgo: number) => ({
    clock: fixedClock(new Date(asOf.getTime() - hoursAgo * hour)),
    publicUrl: 'http://localhost:3000',
  })

  // urgent and unanswered for five hours: its first response was due after two
  await openTicket(
    db,
    partnerScope,
    {
      subject: 'Portal sign-in fails for our new seller',
      category: 'technical',
      priority: 'urgent',
      message:
        'Our new seller gets “invalid invitation” when she follows the link. We have a customer call tomorrow.',
    },
    deps(5),
  )

  // a normal ticket whose first response is due within the warning hours
  await openTicket(
    db,
    partnerScope,
    {
      subject: 'Which price list applies to renewals?',
      category: 'question',
      priority: 'normal',
      message: 'For a renewal signed this month, do we quote from the 2026 price list or the original one?',
    },
    deps(21),
  )

  // back and forth, now waiting on the partner team, with a note the partner never sees
  const commission = await openTicket(
    db,
    partnerScope,
    {
      subject: 'Commission missing on the Harbor renewal',
      category: 'commission',
      priority: 'high',
      message: 'The Harbor renewal closed last week, but no commission line shows in the portal yet.',
    },
    deps(50),
  )
  await replyToTicket(
    db,
    managerScope,
    commission.id,
    { message: 'Thanks — can you confirm the deal name as it reads in your CRM?' },
    deps(46),
  )
  await replyToTicket(
    db,
    partnerScope,
    commission.id,
    { message: 'It is “Harbor Logistics — renewal 2026”. Our seller ran the demo in September.' },
    deps(30),
  )
  await addInternalNote(
    db,
    managerScope,
    commission.id,
    { message: 'The renewal came in from billing without the partner touch; asked RevOps to add it.' },
    deps(28),
  )

  // answered and resolved in time
  const registration = await openTicket(
    db,
    partnerScope,
    {
      subject: 'Registering a deal for an existing customer',
      category: 'deal_registration',
      priority: 'low',
      message: 'Can we register an expansion for a customer we already brought in last year?',
    },
    deps(240),
  )
  await replyToTicket(
    db,
    managerScope,
    registration.id,
    { message: 'Yes: register it as an expansion; the original account stays yours for 24 months.' },
    deps(230),
  )
  await updateTicket(db, managerScope, registration.id, { status: 'resolved' }, deps(200))

  // another partner's: one assigned to the partner manager, one closed
  const assigned = await openTicket(
    db,
    managerScope,
    {
      partnerId: options.otherPartnerId,
      subject: 'Co-marketing funds for the spring campaign',
      category: 'other',
      priority: 'normal',
      message: 'We set aside funds for a joint webinar in March: please send the proposal template.',
    },
    deps(30),
  )
  await updateTicket(db, managerScope, assigned.id, { assigneeId: managerScope.actor.id }, deps(29))
  const closed = await openTicket(
    db,
    managerScope,
    {
      partnerId: options.otherPartnerId,
      subject: 'Your tax form is missing a signature',
      category: 'other',
      priority: 'low',
      message: 'The W-9 you uploaded is not signed; please upload a signed copy from the Tax form tab.',
    },
    deps(400),
  )
  await updateTicket(db, managerScope, closed.id, { status: 'closed' }, deps(380))
}
