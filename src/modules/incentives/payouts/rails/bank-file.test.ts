import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { bankFileColumns, bankFileCsv, bankFileName, createBankFileRail, normaliseIban } from './bank-file'
import type { PayoutInstruction } from './payment-rail'

const payout = (n: number, changes: Partial<PayoutInstruction> = {}): PayoutInstruction => ({
  payoutId: `pay_${n}`,
  idempotencyKey: `payout:pay_${n}`,
  partnerId: `prt_${n}`,
  payeeName: `Partner ${n}`,
  destination: { kind: 'bank', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX' },
  amountMinor: 10_000n,
  currency: 'EUR',
  reference: 'Credence payout 2026-10',
  ...changes,
})

const batch = (instructions: PayoutInstruction[]) => ({
  id: 'pbt_01',
  createdAt: new Date('2026-10-31T09:30:00Z'),
  instructions,
})

/** The file read back as a CSV reader (a bank's upload form, a spreadsheet) reads it. */
const readFile = (csv: string) =>
  parse(csv, { columns: true, relax_column_count: false }) as Record<
    (typeof bankFileColumns)[number],
    string
  >[]

describe('the bank file', () => {
  it('starts with the header row and ends each line with CRLF', () => {
    const csv = bankFileCsv(batch([payout(1)]))
    const [header] = csv.split('\r\n')
    expect(header).toBe(bankFileColumns.map((c) => `"${c}"`).join(','))
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(csv.replaceAll('\r\n', '').includes('\n')).toBe(false)
  })

  it.each([
    ['EUR', 12_345n, '123.45'],
    ['EUR', 5n, '0.05'],
    ['JPY', 120_000n, '120000'],
    ['KWD', 1_234_567n, '1234.567'],
    ['BHD', 1n, '0.001'],
    ['USD', 900_719_925_474_099_312n, '9007199254740993.12'], // beyond a float's exact range
  ])('writes %s %s minor units as %s', (currency, amountMinor, amount) => {
    const [line] = readFile(bankFileCsv(batch([payout(1, { currency, amountMinor })])))
    expect(line).toMatchObject({ line: 'payout', amount, currency })
  })

  it('writes every field of a payout line', () => {
    const [line] = readFile(bankFileCsv(batch([payout(7)])))
    expect(line).toEqual({
      batch_id: 'pbt_01',
      line: 'payout',
      payout_id: 'pay_7',
      payee_name: 'Partner 7',
      iban: 'DE89370400440532013000',
      account_number: '',
      routing_number: '',
      bic: 'COBADEFFXXX',
      amount: '100.00',
      currency: 'EUR',
      reference: 'Credence payout 2026-10',
      idempotency_key: 'payout:pay_7',
    })
  })

  it('writes an account and routing number where there is no IBAN', () => {
    const us = payout(2, {
      currency: 'USD',
      destination: { kind: 'bank', accountNumber: '000123456789', routingNumber: '021000021' },
    })
    const [line] = readFile(bankFileCsv(batch([us])))
    expect(line).toMatchObject({
      iban: '',
      account_number: '000123456789',
      routing_number: '021000021',
      bic: '',
    })
  })

  it('adds a total line per currency, exact and in currency order', () => {
    const lines = readFile(
      bankFileCsv(
        batch([
          payout(1, { amountMinor: 10_001n }),
          payout(2, { currency: 'JPY', amountMinor: 5_000n }),
          payout(3, { amountMinor: 20_002n }),
          payout(4, { currency: 'KWD', amountMinor: 1_005n }),
          payout(5, { amountMinor: 3n }),
        ]),
      ),
    )
    expect(lines.filter((l) => l.line === 'payout')).toHaveLength(5)
    expect(lines.filter((l) => l.line === 'total').map((l) => [l.currency, l.amount, l.reference])).toEqual([
      ['EUR', '300.06', '3 payouts'],
      ['JPY', '5000', '1 payout'],
      ['KWD', '1.005', '1 payout'],
    ])
  })

  it('neutralises a payee name or reference a spreadsheet would run as a formula', () => {
    const csv = bankFileCsv(
      batch([payout(1, { payeeName: '=HYPERLINK("http://evil.example","Acme")', reference: '+1 refund' })]),
    )
    const [line] = readFile(csv)
    expect(line!.payee_name).toBe(`'=HYPERLINK("http://evil.example","Acme")`)
    expect(line!.reference).toBe(`'+1 refund`)
    expect(csv).not.toMatch(/,"=/)
  })

  it('refuses, naming the payout, a line a bank would not take', () => {
    expect(() =>
      bankFileCsv(
        batch([payout(1), payout(2, { destination: { kind: 'bank', iban: 'DE89370400440532013001' } })]),
      ),
    ).toThrow(/pay_2: "DE89370400440532013001" is not a valid IBAN/)
    expect(() => bankFileCsv(batch([payout(3, { destination: { kind: 'bank' } })]))).toThrow(
      /pay_3 has neither an IBAN nor an account number/,
    )
    expect(() =>
      bankFileCsv(
        batch([payout(4, { destination: { kind: 'bank', iban: 'GB82WEST12345698765432', bic: 'NOTABIC' } })]),
      ),
    ).toThrow(/is not a BIC/)
    expect(() =>
      bankFileCsv(batch([payout(5, { destination: { kind: 'stripe', accountId: 'acct_1' } })])),
    ).toThrow(/not to a bank account/)
  })

  it('refuses the same payout twice in one file', () => {
    expect(() => bankFileCsv(batch([payout(1), payout(1)]))).toThrow(/pay_1 appears twice/)
    expect(() => bankFileCsv(batch([payout(1), payout(2, { idempotencyKey: 'payout:pay_1' })]))).toThrow(
      /payout:pay_1 appears twice/,
    )
  })

  it('names the file by day and batch', () => {
    expect(bankFileName(batch([]))).toBe('credence-payouts-2026-10-31-pbt_01.csv')
  })
})

describe('IBAN check digits', () => {
  it.each([
    ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['gb82west12345698765432', 'GB82WEST12345698765432'],
    ['FR1420041010050500013M02606', 'FR1420041010050500013M02606'],
  ])('accepts %s', (iban, normalised) => {
    expect(normaliseIban(iban)).toBe(normalised)
  })

  it.each(['DE89370400440532013001', 'GB82WEST1234569876543', 'DE8937040044053201300X', ''])(
    'refuses %j',
    (iban) => {
      expect(normaliseIban(iban)).toBeNull()
    },
  )
})

describe('the bank-file rail', () => {
  it('leaves a payout pending under its line’s reference', async () => {
    const outcome = await createBankFileRail().send(payout(9))
    expect(outcome).toEqual({ status: 'pending', providerRef: 'pay_9' })
  })

  it('fails a payout whose bank details a bank would refuse', async () => {
    const outcome = await createBankFileRail().send(
      payout(9, { destination: { kind: 'bank', iban: 'DE00370400440532013000' } }),
    )
    expect(outcome).toMatchObject({ status: 'failed', providerRef: null })
    expect(outcome.status === 'failed' && outcome.reason).toMatch(/not a valid IBAN/)
  })
})
