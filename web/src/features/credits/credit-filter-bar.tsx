// The controls of a credit filter: which model's credit, over which period, counting which partner
// types. The model list names the paying one; models switched off are not offered.
import { Group, MultiSelect, Select } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { partnerTypes } from '../../../../src/modules/partners/partners.contract'
import { toOptions } from '../../ui/labels'
import { type CreditFilter, isPeriodKey, periodLabel, periodOptions } from './credit-filter'
import { creditKeys, creditsApi } from './credits-api'

const typeOptions = toOptions(partnerTypes)

export function CreditFilterBar({
  value,
  onChange,
}: {
  value: CreditFilter
  onChange: (next: CreditFilter) => void
}) {
  const models = useQuery({ queryKey: creditKeys.models, queryFn: creditsApi.models })
  const enabled = (models.data?.items ?? []).filter((m) => m.role !== 'off')
  const paying = enabled.find((m) => m.role === 'paying')
  const modelOptions = enabled.map((m) => ({
    value: m.id,
    label: m.role === 'paying' ? `${m.name} (paying)` : m.name,
  }))
  // a month reached from the trend stays selectable beside the presets
  const periods =
    value.period && !periodOptions.some((o) => o.value === value.period)
      ? [...periodOptions, { value: value.period, label: periodLabel(value.period) }]
      : periodOptions
  return (
    <Group gap="sm" align="flex-end" role="group" aria-label="Credit filter">
      <Select
        label="Model"
        size="xs"
        w={220}
        data={modelOptions}
        value={value.model ?? paying?.id ?? null}
        allowDeselect={false}
        onChange={(model) => onChange({ ...value, model: model && model !== paying?.id ? model : undefined })}
      />
      <Select
        label="Period"
        size="xs"
        w={160}
        data={periods}
        value={value.period ?? 'all'}
        allowDeselect={false}
        onChange={(period) =>
          onChange({ ...value, period: isPeriodKey(period) && period !== 'all' ? period : undefined })
        }
      />
      <MultiSelect
        label="Partner types"
        size="xs"
        miw={200}
        maw={360}
        placeholder={value.partnerType ? undefined : 'All types'}
        data={typeOptions}
        value={value.partnerType ? value.partnerType.split(',') : []}
        clearable
        onChange={(types) =>
          onChange({ ...value, partnerType: types.length > 0 ? types.join(',') : undefined })
        }
      />
    </Group>
  )
}
