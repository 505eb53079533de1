// A searchable select whose options come from the server as the user types, for lists too long to load.
import { Loader, Select, type SelectProps } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'

export type Option = { value: string; label: string }

export type RemoteSelectProps = Omit<
  SelectProps,
  'data' | 'value' | 'onChange' | 'searchable' | 'searchValue' | 'onSearchChange' | 'filter'
> & {
  value?: string | null
  onChange: (value: string | null) => void
  /** Prefix of the cache keys for this kind of record, e.g. ['partners', 'options']. */
  queryKey: readonly unknown[]
  /** The first options matching the text ('' for the first ones of all). */
  search: (text: string) => Promise<Option[]>
  /** The label of a value chosen before the options were loaded (an edited record, a URL filter). */
  lookup: (value: string) => Promise<Option>
}

export function RemoteSelect({
  value = null,
  onChange,
  queryKey,
  search,
  lookup,
  nothingFoundMessage = 'Nothing found',
  ...props
}: RemoteSelectProps) {
  const [text, setText] = useState('')
  const [picked, setPicked] = useState<Option | null>(null)
  const results = useQuery({
    queryKey: [...queryKey, 'search', useDebouncedValue(text.trim(), 250)[0]],
    queryFn: ({ queryKey: key }) => search(String(key.at(-1))),
    placeholderData: keepPreviousData,
  })
  const known = picked?.value === value ? picked : results.data?.find((option) => option.value === value)
  const current = useQuery({
    queryKey: [...queryKey, 'lookup', value],
    queryFn: () => lookup(value ?? ''),
    enabled: value !== null && known === undefined,
  })
  const selected = value === null ? null : (known ?? current.data ?? null)
  const data = useMemo(() => {
    const options = results.data ?? []
    return selected && !options.some((option) => option.value === selected.value)
      ? [selected, ...options]
      : options
  }, [results.data, selected])

  // Once a value is chosen, the box shows its label; searching for that label would hide the others.
  const onSearchChange = (next: string) => setText(next === selected?.label ? '' : next)

  return (
    <Select
      {...props}
      searchable
      data={data}
      value={value}
      onChange={(next, option) => {
        setPicked(next === null ? null : { value: next, label: option?.label ?? next })
        onChange(next)
      }}
      onSearchChange={onSearchChange}
      filter={({ options }) => options}
      nothingFoundMessage={results.isFetching ? 'Searching…' : nothingFoundMessage}
      rightSection={results.isFetching ? <Loader size="xs" /> : props.rightSection}
    />
  )
}
