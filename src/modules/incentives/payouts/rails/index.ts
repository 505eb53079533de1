// Payment rails: how a payout leaves the platform (Stripe Connect transfers, bank files as CSV or
// SEPA pain.001). The payout batch calls them through `PaymentRail`. May import: money, platform.
export {
  type BankFileBatch,
  bankFileColumns,
  bankFileCsv,
  bankFileName,
  createBankFileRail,
  normaliseIban,
} from './bank-file'
export {
  type PaymentRail,
  type PayoutInstruction,
  type RailOutcome,
  RetryableRailError,
} from './payment-rail'
export { type SepaDebtor, sepaCreditTransferXml } from './sepa-credit-transfer'
export { createStripeRail, type StripeRailOptions, toStripeAmount } from './stripe-rail'
