// How many rows a paged list shows out of how many match, worded for the footer: "1–50 of 3,000 deals".

/** A noun in both numbers, since the count decides which one reads right: "1 deal", "2 deals". */
export type Noun = { one: string; other: string }

export const nounOf = (one: string, other = `${one}s`): Noun => ({ one, other })

/**
 * `shown` rows are on the page (pages accumulate, so they always start at the first); `total` is the
 * server's count of every row that matches the filters.
 */
export function rangeCaption(
  shown: number,
  total: number,
  noun: Noun,
  format: (n: number) => string,
): string {
  const word = total === 1 ? noun.one : noun.other
  if (total === 0) return `No ${noun.other}`
  const last = Math.min(shown, total)
  const range = last <= 1 ? format(last) : `${format(1)}–${format(last)}`
  return `${range} of ${format(total)} ${word}`
}
