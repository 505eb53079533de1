// Checks a typed deal amount before it is sent: the API takes a decimal string in major units.
import { minorDigits } from '../../ui/money'

/** Why an amount cannot be sent as typed, or null; decimals are checked against the currency (ISO 4217). */
export function amountProblem(amount: string, currency: string | null): string | null {
  const match = /^-?\d{1,15}(?:\.(\d+))?$/.exec(amount.trim())
  if (!match) return 'Enter an amount such as 1250.00, without thousands separators'
  const decimals = match[1]?.length ?? 0
  const allowed = currency ? minorDigits(currency) : 4
  if (decimals > allowed)
    return allowed === 0 ? `${currency} has no decimals` : `${currency} has at most ${allowed} decimals`
  return null
}
