// A model's options as fields: which touches count (lookback, left-out activities, repeats), credit
// passed up partner chains with a share per link, and renewals inheriting their parent deal's
// credit. Each change writes the whole options object back; empty fields leave the option out.
import {
  ActionIcon,
  Fieldset,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
} from '@mantine/core'
import { IconTrash } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import type { AttributionOptionsInput } from '../../../../src/modules/credits/credits.contract'
import { activityTypesApi, journeyKeys } from '../journeys/journeys-api'
import { PartnerPicker } from '../partners/partner-picker'

type Tiers = NonNullable<AttributionOptionsInput['tiers']>
type Recurring = NonNullable<AttributionOptionsInput['recurring']>

/** Fractions as whole percentages in the fields, back to fractions in the options. */
const toPercent = (fraction: number | undefined) =>
  fraction === undefined ? '' : Math.round(fraction * 1000) / 10
const toFraction = (value: string | number) => (value === '' ? undefined : Number(value) / 100)

/** The options without the keys whose value is undefined: the JSON shows only what is set. */
export function withoutEmpty<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

function LinkShares({ tiers, onChange }: { tiers: Tiers; onChange: (tiers: Tiers) => void }) {
  const rows = Object.entries(tiers.linkShares ?? {})
  const write = (entries: [string, number][]) =>
    onChange(
      withoutEmpty({ ...tiers, linkShares: entries.length > 0 ? Object.fromEntries(entries) : undefined }),
    )
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        Shares per link
      </Text>
      <Text size="xs" c="dimmed">
        For a partner below another: the share of its credit its parent takes, instead of the default.
      </Text>
      {rows.map(([partnerId, share], index) => (
        <Group key={partnerId} gap="xs" align="flex-end" wrap="nowrap">
          <PartnerPicker
            label={index === 0 ? 'Partner below' : undefined}
            aria-label={`Partner below, link ${index + 1}`}
            value={partnerId}
            onChange={(next) =>
              next &&
              write(rows.map(([id, s]) => (id === partnerId ? [next, s] : [id, s]) as [string, number]))
            }
            w={280}
          />
          <NumberInput
            label={index === 0 ? 'Parent takes (%)' : undefined}
            aria-label={`Parent's share, link ${index + 1}`}
            min={0}
            max={100}
            value={toPercent(share)}
            onChange={(value) =>
              write(rows.map(([id, s]) => [id, id === partnerId ? (toFraction(value) ?? 0) : s]))
            }
            w={150}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Remove link ${index + 1}`}
            onClick={() => write(rows.filter(([id]) => id !== partnerId))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      {/* picking a partner adds its link at the default share */}
      <PartnerPicker
        label="Add a link for"
        value={null}
        onChange={(id) =>
          id &&
          !rows.some(([existing]) => existing === id) &&
          write([...rows, [id, tiers.defaultShare ?? 0.2]])
        }
        w={280}
      />
    </Stack>
  )
}

export function OptionsEditor({
  value,
  onChange,
  error,
}: {
  value: AttributionOptionsInput
  onChange: (next: AttributionOptionsInput) => void
  error?: string
}) {
  const activityTypes = useQuery({ queryKey: journeyKeys.activityTypes, queryFn: activityTypesApi.list })
  const set = (patch: Partial<AttributionOptionsInput>) => onChange(withoutEmpty({ ...value, ...patch }))
  const tiers = value.tiers
  const recurring = value.recurring
  const setRecurring = (patch: Partial<Recurring>) =>
    set({ recurring: withoutEmpty({ mode: recurring?.mode ?? 'inherit', ...recurring, ...patch }) })
  return (
    <Stack gap="sm" role="group" aria-label="Options">
      <Fieldset legend="Which touches count">
        <Stack gap="xs">
          <NumberInput
            label="Lookback (days before close)"
            description="Touches older than this do not count; empty counts them all"
            min={1}
            max={3650}
            value={value.lookbackDays ?? ''}
            onChange={(days) => set({ lookbackDays: days === '' ? undefined : Number(days) })}
            w={260}
          />
          <TagsInput
            label="Leave out activities"
            placeholder="e.g. content_share"
            data={(activityTypes.data?.items ?? []).map((t) => t.key)}
            value={value.excludeActivities ?? []}
            onChange={(keys) => set({ excludeActivities: keys.length > 0 ? keys : undefined })}
          />
          <Select
            label="Repeated touches"
            data={[
              { value: 'none', label: 'Count every touch' },
              { value: 'consecutive', label: 'Drop a touch repeating the one before' },
              { value: 'all', label: 'Count each actor and activity once' },
            ]}
            value={value.dedupe ?? 'none'}
            allowDeselect={false}
            onChange={(dedupe) =>
              set({ dedupe: dedupe === 'none' ? undefined : (dedupe as AttributionOptionsInput['dedupe']) })
            }
            w={320}
          />
        </Stack>
      </Fieldset>
      <Fieldset legend="Partner chains">
        <Stack gap="xs">
          <Switch
            label="Pass credit up each partner's parent chain (distributor above reseller)"
            checked={tiers !== undefined}
            onChange={(event) =>
              set({ tiers: event.currentTarget.checked ? { defaultShare: 0.2 } : undefined })
            }
          />
          {tiers ? (
            <>
              <NumberInput
                label="Parent takes by default (%)"
                min={0}
                max={100}
                value={toPercent(tiers.defaultShare)}
                onChange={(share) =>
                  set({ tiers: withoutEmpty({ ...tiers, defaultShare: toFraction(share) }) })
                }
                w={260}
              />
              <LinkShares tiers={tiers} onChange={(next) => set({ tiers: next })} />
            </>
          ) : null}
        </Stack>
      </Fieldset>
      <Fieldset legend="Renewals and expansions">
        <Stack gap="xs">
          <Select
            label="Credit of a renewal"
            data={[
              { value: 'own', label: 'From its own touches only' },
              { value: 'inherit', label: 'Inherited from the deal it renews' },
              { value: 'mix', label: 'A mix of both' },
            ]}
            value={recurring?.mode ?? 'own'}
            allowDeselect={false}
            onChange={(mode) =>
              mode === 'own'
                ? set({ recurring: undefined })
                : setRecurring({ mode: mode as Recurring['mode'] })
            }
            w={320}
          />
          {recurring && recurring.mode !== 'own' ? (
            <Group gap="sm">
              <NumberInput
                label="Fades per renewal (%)"
                min={0}
                max={100}
                value={toPercent(recurring.decayPerRenewal ?? 0.2)}
                onChange={(decay) => setRecurring({ decayPerRenewal: toFraction(decay) })}
                w={200}
              />
              {recurring.mode === 'mix' ? (
                <NumberInput
                  label="Weight of the parent's credit (%)"
                  min={0}
                  max={100}
                  value={toPercent(recurring.inheritWeight ?? 0.5)}
                  onChange={(weight) => setRecurring({ inheritWeight: toFraction(weight) })}
                  w={240}
                />
              ) : null}
            </Group>
          ) : null}
        </Stack>
      </Fieldset>
      {error ? (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  )
}
