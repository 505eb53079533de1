// How a registration's account is compared with others: names reduced to a key (lower case, no
// accents, no punctuation, no legal suffix), a similarity between keys, and the word a candidate
// search in SQL starts from. Pure: no database, no clock.
import { distance } from 'fastest-levenshtein'

/** Words that name a company's legal form, not the company: dropped from the end of a name. */
const legalSuffixes = new Set([
  'inc',
  'incorporated',
  'llc',
  'llp',
  'lp',
  'ltd',
  'limited',
  'gmbh',
  'ag',
  'bv',
  'nv',
  'sa',
  'sas',
  'sarl',
  'srl',
  'spa',
  'plc',
  'pty',
  'oy',
  'ab',
  'corp',
  'corporation',
  'co',
  'company',
])

/** Names at least this similar (0–1) are taken for the same account. */
export const similarNameThreshold = 0.85

/**
 * The key two names are compared by: "Müller & Söhne GmbH" → "muller sohne", "ACME, Inc." → "acme".
 * Legal suffixes go only from the end, so "Co-op Bank" keeps its words; a name that is nothing but a
 * legal form keeps it rather than becoming empty.
 */
export function normaliseAccountName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    // "B.V." and "O'Brien" close up before the rest of the punctuation becomes spaces
    .replace(/[.'’]/g, '')
    .replace(/&/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
  let end = words.length
  while (end > 1 && legalSuffixes.has(words[end - 1]!)) end--
  return words.slice(0, end).join(' ')
}

/** 1 for equal keys, 0 for nothing in common: one minus the edit distance over the longer length. */
export function nameSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length)
  if (longest === 0) return 0
  return 1 - distance(a, b) / longest
}

/**
 * The words a candidate search looks for (each as a substring of other keys): the longest, and the
 * next longest when there is one, so a typo in one word still finds the account by the other.
 * Words shorter than three letters find too much to be worth searching.
 */
export function searchWords(key: string): string[] {
  return [...new Set(key.split(' '))]
    .filter((word) => word.length >= 3)
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .slice(0, 2)
}

/** A domain as typed: "https://www.Acme.com/about" → "acme.com". */
export function normaliseDomain(domain: string): string {
  return domain
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/[/?#].*$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '')
}
