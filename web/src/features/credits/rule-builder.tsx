// The custom model's rules built from pickers: a base model, then rules that each test one thing
// about a touch, its actor or the deal and change a touch's weight or bound the actor's share.
import {
  ActionIcon,
  Autocomplete,
  Button,
  Code,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useMemo, useRef, useState } from 'react'
import { MODEL_KEYS } from '../../../../src/attribution/types'
import { partnerTypes } from '../../../../src/modules/partners/partners.contract'
import { humanize } from '../../ui/labels'
import { activityTypesApi, journeyKeys } from '../journeys/journeys-api'
import {
  type Condition,
  conditionFields,
  type Effect,
  effects,
  emptyRule,
  isShareEffect,
  type Operator,
  operatorsFor,
  placeRuleError,
  type RuleRow,
  type RuleRowErrors,
  type RuleSet,
  toRules,
} from './custom-rules'
import type { EditorResult } from './role-weights-editor'

/** Rules start from a model that needs no training. */
const baseKeys = MODEL_KEYS.filter((key) => !['markov', 'shapley', 'ai', 'custom'].includes(key))
const operatorLabels: Record<Operator, string> = {
  '==': 'is',
  '!=': 'is not',
  in: 'is one of',
  '>': 'is more than',
  '<': 'is less than',
  '>=': 'is at least',
  '<=': 'is at most',
}
const effectLabels: Record<Effect, string> = {
  weight: 'Set the touch’s weight to',
  multiply: 'Multiply the touch’s weight by',
  exclude: 'Leave the touch out',
  fixedShare: 'Fix the actor’s share at (0–1)',
  minShare: 'Give the actor at least (share, 0–1)',
  maxShare: 'Give the actor at most (share, 0–1)',
}
const fieldOptions = [
  { value: 'always', label: 'Always (every touch or actor)' },
  ...conditionFields.map((field) => ({ value: field.value, label: field.label })),
]

