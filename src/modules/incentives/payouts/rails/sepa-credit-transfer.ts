// The EUR payouts of a batch as a SEPA Credit Transfer initiation (ISO 20022 pain.001.001.03, the
// version every SEPA bank accepts), for banks that take XML instead of a CSV upload.
import { formatAmount } from '../../../../money'
import { type BankFileBatch, isBic, normaliseIban, readBankLine } from './bank-file'

export interface SepaDebtor {
  /** The platform's account holder name, as the bank knows it. */
  name: string
  iban: string
  bic?: string
}

/** Largest SEPA credit transfer: 999,999,999.99 EUR. */
const MAX_SEPA_AMOUNT_MINOR = 99_999_999_999n

/**
 * Text in the SEPA (EPC) Latin character set: accents dropped (é → e, ß → ss), anything else
 * outside a-z A-Z 0-9 / - ? : ( ) . , ' + and space becomes a space, cut to `max` characters.
 */
export function toSepaText(text: string, max: number): string {
  return text
    .replaceAll('ß', 'ss')
    .normalize('NFD')
    .replaceAll(/\p{M}/gu, '')
    .replaceAll(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replaceAll(/ {2,}/g, ' ')
    .trim()
    .slice(0, max)
    .trim()
}

const escapeXml = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')

/**
 * An identifier a bank matches on (MsgId, EndToEndId): our ids' underscore is outside the SEPA
 * character set, so it is written as a hyphen (pay_01J… → pay-01J…); the id is never cut, so one that
 * is too long or off-charset is refused.
 */
export function toSepaId(id: string): string {
  const written = id.replaceAll('_', '-')
  if (
    !/^[A-Za-z0-9/\-?:().,'+]{1,35}$/.test(written) ||
    written.startsWith('/') ||
    written.endsWith('/') ||
    written.includes('//')
  ) {
    throw new Error(
      `SEPA file: the id "${id}" must be 1 to 35 SEPA characters, without spaces or a leading, trailing or double slash`,
    )
  }
  return written
}

const agent = (bic: string | null) =>
  bic
    ? `<FinInstnId><BIC>${bic}</BIC></FinInstnId>`
    : '<FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId>'

/**
 * pain.001.001.03 for a batch of EUR payouts to IBANs: one payment information block, amounts exact
 * from minor units, the control sum their exact total. Throws, naming the payout, when one cannot go.
 */
export function sepaCreditTransferXml(
  batch: BankFileBatch,
  debtor: SepaDebtor,
  options: { requestedExecutionDate?: string } = {},
): string {
  const debtorIban = normaliseIban(debtor.iban)
  if (!debtorIban) throw new Error(`SEPA file: the debtor IBAN "${debtor.iban}" is not valid`)
  const debtorBic = debtor.bic ? debtor.bic.replaceAll(' ', '').toUpperCase() : null
  if (debtorBic && !isBic(debtorBic))
    throw new Error(`SEPA file: the debtor BIC "${debtor.bic}" is not a BIC`)
  const executionDate = options.requestedExecutionDate ?? batch.createdAt.toISOString().slice(0, 10)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(executionDate)) {
    throw new Error(`SEPA file: the execution date "${executionDate}" is not YYYY-MM-DD`)
  }
  if (batch.instructions.length === 0)
    throw new Error(`SEPA file for batch ${batch.id}: there are no payouts`)
  const messageId = toSepaId(batch.id)
  const endToEndIds = new Set<string>()
  let controlSum = 0n
  const transactions = batch.instructions.map((instruction) => {
    const line = readBankLine(instruction)
    if ('refused' in line) throw new Error(`SEPA file for batch ${batch.id}: ${line.refused}`)
    if (line.currency !== 'EUR') {
      throw new Error(
        `SEPA file for batch ${batch.id}: payout ${line.payoutId} is in ${line.currency}, not EUR`,
      )
    }
    if (!line.iban) throw new Error(`SEPA file for batch ${batch.id}: payout ${line.payoutId} has no IBAN`)
    if (line.amountMinor > MAX_SEPA_AMOUNT_MINOR) {
      throw new Error(`SEPA file for batch ${batch.id}: payout ${line.payoutId} is above the SEPA maximum`)
    }
    const endToEndId = toSepaId(line.payoutId)
    if (endToEndIds.has(endToEndId))
      throw new Error(`SEPA file for batch ${batch.id}: payout ${endToEndId} appears twice`)
    endToEndIds.add(endToEndId)
    controlSum += line.amountMinor
    return [
      '<CdtTrfTxInf>',
      `<PmtId><EndToEndId>${escapeXml(endToEndId)}</EndToEndId></PmtId>`,
      `<Amt><InstdAmt Ccy="EUR">${formatAmount(line.amountMinor, 'EUR')}</InstdAmt></Amt>`,
      line.bic ? `<CdtrAgt>${agent(line.bic)}</CdtrAgt>` : '',
      `<Cdtr><Nm>${escapeXml(toSepaText(line.payeeName, 70))}</Nm></Cdtr>`,
      `<CdtrAcct><Id><IBAN>${line.iban}</IBAN></Id></CdtrAcct>`,
      `<RmtInf><Ustrd>${escapeXml(toSepaText(line.reference, 140))}</Ustrd></RmtInf>`,
      '</CdtTrfTxInf>',
    ].join('')
  })
  const count = String(transactions.length)
  const sum = formatAmount(controlSum, 'EUR')
  const debtorName = escapeXml(toSepaText(debtor.name, 70))
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
    '<CstmrCdtTrfInitn>',
    '<GrpHdr>',
    `<MsgId>${escapeXml(messageId)}</MsgId>`,
    `<CreDtTm>${batch.createdAt.toISOString().slice(0, 19)}</CreDtTm>`,
    `<NbOfTxs>${count}</NbOfTxs>`,
    `<CtrlSum>${sum}</CtrlSum>`,
    `<InitgPty><Nm>${debtorName}</Nm></InitgPty>`,
    '</GrpHdr>',
    '<PmtInf>',
    `<PmtInfId>${escapeXml(messageId)}</PmtInfId>`,
    '<PmtMtd>TRF</PmtMtd>',
    '<BtchBookg>true</BtchBookg>',
    `<NbOfTxs>${count}</NbOfTxs>`,
    `<CtrlSum>${sum}</CtrlSum>`,
    '<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>',
    `<ReqdExctnDt>${executionDate}</ReqdExctnDt>`,
    `<Dbtr><Nm>${debtorName}</Nm></Dbtr>`,
    `<DbtrAcct><Id><IBAN>${debtorIban}</IBAN></Id></DbtrAcct>`,
    `<DbtrAgt>${agent(debtorBic)}</DbtrAgt>`,
    '<ChrgBr>SLEV</ChrgBr>',
    ...transactions,
    '</PmtInf>',
    '</CstmrCdtTrfInitn>',
    '</Document>',
    '',
  ].join('\n')
}
