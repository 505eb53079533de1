import { describe, expect, it } from 'vitest'
import type { PayoutInstruction } from './payment-rail'
import { sepaCreditTransferXml, toSepaId, toSepaText } from './sepa-credit-transfer'

interface XmlNode {
  name: string
  attributes: string
  children: XmlNode[]
  text: string
}

/** Reads the elements this file writes (no comments, CDATA or processing instructions besides the prolog). */
function readXml(xml: string): XmlNode {
  const root: XmlNode = { name: '#root', attributes: '', children: [], text: '' }
  const stack = [root]
  for (const token of xml.replace(/^<\?xml[^>]*\?>/, '').matchAll(/<(\/?)([A-Za-z]+)([^>]*)>|([^<]+)/g)) {
    const [, closing, name, attributes, text] = token
    const top = stack.at(-1)!
    if (text !== undefined) top.text += text.trim()
    else if (closing) {
      expect(top.name, 'closing tag matches').toBe(name)
      stack.pop()
    } else {
      const node = { name: name!, attributes: attributes ?? '', children: [], text: '' }
      top.children.push(node)
      stack.push(node)
    }
  }
  expect(stack).toHaveLength(1)
  return root.children[0]!
}

const decode = (text: string) =>
  text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&')

const child = (node: XmlNode, ...path: string[]): XmlNode =>
  path.reduce((at, name) => {
    const next = at.children.find((c) => c.name === name)
    if (!next) throw new Error(`no ${name} under ${at.name}`)
    return next
  }, node)

/** Children in the order pain.001.001.03's schema sequences require (optional ones may be left out). */
const SEQUENCES: Record<string, { order: string[]; required: string[] }> = {
  Document: { order: ['CstmrCdtTrfInitn'], required: ['CstmrCdtTrfInitn'] },
  CstmrCdtTrfInitn: { order: ['GrpHdr', 'PmtInf'], required: ['GrpHdr', 'PmtInf'] },
  GrpHdr: {
    order: ['MsgId', 'CreDtTm', 'Authstn', 'NbOfTxs', 'CtrlSum', 'InitgPty', 'FwdgAgt'],
    required: ['MsgId', 'CreDtTm', 'NbOfTxs', 'InitgPty'],
  },
  PmtInf: {
    order: [
      'PmtInfId',
      'PmtMtd',
      'BtchBookg',
      'NbOfTxs',
      'CtrlSum',
      'PmtTpInf',
      'ReqdExctnDt',
      'PoolgAdjstmntDt',
      'Dbtr',
      'DbtrAcct',
      'DbtrAgt',
      'DbtrAgtAcct',
      'UltmtDbtr',
      'ChrgBr',
      'ChrgsAcct',
      'ChrgsAcctAgt',
      'CdtTrfTxInf',
    ],
    required: ['PmtInfId', 'PmtMtd', 'ReqdExctnDt', 'Dbtr', 'DbtrAcct', 'DbtrAgt', 'CdtTrfTxInf'],
  },
  CdtTrfTxInf: {
    order: [
      'PmtId',
      'PmtTpInf',
      'Amt',
      'XchgRateInf',
      'ChrgBr',
      'ChqInstr',
      'UltmtDbtr',
      'IntrmyAgt1',
      'IntrmyAgt1Acct',
      'IntrmyAgt2',
      'IntrmyAgt2Acct',
      'IntrmyAgt3',
      'IntrmyAgt3Acct',
      'CdtrAgt',
      'CdtrAgtAcct',
      'Cdtr',
      'CdtrAcct',
      'UltmtCdtr',
      'InstrForCdtrAgt',
      'InstrForDbtrAgt',
      'Purp',
      'RgltryRptg',
      'Tax',
      'RltdRmtInf',
      'RmtInf',
    ],
    required: ['PmtId', 'Amt'],
  },
}

function checkSequences(node: XmlNode) {
  const rule = SEQUENCES[node.name]
  if (rule) {
    const names = node.children.map((c) => c.name)
    const positions = names.map((name) => rule.order.indexOf(name))
    expect(positions, `${node.name} children ${names.join(',')}`).not.toContain(-1)
    expect(positions, `${node.name} children in schema order`).toEqual([...positions].sort((a, b) => a - b))
    for (const name of rule.required) expect(names, `${node.name} has ${name}`).toContain(name)
  }
  node.children.forEach(checkSequences)
}

