// One criterion of a ladder level in the editor: its kind, then what it needs — an amount or a count
// (and, for revenue and deals, which won deals count: all, a deal type, or a condition), or a partner
// condition as a tag or json-logic.
import { ActionIcon, Group, Select, Text, Textarea, TextInput } from '@mantine/core'
import type { UseFormReturnType } from '@mantine/form'
import { IconTrash } from '@tabler/icons-react'
import {
  type CriterionDraft,
  type CriterionKind,
  criterionKinds,
  criterionLabels,
  type DealScope,
  dealScopeLabels,
  dealScopes,
  type LadderDraft,
} from './ladder-draft'

const jsonInput = { autosize: true, minRows: 1, w: 320 } as const

export function CriterionRow({
  form,
  at,
  criterion,
  onRemove,
}: {
  form: UseFormReturnType<LadderDraft>
  /** The criterion's form path, `levels.1.criteria.0`. */
  at: string
  criterion: CriterionDraft
  onRemove: () => void
}) {
  const countsDeals = criterion.kind === 'attributed_revenue' || criterion.kind === 'attributed_deals'
  return (
    <Group align="flex-start" wrap="wrap" gap="sm">
      <Select
        aria-label="Criterion"
        data={criterionKinds.map((kind) => ({ value: kind, label: criterionLabels[kind] }))}
        allowDeselect={false}
        w={240}
        {...form.getInputProps(`${at}.kind`)}
        onChange={(value) => value && form.setFieldValue(`${at}.kind`, value as CriterionKind)}
      />
      {criterion.kind === 'partner' ? (
        <>
          <TextInput
            aria-label="Condition label"
            placeholder="certified partner"
            {...form.getInputProps(`${at}.label`)}
          />
          <TextInput
            aria-label="Partner has tag"
            placeholder="tag, e.g. certified"
            {...form.getInputProps(`${at}.tag`)}
          />
          {criterion.tag.trim() ? null : (
            <Textarea
              aria-label="Condition as json-logic"
              placeholder='{ "==": [{ "var": "partner.country" }, "US"] }'
              {...jsonInput}
              {...form.getInputProps(`${at}.json`)}
            />
          )}
        </>
      ) : (
        <TextInput
          aria-label={criterionLabels[criterion.kind]}
          placeholder={criterion.kind === 'attributed_revenue' ? '400000' : '2'}
          rightSection={
            criterion.kind === 'attributed_revenue' ? (
              <Text size="xs" c="dimmed">
                {form.values.currency}
              </Text>
            ) : null
          }
          rightSectionWidth={48}
          inputMode="decimal"
          {...form.getInputProps(`${at}.value`)}
        />
      )}
      {countsDeals ? (
        <Select
          aria-label="Counted on"
          data={dealScopes.map((scope) => ({ value: scope, label: dealScopeLabels[scope] }))}
          allowDeselect={false}
          w={200}
          {...form.getInputProps(`${at}.on`)}
          onChange={(value) => value && form.setFieldValue(`${at}.on`, value as DealScope)}
        />
      ) : null}
      {countsDeals && criterion.on === 'custom' ? (
        <>
          <TextInput
            aria-label="Deals label"
            placeholder="large deals"
            {...form.getInputProps(`${at}.label`)}
          />
          <Textarea
            aria-label="Deal condition as json-logic"
            placeholder='{ ">=": [{ "var": "deal.amount" }, 50000] }'
            {...jsonInput}
            {...form.getInputProps(`${at}.json`)}
          />
        </>
      ) : null}
      <ActionIcon variant="subtle" color="red" aria-label="Remove criterion" onClick={onRemove} mt={4}>
        <IconTrash size={16} />
      </ActionIcon>
    </Group>
  )
}
