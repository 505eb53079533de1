// Money: bigint minor units with an ISO 4217 currency, exact allocation and FX. Imports only decimal.js.

export { allocate } from './allocate'
export {
  describeMoney,
  formatAmount,
  type Money,
  parseAmount,
  roundHalfEven,
  toMinorUnits,
  toMoneyView,
} from './amount'
export { currencyCodes, currencyExponent, isCurrencyCode } from './currency'
export { type EcbDay, type EcbRates, parseEcbRates, ratesOn } from './ecb-rates'
export { convert, type RateSnapshot } from './fx'
export { MoneyError, type MoneyErrorCode } from './money-error'
