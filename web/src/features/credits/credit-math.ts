// How a credit is read out: shares as percentages, weights to two places, the sum behind a share.
import type { CreditView } from '../../../../src/modules/credits/credits.contract'
import { viewerLocale } from '../../ui/money'

/** An exact decimal share ("0.4049160032") as a percentage for reading, e.g. "40.5%". */
export function formatShare(share: string | number, locale = viewerLocale()): string {
  const value = typeof share === 'number' ? share : Number(share)
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(
    Number.isFinite(value) ? value : 0,
  )
}

export function formatWeight(weight: number, locale = viewerLocale()): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(weight)
}

/** The sum behind a share: "weighed 1.25 of 3.09 → 40.5%". */
export function weighedLine(
  credit: Pick<CreditView, 'actorWeight' | 'totalWeight' | 'share'>,
  locale = viewerLocale(),
): string {
  return `weighed ${formatWeight(credit.actorWeight, locale)} of ${formatWeight(credit.totalWeight, locale)} → ${formatShare(credit.share, locale)}`
}

/** The touch's place in the explanation, so the timeline and the credit can point at each other. */
export const creditTouchAnchor = (touchId: string): string => `credit-touch-${touchId}`
export const timelineTouchAnchor = (touchId: string): string => `touch-${touchId}`

/** Who an actor is, in words: the partner's name, or the vendor's own sellers. */
export const actorName = (credit: { actor: string; partnerName: string | null }): string =>
  credit.actor === 'direct' ? 'Direct (your sellers)' : (credit.partnerName ?? credit.actor)

/** Moves focus to an element on the page and brings it into view (for in-page links). */
export function jumpTo(id: string): void {
  const target = document.getElementById(id)
  if (!target) return
  target.scrollIntoView({ behavior: 'smooth', block: 'center' })
  target.focus({ preventScroll: true })
}

/** The touches that carry weight in a deal's credit, so the timeline can link each to its row. */
export const creditedTouchIds = (credits: readonly CreditView[] | undefined): Set<string> =>
  new Set(
    (credits ?? []).flatMap((credit) =>
      credit.touches.flatMap((touch) => (touch.touchId ? [touch.touchId] : [])),
    ),
  )
