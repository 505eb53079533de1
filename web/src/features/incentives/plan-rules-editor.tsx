// The rules of a plan as rows: what a rule is called, which deals it matches (picked from the common
// tests, or json-logic by hand), and what it pays — a rate, a flat amount or the plan's tiers — with an
// optional cap and floor per deal.
import {
  ActionIcon,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import type { UseFormReturnType } from '@mantine/form'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { dealTypes } from '../../../../src/modules/journeys/journeys.contract'
import { partnerTypes } from '../../../../src/modules/partners/partners.contract'
import { toOptions } from '../../ui/labels'
import { CountrySelect } from '../../ui/region-select'
import { programKeys, programsApi } from '../programs/programs-api'
import {
  type Condition,
  type ConditionTest,
  conditionLabels,
  conditionTests,
  switchTest,
} from './plan-conditions'
import { emptyRule, type Payment, type PlanDraft } from './plan-draft'

type PlanForm = UseFormReturnType<PlanDraft>

const testOptions = conditionTests.map((test) => ({ value: test, label: conditionLabels[test] }))
const paymentOptions: { value: Payment; label: string }[] = [
  { value: 'rate', label: 'Rate %' },
  { value: 'flat', label: 'Flat amount' },
  { value: 'tiered', label: 'Tiered' },
]

function ConditionValue({
  condition,
  label,
  error,
  onChange,
}: {
  condition: Condition
  label: string
  error: ReactNode
  onChange: (condition: Condition) => void
}) {
  switch (condition.test) {
    case 'always':
      return null
    case 'json':
      return (
        <Textarea
          label="Condition (json-logic)"
          aria-label={label}
          description="Over { deal: { type, amount, currency, stage }, account: { country, industry }, partner: { type, country, tags, tier }, share }"
          autosize
          minRows={2}
          ff="monospace"
          value={condition.json}
          onChange={(event) => onChange({ test: 'json', json: event.currentTarget.value })}
          error={error}
        />
      )
    case 'dealType':
    case 'partnerType': {
      const test = condition.test
      return (
        <Select
          label="Value"
          aria-label={label}
          placeholder="Choose"
          data={toOptions(test === 'dealType' ? dealTypes : partnerTypes)}
          value={condition.value || null}
          onChange={(value) => onChange({ test, value: value ?? '' })}
          error={error}
        />
      )
    }
    case 'partnerTier':
      return <TierSelect label={label} value={condition.value} error={error} onChange={onChange} />
    case 'accountCountry':
      return (
        <CountrySelect
          label="Value"
          aria-label={label}
          value={condition.value || null}
          onChange={(value) => onChange({ test: 'accountCountry', value: value ?? '' })}
          error={error}
        />
      )
    case 'partnerTag':
      return (
        <TextInput
          label="Value"
          aria-label={label}
          placeholder="gold"
          value={condition.value}
          onChange={(event) => onChange({ test: 'partnerTag', value: event.currentTarget.value })}
          error={error}
        />
      )
  }
}

/** The levels of the org's tier ladders, by key, as the tier on a partner names them. */
function TierSelect({
  label,
  value,
  error,
  onChange,
}: {
  label: string
  value: string
  error: ReactNode
  onChange: (condition: Condition) => void
}) {
  const ladders = useQuery({ queryKey: programKeys.ladders, queryFn: programsApi.ladders })
  const levels = (ladders.data?.items ?? [])
    .filter((ladder) => ladder.isActive)
    .flatMap((ladder) =>
      ladder.definition.levels.map((level) => ({
        value: level.key,
        label: `${level.name} (${ladder.name})`,
      })),
    )
  const options = [...new Map(levels.map((level) => [level.value, level])).values()]
  return (
    <Select
      label="Value"
      aria-label={label}
      placeholder={ladders.isPending ? 'Loading tiers…' : 'Choose'}
      description={
        ladders.data && options.length === 0 ? 'No tier ladder yet: set one up under Tiers' : undefined
      }
      data={options}
      value={value || null}
      onChange={(picked) => onChange({ test: 'partnerTier', value: picked ?? '' })}
      error={error}
    />
  )
}

function RuleRow({ form, index, currency }: { form: PlanForm; index: number; currency: string }) {
  const at = `rules.${index}`
  const rule = form.values.rules[index]
  if (!rule) return null
  const name = `rule ${index + 1}`
  return (
    <Paper withBorder p="md" radius="sm" role="group" aria-label={`Rule ${index + 1}`}>
      <Stack gap="sm">
        <Group align="flex-start" wrap="nowrap">
          <SimpleGrid cols={{ base: 1, sm: 2 }} flex={1}>
            <TextInput label="Label" {...form.getInputProps(`${at}.label`)} />
            <TextInput
              label="Rule id"
              description="Stays the same across versions"
              {...form.getInputProps(`${at}.id`)}
            />
          </SimpleGrid>
          <ActionIcon
            variant="subtle"
            color="red"
            mt={24}
            aria-label={`Remove ${name}`}
            disabled={form.values.rules.length === 1}
            onClick={() => form.removeListItem('rules', index)}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Applies to"
            aria-label={`Condition of ${name}`}
            data={testOptions}
            allowDeselect={false}
            value={rule.condition.test}
            onChange={(value) =>
              form.setFieldValue(
                `${at}.condition`,
                switchTest(rule.condition, (value ?? 'always') as ConditionTest),
              )
            }
            error={rule.condition.test === 'always' ? form.errors[`${at}.condition`] : undefined}
          />
          <ConditionValue
            condition={rule.condition}
            label={`Condition value of ${name}`}
            error={form.errors[`${at}.condition`]}
            onChange={(condition) => form.setFieldValue(`${at}.condition`, condition)}
          />
        </SimpleGrid>
        <div>
          <Text size="sm" fw={500} mb={4} id={`${at}-pays`}>
            Pays
          </Text>
          <SegmentedControl
            aria-labelledby={`${at}-pays`}
            data={paymentOptions}
            value={rule.payment}
            onChange={(value) => form.setFieldValue(`${at}.payment`, value as Payment)}
          />
          {form.errors[`${at}.payment`] ? (
            <Text size="xs" c="red" mt={4}>
              {form.errors[`${at}.payment`]}
            </Text>
          ) : null}
        </div>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {rule.payment === 'rate' ? (
            <TextInput
              label="Rate"
              aria-label={`Rate of ${name} (%)`}
              inputMode="decimal"
              rightSection="%"
              {...form.getInputProps(`${at}.ratePercent`)}
            />
          ) : rule.payment === 'flat' ? (
            <TextInput
              label={`Flat amount (${currency})`}
              inputMode="decimal"
              {...form.getInputProps(`${at}.flatAmount`)}
            />
          ) : (
            <Text size="sm" c="dimmed" mt={28}>
              The rate comes from the tiers below.
            </Text>
          )}
          <TextInput
            label={`Cap per deal (${currency})`}
            placeholder="No cap"
            inputMode="decimal"
            {...form.getInputProps(`${at}.capAmount`)}
          />
          <TextInput
            label={`Floor per deal (${currency})`}
            placeholder="No floor"
            inputMode="decimal"
            {...form.getInputProps(`${at}.floorAmount`)}
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  )
}

export function PlanRulesEditor({ form, currency }: { form: PlanForm; currency: string }) {
  return (
    <Stack gap="sm">
      {form.values.rules.map((_, index) => (
        // rows are positions in the list; a key from the id would remount the row while its id is typed
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <RuleRow key={index} form={form} index={index} currency={currency} />
      ))}
      <Group>
        <Button
          variant="default"
          leftSection={<IconPlus size={16} />}
          onClick={() => form.insertListItem('rules', emptyRule(form.values.rules.length))}
          disabled={form.values.rules.length >= 50}
        >
          Add rule
        </Button>
      </Group>
    </Stack>
  )
}
