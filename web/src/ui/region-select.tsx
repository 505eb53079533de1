// Country and currency pickers: ISO codes on the wire, names in the viewer's language on screen.
import { Select, type SelectProps } from '@mantine/core'
import { useMemo } from 'react'
import { currencyCodes } from '../../../src/money/currency'
import { countryCodes } from '../../../src/platform/platform.contract'
import { viewerLocale } from './money'

type CodeSelectProps = Omit<SelectProps, 'data' | 'searchable' | 'filter'>

function displayNames(type: 'region' | 'currency', locale = viewerLocale()): (code: string) => string {
  try {
    const names = new Intl.DisplayNames(locale ? [locale, 'en'] : ['en'], { type, fallback: 'code' })
    return (code) => names.of(code) ?? code
  } catch {
    return (code) => code
  }
}

/** A country's name in the viewer's language ("NL" → "Netherlands"), or a dash for none. */
export const countryName = (code: string | null | undefined): string =>
  code ? displayNames('region')(code) : '—'

/** Options sorted by their name in the viewer's language. */
export function countryOptions(locale?: string): { value: string; label: string }[] {
  const name = displayNames('region', locale)
  return countryCodes
    .map((code) => ({ value: code, label: name(code) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale))
}

export function currencyOptions(locale?: string): { value: string; label: string }[] {
  const name = displayNames('currency', locale)
  return currencyCodes.map((code) => ({ value: code, label: `${code} · ${name(code)}` }))
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()

/** Matches by name, ignoring accents and case ("cote" finds Côte d’Ivoire), or by exact code ("NL"). */
const byNameOrCode: SelectProps['filter'] = ({ options, search }) => {
  const wanted = fold(search.trim())
  if (!wanted) return options
  return options.filter((option) => {
    if (!('value' in option)) return false
    return option.value.toLowerCase() === wanted || fold(option.label).includes(wanted)
  })
}

export function CountrySelect(props: CodeSelectProps) {
  const data = useMemo(() => countryOptions(viewerLocale()), [])
  return (
    <Select
      placeholder="Search countries"
      nothingFoundMessage="No country with that name"
      {...props}
      data={data}
      searchable
      filter={byNameOrCode}
    />
  )
}

export function CurrencySelect(props: CodeSelectProps) {
  const data = useMemo(() => currencyOptions(viewerLocale()), [])
  return (
    <Select
      placeholder="Search currencies"
      nothingFoundMessage="No currency with that code or name"
      {...props}
      data={data}
      searchable
      filter={byNameOrCode}
    />
  )
}
