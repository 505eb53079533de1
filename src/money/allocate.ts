import { MoneyError } from './money-error'

const DECIMAL_WEIGHT = /^\+?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i

/** A weight as digits × 10^exponent, read from its shortest decimal form (what people see). */
function readWeight(weight: number | string, index: number): { digits: bigint; exponent: number } {
  if (typeof weight === 'number' && !Number.isFinite(weight)) {
    throw new MoneyError('INVALID_WEIGHTS', `weights[${index}] is not finite`)
  }
  const text = String(weight).trim()
  if (text.startsWith('-') && Number(text) !== 0)
    throw new MoneyError('INVALID_WEIGHTS', `weights[${index}] is negative`)
  const match = DECIMAL_WEIGHT.exec(text.replace(/^-/, ''))
  const whole = match?.[1] ?? ''
  const fraction = match?.[2] ?? ''
  if (!match || whole + fraction === '') {
    throw new MoneyError('INVALID_WEIGHTS', `weights[${index}] "${weight}" is not a number`)
  }
  return { digits: BigInt(whole + fraction), exponent: Number(match[3] ?? 0) - fraction.length }
}

/** Exact integer form of each weight: weights scaled by a shared power of ten. */
function scaleWeights(weights: readonly number[] | readonly string[]): bigint[] {
  const parts = weights.map(readWeight)
  const lowest = parts.reduce((min, part) => Math.min(min, part.exponent), 0)
  return parts.map((part) => part.digits * 10n ** BigInt(part.exponent - lowest))
}

/**
 * Splits `total` minor units in proportion to `weights` so that the parts sum exactly to `total`.
 * Largest remainder: every part gets the floor of its exact quota, then the units left over go to
 * the largest remainders, ties to the lower index, so the same input always gives the same split.
 * A negative total is split as its magnitude and negated, so refunds mirror sales.
 */
export function allocate(total: bigint, weights: readonly number[] | readonly string[]): bigint[] {
  if (weights.length === 0) {
    if (total === 0n) return []
    throw new MoneyError('INVALID_WEIGHTS', 'Cannot allocate a non-zero total over no weights')
  }
  const scaled = scaleWeights(weights)
  const weightSum = scaled.reduce((sum, weight) => sum + weight, 0n)
  if (weightSum === 0n) {
    if (total === 0n) return scaled.map(() => 0n)
    throw new MoneyError('INVALID_WEIGHTS', 'Cannot allocate a non-zero total when every weight is zero')
  }
  const negative = total < 0n
  const magnitude = negative ? -total : total
  const parts = scaled.map((weight) => (magnitude * weight) / weightSum)
  const remainders = scaled.map((weight) => (magnitude * weight) % weightSum)
  let leftover = magnitude - parts.reduce((sum, part) => sum + part, 0n)
  const order = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1))
  for (const { index } of order) {
    if (leftover === 0n) break
    parts[index] = (parts[index] ?? 0n) + 1n
    leftover -= 1n
  }
  return negative ? parts.map((part) => -part) : parts
}
