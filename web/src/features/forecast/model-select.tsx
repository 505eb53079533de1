// The enabled attribution models to value a report under, the paying one first picked.
import { Select } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { creditKeys, creditsApi } from '../credits/credits-api'

export function ModelSelect({
  value,
  onChange,
}: {
  value?: string
  onChange: (model: string | undefined) => void
}) {
  const models = useQuery({ queryKey: creditKeys.models, queryFn: () => creditsApi.models() })
  const enabled = (models.data?.items ?? []).filter((model) => model.role !== 'off')
  return (
    <Select
      label="Model"
      data={enabled.map((model) => ({
        value: model.id,
        label: model.role === 'paying' ? `${model.name} (paying)` : model.name,
      }))}
      value={value ?? enabled.find((model) => model.role === 'paying')?.id ?? null}
      onChange={(model) => onChange(model ?? undefined)}
      allowDeselect={false}
      w={220}
    />
  )
}
