// Payment rails: how a payout leaves the platform (Stripe Connect transfers, bank files). The payout
// batch calls them through `PaymentRail`. May import: money, platform.
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
export { createStripeRail, type StripeRailOptions, toStripeAmount } from './stripe-rail'
