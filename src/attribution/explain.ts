import { DAY_MS } from './prepare'
import type { CreditAdjustment, TouchExplanation } from './types'

export function formatWeight(weight: number): string {
  if (weight === 0) return '0'
  if (Math.abs(weight) >= 0.01) return String(Math.round(weight * 100) / 100)
  return weight.toPrecision(2)
}

export function formatPercent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`
}

export function describeDays(days: number, isOpen: boolean): string {
  const end = isOpen ? 'the as-of date' : 'close'
  if (days < 1) return `on the day of ${end}`
  const rounded = Math.round(days * 10) / 10
  return `${rounded} ${rounded === 1 ? 'day' : 'days'} before ${end}`
}

export function daysBefore(at: number, referenceTime: number): number {
  return Math.max(0, (referenceTime - at) / DAY_MS)
}

export function joinPhrases(phrases: readonly string[]): string {
  if (phrases.length <= 1) return phrases[0] ?? ''
  return `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`
}

/** How an activity reads in a sentence: its label (lower-cased, unless an acronym) or else its key. */
export function activityPhrase(activity: string, labels?: Readonly<Record<string, string>>): string {
  const label = labels?.[activity]
  if (!label) return activity
  return /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1)
}

export interface ActorTextInput {
  label: string
  activityLabels?: Readonly<Record<string, string>>
  touches: readonly Pick<TouchExplanation, 'activity' | 'daysBefore' | 'weight'>[]
  actorWeight: number
  totalWeight: number
  modelShare: number
  finalShare: number
  isOpen: boolean
  note: string | undefined
  adjustments: readonly CreditAdjustment[]
}

/** One paragraph a partner can read: what counted, how much it weighed, what changed it after. */
export function describeActorCredit(input: ActorTextInput): string {
  const sentences: string[] = []
  if (input.touches.length === 0) {
    sentences.push(`${input.label}: you had no counted touches in this journey.`)
  } else {
    const shown = input.touches.slice(0, 4)
    const phrases = shown.map((touch) => {
      const when = describeDays(touch.daysBefore, input.isOpen)
      const weight = input.touches.length > 1 ? ` (${formatWeight(touch.weight)})` : ''
      return `${activityPhrase(touch.activity, input.activityLabels)} ${when}${weight}`
    })
    if (input.touches.length > shown.length) phrases.push(`${input.touches.length - shown.length} more`)
    sentences.push(
      `${input.label}: your ${joinPhrases(phrases)} weighed ${formatWeight(input.actorWeight)} of ` +
        `${formatWeight(input.totalWeight)} → ${formatPercent(input.modelShare)}.`,
    )
  }
  if (input.note) sentences.push(input.note)
  for (const adjustment of input.adjustments) sentences.push(adjustment.text)
  if (input.adjustments.length > 0) sentences.push(`Final share ${formatPercent(input.finalShare)}.`)
  return sentences.join(' ')
}
