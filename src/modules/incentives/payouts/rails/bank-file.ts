// Payouts by bank file: the batch becomes a CSV that finance uploads to the bank, so the money moves
// outside the platform and the batch is marked paid by hand once the bank has carried it out.

import { formatAmount, isCurrencyCode } from '../../../../money'
import { csvLine } from '../../../../platform/csv'
import type { PaymentRail, PayoutInstruction, RailOutcome } from './payment-rail'

export interface BankFileBatch {
  id: string
  createdAt: Date
  instructions: readonly PayoutInstruction[]
}

export const bankFileColumns = [
  'batch_id',
  'line',
  'payout_id',
  'payee_name',
  'iban',
  'account_number',
  'routing_number',
  'bic',
  'amount',
  'currency',
  'reference',
  'idempotency_key',
] as const

const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/
// ISO 9362 as ISO 20022 checks it: bank, country, location (no 0/1 first, no O second), branch
const BIC_SHAPE = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/
/** Whether `bic` (capitals, no spaces) is a BIC as ISO 20022 files accept it. */
export const isBic = (bic: string) => BIC_SHAPE.test(bic)

const ACCOUNT_SHAPE = /^[A-Za-z0-9][A-Za-z0-9 -]{0,33}$/

/** An IBAN without spaces, in capitals, when its shape and ISO 13616 check digits (mod 97) are right. */
export function normaliseIban(iban: string): string | null {
  const compact = iban.replaceAll(' ', '').toUpperCase()
  if (!IBAN_SHAPE.test(compact)) return null
  const digits = [...`${compact.slice(4)}${compact.slice(0, 4)}`]
    .map((char) => (char >= 'A' ? String(char.charCodeAt(0) - 55) : char))
    .join('')
  return BigInt(digits) % 97n === 1n ? compact : null
}

export interface BankLine {
  payoutId: string
  payeeName: string
  iban: string | null
  accountNumber: string | null
  routingNumber: string | null
  bic: string | null
  amountMinor: bigint
  currency: string
  reference: string
  idempotencyKey: string
}

/** The instruction as a bank line, or why a bank would not carry it. */
export function readBankLine(instruction: PayoutInstruction): BankLine | { refused: string } {
  const { destination, payoutId } = instruction
  if (destination.kind !== 'bank') {
    throw new Error(`Payout ${payoutId} goes to a ${destination.kind} destination, not to a bank account`)
  }
  if (!/^[A-Z]{3}$/.test(instruction.currency) || !isCurrencyCode(instruction.currency)) {
    throw new Error(
      `Payout ${payoutId}: "${instruction.currency}" is not an upper-case ISO 4217 currency code`,
    )
  }
  if (instruction.amountMinor <= 0n) {
    throw new Error(`Payout ${payoutId}: the amount must be positive, got ${instruction.amountMinor}`)
  }
  if (instruction.payeeName.trim() === '') return { refused: `Payout ${payoutId} has no payee name` }
  const iban = destination.iban ? normaliseIban(destination.iban) : null
  if (destination.iban && !iban) {
    return {
      refused: `Payout ${payoutId}: "${destination.iban}" is not a valid IBAN (its check digits fail)`,
    }
  }
  const accountNumber = destination.accountNumber?.trim() || null
  if (!iban && !accountNumber)
    return { refused: `Payout ${payoutId} has neither an IBAN nor an account number` }
  if (accountNumber && !ACCOUNT_SHAPE.test(accountNumber)) {
    return { refused: `Payout ${payoutId}: "${accountNumber}" is not an account number` }
  }
  const routingNumber = destination.routingNumber?.trim() || null
  if (routingNumber && !ACCOUNT_SHAPE.test(routingNumber)) {
    return { refused: `Payout ${payoutId}: "${routingNumber}" is not a routing number` }
  }
  const bic = destination.bic ? destination.bic.replaceAll(' ', '').toUpperCase() : null
  if (bic && !BIC_SHAPE.test(bic)) return { refused: `Payout ${payoutId}: "${destination.bic}" is not a BIC` }
  return {
    payoutId,
    payeeName: instruction.payeeName.trim(),
    iban,
    accountNumber,
    routingNumber,
    bic,
    amountMinor: instruction.amountMinor,
    currency: instruction.currency,
    reference: instruction.reference,
    idempotencyKey: instruction.idempotencyKey,
  }
}

/** The name finance sees when downloading the batch's file. */
export function bankFileName(batch: BankFileBatch): string {
  const day = batch.createdAt.toISOString().slice(0, 10)
  return `credence-payouts-${day}-${batch.id.replaceAll(/[^\w-]/g, '_')}.csv`
}

/**
 * The batch as CSV: a header, one line per payout (amounts in major units, exact, with the currency's
 * ISO 4217 decimals) and a total line per currency. Every field is formula-safe for spreadsheets.
 * Throws when a payout cannot go in the file, naming it: a file is sent whole or not at all.
 */
export function bankFileCsv(batch: BankFileBatch): string {
  const payoutIds = new Set<string>()
  const keys = new Set<string>()
  const totals = new Map<string, { amountMinor: bigint; count: number }>()
  const lines = batch.instructions.map((instruction) => {
    const line = readBankLine(instruction)
    if ('refused' in line) throw new Error(`Bank file for batch ${batch.id}: ${line.refused}`)
    // the same payout twice in one file would be paid twice by the bank
    if (payoutIds.has(line.payoutId))
      throw new Error(`Bank file for batch ${batch.id}: payout ${line.payoutId} appears twice`)
    if (keys.has(line.idempotencyKey)) {
      throw new Error(`Bank file for batch ${batch.id}: idempotency key ${line.idempotencyKey} appears twice`)
    }
    payoutIds.add(line.payoutId)
    keys.add(line.idempotencyKey)
    const total = totals.get(line.currency) ?? { amountMinor: 0n, count: 0 }
    totals.set(line.currency, { amountMinor: total.amountMinor + line.amountMinor, count: total.count + 1 })
    return csvLine([
      batch.id,
      'payout',
      line.payoutId,
      line.payeeName,
      line.iban,
      line.accountNumber,
      line.routingNumber,
      line.bic,
      formatAmount(line.amountMinor, line.currency),
      line.currency,
      line.reference,
      line.idempotencyKey,
    ])
  })
  const totalLines = [...totals]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, total]) =>
      csvLine([
        batch.id,
        'total',
        null,
        null,
        null,
        null,
        null,
        null,
        formatAmount(total.amountMinor, currency),
        currency,
        `${total.count} ${total.count === 1 ? 'payout' : 'payouts'}`,
        null,
      ]),
    )
  // CRLF line ends, as RFC 4180 and banks' upload forms expect
  return `${[csvLine(bankFileColumns), ...lines, ...totalLines].join('\r\n')}\r\n`
}

/**
 * The bank-file rail: sending files the payout (it checks that a bank would take it) and leaves it
 * pending; the payout's line in the file carries its payout id, which is the reference returned.
 */
export function createBankFileRail(): PaymentRail {
  return {
    name: 'bank_file',
    async send(instruction): Promise<RailOutcome> {
      const line = readBankLine(instruction)
      if ('refused' in line) return { status: 'failed', providerRef: null, reason: line.refused }
      return { status: 'pending', providerRef: line.payoutId }
    },
  }
}
