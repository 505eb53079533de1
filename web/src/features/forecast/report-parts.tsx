// What the revenue report pages share: quarters or months, a chart's money labels, and the page frame
// that shows the header while the report loads or fails.
import { SegmentedControl } from '@mantine/core'
import type { UseQueryResult } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { ErrorAlert, PageLoader } from '../../ui/feedback'

export type Granularity = 'month' | 'quarter'

export function GranularityControl({
  value,
  onChange,
}: {
  value: Granularity
  onChange: (value: Granularity) => void
}) {
  return (
    <SegmentedControl
      aria-label="Periods"
      data={[
        { value: 'quarter', label: 'Quarters' },
        { value: 'month', label: 'Months' },
      ]}
      value={value}
      onChange={(picked) => onChange(picked as Granularity)}
    />
  )
}

/** A chart axis or tooltip value (major units) in short form: $1.2M. */
export const compactMoney = (currency: string) => (value: number) =>
  new Intl.NumberFormat(undefined, { style: 'currency', currency, notation: 'compact' }).format(value)

/** The header always; below it the report once loaded, or why it is not. */
export function ReportFrame<T>({
  header,
  query,
  loading,
  what,
  children,
}: {
  header: ReactNode
  query: UseQueryResult<T>
  loading: string
  what: string
  children: (data: T) => ReactNode
}) {
  return (
    <>
      {header}
      {query.isPending ? (
        <PageLoader label={loading} />
      ) : query.isError ? (
        <ErrorAlert error={query.error} what={what} />
      ) : (
        children(query.data)
      )}
    </>
  )
}