const payout = (n: number, changes: Partial<PayoutInstruction> = {}): PayoutInstruction => ({
  payoutId: `pay_${n}`,
  idempotencyKey: `payout:pay_${n}`,
  partnerId: `prt_${n}`,
  payeeName: `Partner ${n}`,
  destination: { kind: 'bank', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
  amountMinor: 10_000n,
  currency: 'EUR',
  reference: 'Credence payout 2026-10',
  ...changes,
})

const batch = (instructions: PayoutInstruction[]) => ({
  id: 'pbt_01',
  createdAt: new Date('2026-10-31T09:30:00.123Z'),
  instructions,
})
const debtor = { name: 'Credence Platform GmbH', iban: 'DE75512108001245126199', bic: 'SOGEDEFFXXX' }

describe('the SEPA credit transfer file (pain.001.001.03)', () => {
  it('follows the schema’s element order in every block it writes', () => {
    const document = readXml(
      sepaCreditTransferXml(
        batch([payout(1), payout(2, { destination: { kind: 'bank', iban: 'FR1420041010050500013M02606' } })]),
        debtor,
      ),
    )
    expect(document.name).toBe('Document')
    expect(document.attributes).toContain('xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"')
    checkSequences(document)
  })

  it('writes exact amounts and a control sum that is their exact total', () => {
    const amounts = [1n, 99_999_999_999n, 12_345n, 10n]
    const document = readXml(
      sepaCreditTransferXml(batch(amounts.map((amountMinor, n) => payout(n, { amountMinor }))), debtor, {
        requestedExecutionDate: '2026-11-02',
      }),
    )
    const payment = child(document, 'CstmrCdtTrfInitn', 'PmtInf')
    const instructed = payment.children
      .filter((c) => c.name === 'CdtTrfTxInf')
      .map((tx) => child(tx, 'Amt', 'InstdAmt'))
    expect(instructed.map((a) => a.text)).toEqual(['0.01', '999999999.99', '123.45', '0.10'])
    expect(instructed.every((a) => a.attributes.includes('Ccy="EUR"'))).toBe(true)
    expect(child(payment, 'CtrlSum').text).toBe('1000000123.55')
    expect(child(document, 'CstmrCdtTrfInitn', 'GrpHdr', 'CtrlSum').text).toBe('1000000123.55')
    expect(child(payment, 'NbOfTxs').text).toBe('4')
    expect(child(payment, 'ReqdExctnDt').text).toBe('2026-11-02')
    expect(child(document, 'CstmrCdtTrfInitn', 'GrpHdr', 'CreDtTm').text).toBe('2026-10-31T09:30:00')
  })

  it('carries each payout’s id, payee, IBAN, BIC and reference', () => {
    const tx = child(
      readXml(
        sepaCreditTransferXml(
          batch([payout(7, { payeeName: 'Müller & Söhne <AG>', reference: "Credence payout 2026-10 'Q4'" })]),
          debtor,
        ),
      ),
      'CstmrCdtTrfInitn',
      'PmtInf',
      'CdtTrfTxInf',
    )
    expect(child(tx, 'PmtId', 'EndToEndId').text).toBe('pay-7')
    expect(child(tx, 'Cdtr', 'Nm').text).toBe('Muller Sohne AG')
    expect(child(tx, 'CdtrAcct', 'Id', 'IBAN').text).toBe('DE89370400440532013000')
    expect(child(tx, 'CdtrAgt', 'FinInstnId', 'BIC').text).toBe('COBADEFFXXX')
    expect(decode(child(tx, 'RmtInf', 'Ustrd').text)).toBe("Credence payout 2026-10 'Q4'")
  })

  it('keeps text to the SEPA character set and lengths', () => {
    expect(toSepaText('Straße Café =cmd|x', 70)).toBe('Strasse Cafe cmd x')
    expect(toSepaText('a'.repeat(80), 70)).toHaveLength(70)
  })

  it('writes our ids with a hyphen for the underscore SEPA does not allow, and never cuts them', () => {
    expect(toSepaId('pay_01JB2QX9ZK4M3T7V8W5Y6N0P1R')).toBe('pay-01JB2QX9ZK4M3T7V8W5Y6N0P1R')
    expect(() => toSepaId(`pay_${'x'.repeat(32)}`)).toThrow(/1 to 35/)
    expect(() => toSepaId('/pay')).toThrow(/slash/)
  })

  it('names the debtor agent NOTPROVIDED when the platform gives no BIC', () => {
    const document = readXml(
      sepaCreditTransferXml(batch([payout(1)]), { name: 'Credence', iban: debtor.iban }),
    )
    expect(child(document, 'CstmrCdtTrfInitn', 'PmtInf', 'DbtrAgt', 'FinInstnId', 'Othr', 'Id').text).toBe(
      'NOTPROVIDED',
    )
  })

  it('refuses what SEPA cannot carry, naming the payout', () => {
    expect(() => sepaCreditTransferXml(batch([payout(1, { currency: 'GBP' })]), debtor)).toThrow(
      /pay_1 is in GBP, not EUR/,
    )
    expect(() =>
      sepaCreditTransferXml(
        batch([
          payout(2, { destination: { kind: 'bank', accountNumber: '12345678', routingNumber: '200000' } }),
        ]),
        debtor,
      ),
    ).toThrow(/pay_2 has no IBAN/)
    expect(() =>
      sepaCreditTransferXml(batch([payout(3, { amountMinor: 100_000_000_000n })]), debtor),
    ).toThrow(/pay_3 is above the SEPA maximum/)
    expect(() => sepaCreditTransferXml(batch([payout(4, { payoutId: 'pay 4' })]), debtor)).toThrow(
      /the id "pay 4"/,
    )
    expect(() => sepaCreditTransferXml(batch([]), debtor)).toThrow(/no payouts/)
    expect(() =>
      sepaCreditTransferXml(batch([payout(5)]), { ...debtor, iban: 'DE00512108001245126199' }),
    ).toThrow(/debtor IBAN/)
  })
})
