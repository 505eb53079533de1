// Dispute forms' values as the API takes them: evidence typed one link a line, and a close with an
// adjustment typed in major units (signed) and sent as exact minor units; server paths back to inputs.
import type {
  DisputeMessageInput,
  OpenDisputeInput,
  ResolveDisputeInput,
} from '../../../../src/modules/incentives/disputes/disputes.contract'
import { amountToMinor } from './decimal-text'

export const maxEvidenceLinks = 10

/** The links typed one a line, blanks dropped, or why they cannot be sent. */
export function evidenceOf(text: string): { links: string[]; error: string | null } {
  const links = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
  if (links.length > maxEvidenceLinks)
    return { links, error: `At most ${maxEvidenceLinks} links, one a line` }
  const wrong = links.find((link) => !isWebLink(link))
  return {
    links,
    error: wrong ? `“${wrong}” is not a web link: give http:// or https:// links, one a line` : null,
  }
}

function isWebLink(text: string): boolean {
  if (text.length > 2000) return false
  try {
    const url = new URL(text)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
  } catch {
    return false
  }
}

/**
 * A signed amount in major units as signed whole minor units: "-25.5" USD is "-2550", "+10" is "1000".
 * Null when it is not a plain amount or has more decimals than the currency.
 */
export function signedAmountToMinor(text: string, minorDigits: number): string | null {
  const match = /^\s*([-+\u2212]?)\s*(.*)$/.exec(text)
  const sign = match?.[1] ?? ''
  const minor = amountToMinor(match?.[2] ?? '', minorDigits)
  if (minor === null) return null
  return sign === '' || sign === '+' || /^0+$/.test(minor) ? minor : `-${minor}`
}

type Built<T> = { value: T | null; errors: Record<string, string> }

export type OpenDisputeDraft = { subject: string; message: string; evidence: string }

export function openInputOf(entryId: string, draft: OpenDisputeDraft): Built<OpenDisputeInput> {
  const errors: Record<string, string> = {}
  if (!draft.subject.trim()) errors.subject = 'Say in a few words what is wrong'
  if (!draft.message.trim()) errors.message = 'Tell finance what you expected and why'
  const evidence = evidenceOf(draft.evidence)
  if (evidence.error) errors.evidence = evidence.error
  if (Object.keys(errors).length > 0) return { value: null, errors }
  return {
    value: {
      entryId,
      subject: draft.subject.trim(),
      message: draft.message.trim(),
      evidence: evidence.links,
    },
    errors,
  }
}

export type MessageDraft = { message: string; evidence: string }

export function messageInputOf(draft: MessageDraft): Built<DisputeMessageInput> {
  const errors: Record<string, string> = {}
  if (!draft.message.trim()) errors.message = 'Write a message'
  const evidence = evidenceOf(draft.evidence)
  if (evidence.error) errors.evidence = evidence.error
  if (Object.keys(errors).length > 0) return { value: null, errors }
  return { value: { message: draft.message.trim(), evidence: evidence.links }, errors }
}

export const outcomes = ['adjusted', 'resolved', 'denied'] as const
export type Outcome = (typeof outcomes)[number]
export type ResolveDraft = { outcome: Outcome; reason: string; amount: string }

/** The close to send; the amount only with an adjustment, in the partner's currency. */
export function resolveInputOf(draft: ResolveDraft, minorDigits: number): Built<ResolveDisputeInput> {
  const errors: Record<string, string> = {}
  if (!draft.reason.trim()) errors.reason = 'Give the reason the partner will read'
  let adjustmentMinor: string | undefined
  if (draft.outcome === 'adjusted') {
    const minor = signedAmountToMinor(draft.amount, minorDigits)
    if (minor === null)
      errors.amount =
        minorDigits > 0
          ? `An amount such as 250.${'0'.repeat(minorDigits)}, or -250.${'0'.repeat(minorDigits)} to take back`
          : 'A whole amount such as 250, or -250 to take back'
    else if (/^0+$/.test(minor)) errors.amount = 'An adjustment needs an amount other than zero'
    else adjustmentMinor = minor
  }
  if (Object.keys(errors).length > 0) return { value: null, errors }
  return {
    value: {
      outcome: draft.outcome,
      reason: draft.reason.trim(),
      ...(adjustmentMinor === undefined ? {} : { adjustmentMinor }),
    },
    errors,
  }
}

/** The input a server error's path belongs to in the dispute forms, or null for none. */
export function disputeFieldOf(path: string): string | null {
  const head = path.split(/[.[]/)[0] ?? ''
  if (head === 'adjustmentMinor') return 'amount'
  return ['subject', 'message', 'evidence', 'reason', 'outcome'].includes(head) ? head : null
}
