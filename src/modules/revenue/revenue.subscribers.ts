// What follows a registration in earlier modules, which may not read revenue themselves: a partner's
// first submitted registration completes its onboarding step (programs keeps the first time).
import { type Subscriber, subscribeTo } from '../../platform/events'
import { noteDealRegistration } from '../programs'
import { revenueEvents } from './revenue.events'

export function revenueSubscribers(): Subscriber[] {
  return [
    subscribeTo(
      revenueEvents,
      'revenue.onboarding-registration',
      ['registration.submitted'],
      async (event, context) => {
        await noteDealRegistration(
          context.tx,
          context.scope,
          event.payload.partnerId,
          event.occurredAt,
          context,
        )
      },
    ),
  ]
}