function ValueInput({
  label,
  condition,
  error,
  suggestions,
  onChange,
}: {
  label: string
  condition: Extract<Condition, { mode: 'match' }>
  error: string | undefined
  suggestions: string[]
  onChange: (value: string) => void
}) {
  const kind = conditionFields.find((field) => field.value === condition.field)?.kind ?? 'text'
  if (kind === 'boolean')
    return (
      <Select
        aria-label={label}
        data={[
          { value: 'true', label: 'Yes' },
          { value: 'false', label: 'No' },
        ]}
        value={condition.value || null}
        onChange={(value) => onChange(value ?? '')}
        error={error}
        size="xs"
        w={110}
      />
    )
  if (kind === 'text' && condition.operator !== 'in')
    return (
      <Autocomplete
        aria-label={label}
        data={suggestions}
        value={condition.value}
        onChange={onChange}
        error={error}
        size="xs"
        flex={1}
        miw={140}
      />
    )
  return (
    <TextInput
      aria-label={label}
      placeholder={condition.operator === 'in' ? 'a, b, c' : kind === 'number' ? '0' : ''}
      value={condition.value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      size="xs"
      flex={1}
      miw={140}
    />
  )
}

function RuleCard({
  index,
  rule,
  errors,
  suggestionsFor,
  onChange,
  onRemove,
}: {
  index: number
  rule: RuleRow
  errors: RuleRowErrors
  suggestionsFor: (field: string) => string[]
  onChange: (rule: RuleRow) => void
  onRemove: () => void
}) {
  const name = `Rule ${index + 1}`
  const { condition } = rule
  const pickField = (value: string | null) => {
    if (!value || value === 'always') return onChange({ ...rule, condition: { mode: 'always' } })
    const kind = conditionFields.find((field) => field.value === value)?.kind ?? 'text'
    const operator =
      condition.mode === 'match' && operatorsFor(kind).includes(condition.operator)
        ? condition.operator
        : '=='
    const isSameKind =
      condition.mode === 'match' && conditionFields.find((f) => f.value === condition.field)?.kind === kind
    onChange({
      ...rule,
      condition: { mode: 'match', field: value, operator, value: isSameKind ? condition.value : '' },
    })
  }
  return (
    <Paper withBorder p="sm" radius="sm" role="group" aria-label={name}>
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <TextInput
            aria-label={`${name} label`}
            placeholder="What the rule is for"
            value={rule.label}
            onChange={(event) => onChange({ ...rule, label: event.currentTarget.value })}
            error={errors.label}
            size="xs"
            flex={1}
          />
          <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${name}`} onClick={onRemove}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
        <Group gap="xs" wrap="wrap" align="flex-start">
          <Text size="xs" pt={6} w={36}>
            When
          </Text>
          <Select
            aria-label={`${name} tests`}
            data={fieldOptions}
            value={condition.mode === 'always' ? 'always' : condition.field}
            onChange={pickField}
            allowDeselect={false}
            searchable
            error={errors.field}
            size="xs"
            w={220}
          />
          {condition.mode === 'match' ? (
            <>
              <Select
                aria-label={`${name} operator`}
                data={operatorsFor(
                  conditionFields.find((field) => field.value === condition.field)?.kind ?? 'text',
                ).map((op) => ({ value: op, label: operatorLabels[op] }))}
                value={condition.operator}
                onChange={(value) =>
                  value && onChange({ ...rule, condition: { ...condition, operator: value as Operator } })
                }
                allowDeselect={false}
                size="xs"
                w={120}
              />
              <ValueInput
                label={`${name} value`}
                condition={condition}
                error={errors.value}
                suggestions={suggestionsFor(condition.field)}
                onChange={(value) => onChange({ ...rule, condition: { ...condition, value } })}
              />
            </>
          ) : null}
        </Group>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Text size="xs" pt={6} w={36}>
            Then
          </Text>
          <Select
            aria-label={`${name} effect`}
            data={effects.map((effect) => ({ value: effect, label: effectLabels[effect] }))}
            value={rule.effect}
            onChange={(value) => value && onChange({ ...rule, effect: value as Effect })}
            allowDeselect={false}
            error={errors.effect}
            size="xs"
            w={280}
          />
          {rule.effect === 'exclude' ? null : (
            <NumberInput
              aria-label={`${name} amount`}
              value={rule.amount}
              onChange={(amount) => onChange({ ...rule, amount })}
              error={errors.amount}
              decimalScale={4}
              step={isShareEffect(rule.effect) ? 0.05 : 0.5}
              size="xs"
              w={130}
            />
          )}
        </Group>
      </Stack>
    </Paper>
  )
}

export function RuleBuilder({
  initial,
  error,
  onChange,
}: {
  initial: RuleSet
  /** The engine's refusal of the parameters ("rules[0].maxShare: must be ≤ 1"), if any. */
  error?: string | undefined
  onChange: (result: EditorResult) => void
}) {
  const [set, setSet] = useState<RuleSet>(initial)
  const activityTypes = useQuery({ queryKey: journeyKeys.activityTypes, queryFn: activityTypesApi.list })
  const result = useMemo(() => toRules(set.rules), [set.rules])
  const report = useRef(onChange)
  report.current = onChange
  useEffect(() => {
    const isValid = Object.keys(result.errors).length === 0
    report.current({
      params: isValid ? { base: set.base, baseParams: set.baseParams, rules: result.rules } : null,
    })
  }, [result, set.base, set.baseParams])

  const placed = error ? placeRuleError(error) : null
  const errorsOf = (index: number): RuleRowErrors => ({
    ...result.errors[index],
    ...(placed && placed.index === index ? { [placed.field]: placed.message } : {}),
  })
  const suggestionsFor = (field: string): string[] => {
    if (field === 'touch.activity')
      return (activityTypes.data?.items ?? []).filter((t) => t.isActive).map((t) => t.key)
    if (field === 'touch.actorKind' || field === 'actor.kind') return [...partnerTypes, 'direct']
    if (field === 'deal.outcome') return ['won', 'lost', 'open']
    if (field === 'deal.kind' || field === 'deal.fields.type') return ['new', 'renewal', 'expansion']
    return []
  }
  const setRules = (rules: RuleRow[]) => setSet({ ...set, rules })

  return (
    <Stack gap="sm">
      <Select
        label="Start from"
        description="The model whose weights the rules change"
        data={baseKeys.map((key) => ({ value: key, label: humanize(key) }))}
        value={set.base}
        // the base's own parameters belong to it: another base starts from its defaults
        onChange={(base) =>
          base && setSet({ ...set, base, baseParams: base === set.base ? set.baseParams : {} })
        }
        allowDeselect={false}
        w={260}
        size="xs"
      />
      {set.baseParams && Object.keys(set.baseParams).length > 0 ? (
        <Text size="xs" c="dimmed">
          Its parameters: <Code>{JSON.stringify(set.baseParams)}</Code> (change them under Advanced (JSON))
        </Text>
      ) : null}
      <Text size="sm" fw={500}>
        Rules, in order
      </Text>
      {set.rules.length === 0 ? (
        <Text size="sm" c="dimmed">
          No rules yet: the base model decides alone. Add a rule to change a touch’s weight or bound a share.
        </Text>
      ) : null}
      {set.rules.map((rule, index) => (
        <RuleCard
          // rules have no identity but their place in the order
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          key={index}
          index={index}
          rule={rule}
          errors={errorsOf(index)}
          suggestionsFor={suggestionsFor}
          onChange={(changed) => setRules(set.rules.map((r, i) => (i === index ? changed : r)))}
          onRemove={() => setRules(set.rules.filter((_, i) => i !== index))}
        />
      ))}
      <Group>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => setRules([...set.rules, emptyRule(set.rules.length)])}
        >
          Add rule
        </Button>
      </Group>
      {error && !placed ? (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  )
}
