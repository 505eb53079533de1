// Create a commission plan or SPIF, or save an edited one as a new version from a day: basics, rules,
// tiers, a recurring limit and a SPIF window from pickers — or the whole terms as JSON. Rates are typed
// as percentages and sent as exact fractions; mistakes, the form's or the server's, land on their input.
// Below the terms, the draft is tried on last quarter's deals as it is edited.
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { type PlanView, planTerms } from '../../../../src/modules/incentives/incentives.contract'
import { useSubmit } from '../../ui/form-submit'
import { toOptions } from '../../ui/labels'
import { minorDigits } from '../../ui/money'
import { notifySuccess, showProblem } from '../../ui/problem'
import { CurrencySelect } from '../../ui/region-select'
import { incentiveKeys, incentivesApi } from './incentives-api'
import {
  createInputOfDraft,
  draftOfPlan,
  emptyBracket,
  formPathOf,
  matchPolicies,
  newPlanDraft,
  type PlanDraft,
  previewInputOfDraft,
  termsOfDraft,
  tierModes,
  tierPeriods,
  withTerms,
} from './plan-draft'
import { PlanPreview } from './plan-preview'
import { PlanRulesEditor } from './plan-rules-editor'

const today = () => new Date().toISOString().slice(0, 10)

const modeLabels: Record<PlanDraft['tierMode'], string> = {
  marginal: 'Marginal: each bracket’s rate on the revenue inside it',
  retroactive: 'Retroactive: the reached rate on all of it',
}

const policyLabels: Record<PlanDraft['matchPolicy'], string> = {
  first: 'The first matching rule',
  highest: 'The rule that pays most',
  stacked: 'Every matching rule, added up',
}

function Section({
  title,
  description,
  children,
}: {
  title: string
  description?: string
  children: ReactNode
}) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={title}>
      <Title order={2} size="h4">
        {title}
      </Title>
      {description ? (
        <Text size="sm" c="dimmed" mb="md">
          {description}
        </Text>
      ) : (
        <div style={{ height: 12 }} />
      )}
      {children}
    </Paper>
  )
}

function TiersEditor({ form, currency }: { form: ReturnType<typeof useForm<PlanDraft>>; currency: string }) {
  const { values } = form
  return (
    <Stack gap="sm">
      <Switch
        label="Tiered rates"
        description="Rules that pay “tiered” take the rate of the bracket the partner’s attributed revenue in the period has reached"
        {...form.getInputProps('hasTiers', { type: 'checkbox' })}
      />
      {values.hasTiers ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Period"
              data={toOptions(tierPeriods)}
              allowDeselect={false}
              {...form.getInputProps('tierPeriod')}
            />
            <Select
              label="Mode"
              data={tierModes.map((value) => ({ value, label: modeLabels[value] }))}
              allowDeselect={false}
              {...form.getInputProps('tierMode')}
            />
            <TextInput
              label={`Target (${currency})`}
              placeholder="No target"
              inputMode="decimal"
              {...form.getInputProps('targetAmount')}
            />
          </SimpleGrid>
          {values.brackets.map((bracket, index) => (
            <Group
              // biome-ignore lint/suspicious/noArrayIndexKey: brackets are positions in the list
              key={index}
              align="flex-start"
              role="group"
              aria-label={`Bracket ${index + 1}`}
              wrap="nowrap"
            >
              <Select
                label="From"
                aria-label={`Bracket ${index + 1} starts from`}
                data={[
                  { value: 'amount', label: `an amount (${currency})` },
                  { value: 'target', label: '% of the target' },
                ]}
                allowDeselect={false}
                w={200}
                {...form.getInputProps(`brackets.${index}.basis`)}
              />
              <TextInput
                label={bracket.basis === 'amount' ? `Revenue from (${currency})` : 'Percent of target'}
                inputMode="decimal"
                flex={1}
                {...form.getInputProps(`brackets.${index}.from`)}
              />
              <TextInput
                label="Rate"
                rightSection="%"
                inputMode="decimal"
                flex={1}
                {...form.getInputProps(`brackets.${index}.ratePercent`)}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={28}
                aria-label={`Remove bracket ${index + 1}`}
                disabled={values.brackets.length === 1}
                onClick={() => form.removeListItem('brackets', index)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="default"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => form.insertListItem('brackets', emptyBracket())}
              disabled={values.brackets.length >= 20}
            >
              Add bracket
            </Button>
          </Group>
        </>
      ) : null}
    </Stack>
  )
}

export function PlanForm({ plan, onSaved }: { plan?: PlanView; onSaved?: (plan: PlanView) => void }) {
  const isEdit = plan !== undefined
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const form = useForm<PlanDraft>({
    initialValues: plan ? draftOfPlan(plan, today(), minorDigits(plan.currency)) : newPlanDraft(today()),
  })
  const { values } = form
  const digits = minorDigits(values.currency)

  const save = useMutation({
    mutationFn: async (draft: PlanDraft) => {
      const built = createInputOfDraft(draft, digits)
      if (!built.value || Object.keys(built.errors).length > 0) {
        form.setErrors(built.errors)
        throw new Error('invalid')
      }
      const input = built.value
      if (!plan) return incentivesApi.createPlan(input)
      return incentivesApi.updatePlan(plan.id, {
        ...(input.name !== plan.name ? { name: input.name } : {}),
        effectiveFrom: input.effectiveFrom,
        terms: input.terms,
      })
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(incentiveKeys.plan(saved.id), saved)
      await queryClient.invalidateQueries({ queryKey: incentiveKeys.plans })
      if (isEdit) {
        notifySuccess(`Saved ${saved.name} as version ${saved.version}`)
        form.setValues(draftOfPlan(saved, today(), minorDigits(saved.currency)))
        form.resetDirty()
        onSaved?.(saved)
      } else {
        notifySuccess(`Created ${saved.name}`)
        await navigate({ to: '/commissions/plans/$planId', params: { planId: saved.id } })
      }
    },
    onError: (error) => {
      if (error instanceof Error && error.message === 'invalid') return
      showProblem(form, error, (path) => formPathOf(path, form.values))
    },
  })
  const submit = useSubmit(form, (draft) => save.mutateAsync(draft))

  const setAdvanced = (advanced: boolean) => {
    if (advanced) {
      form.setValues({ advanced, termsJson: JSON.stringify(termsOfDraft(values, digits).value, null, 2) })
      return
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(values.termsJson)
    } catch {
      form.setFieldError('termsJson', 'Not valid JSON: fix it, or it cannot be shown as fields')
      return
    }
    const terms = planTerms.safeParse(parsed)
    if (!terms.success) {
      const issue = terms.error.issues[0]
      form.setFieldError(
        'termsJson',
        issue ? `${issue.path.join('.') || 'terms'}: ${issue.message}` : 'Not valid terms',
      )
      return
    }
    form.setValues({ ...withTerms(values, terms.data, digits), advanced: false })
    form.clearErrors()
  }

  return (
    <form onSubmit={submit} noValidate aria-label={isEdit ? `Edit ${plan.name}` : 'New plan'}>
      <Stack maw={960}>
        <Section title="Plan">
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
              <div>
                <Text size="sm" fw={500} mb={4} id="plan-kind">
                  Kind
                </Text>
                <SegmentedControl
                  aria-labelledby="plan-kind"
                  disabled={isEdit}
                  data={[
                    { value: 'commission', label: 'Commission' },
                    { value: 'spif', label: 'SPIF' },
                  ]}
                  {...form.getInputProps('kind')}
                />
              </div>
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <CurrencySelect
                label="Currency"
                description="Flat amounts, caps and floors are in it"
                allowDeselect={false}
                disabled={isEdit}
                {...form.getInputProps('currency')}
              />
              <TextInput
                type="date"
                label="Effective from"
                description={
                  isEdit
                    ? 'The new version applies to deals closed from this day'
                    : 'Deals closed from this day earn'
                }
                {...form.getInputProps('effectiveFrom')}
              />
              <NumberInput
                label="Hold days"
                description="Days after the close before a line is payable"
                min={0}
                max={365}
                allowDecimal={false}
                {...form.getInputProps('holdDays')}
              />
            </SimpleGrid>
            <Switch
              label="Advanced (JSON)"
              description="Edit the whole terms as JSON: audiences and conditions the pickers do not offer"
              checked={values.advanced}
              onChange={(event) => setAdvanced(event.currentTarget.checked)}
            />
          </Stack>
        </Section>

        {values.advanced ? (
          <Section
            title="Terms (JSON)"
            description="Rates are decimal fractions (0.1 is 10%); amounts are in minor units."
          >
            <Textarea
              aria-label="Terms (JSON)"
              autosize
              minRows={12}
              ff="monospace"
              {...form.getInputProps('termsJson')}
            />
          </Section>
        ) : (
          <>
            <Section title="Rules" description="Which deals earn, and how much of the credited amount.">
              <Stack>
                <Select
                  label="When several rules match a deal, pay"
                  data={matchPolicies.map((value) => ({ value, label: policyLabels[value] }))}
                  allowDeselect={false}
                  maw={360}
                  {...form.getInputProps('matchPolicy')}
                />
                <PlanRulesEditor form={form} currency={values.currency} />
              </Stack>
            </Section>
            <Section title="Tiers">
              <TiersEditor form={form} currency={values.currency} />
            </Section>
            <Section title="Limits">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                  label="Recurring months"
                  description="Renewals and expansions earn only this long after the first deal"
                  placeholder="No limit"
                  min={1}
                  max={120}
                  allowDecimal={false}
                  {...form.getInputProps('recurringMonths')}
                />
                <NumberInput
                  label="Clawback days"
                  description="Refunds and churn this soon after the close claw commission back"
                  placeholder="Refunds always; churn never"
                  min={1}
                  max={3650}
                  allowDecimal={false}
                  {...form.getInputProps('clawbackDays')}
                />
                <TextInput
                  type="date"
                  label={values.kind === 'spif' ? 'SPIF from' : 'Window from'}
                  description="Only deals closed in the window earn"
                  {...form.getInputProps('windowFrom')}
                />
                <TextInput
                  type="date"
                  label={values.kind === 'spif' ? 'SPIF to' : 'Window to'}
                  {...form.getInputProps('windowTo')}
                />
              </SimpleGrid>
            </Section>
          </>
        )}
        <PlanPreview input={previewInputOfDraft(values, digits, plan?.id)} />
        {form.errors.hasTiers ? (
          <Alert color="red" title="Tiers">
            {form.errors.hasTiers}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          {isEdit ? null : (
            <Button variant="default" onClick={() => void navigate({ to: '/commissions/plans' })}>
              Cancel
            </Button>
          )}
          <Button type="submit" loading={form.submitting}>
            {isEdit ? 'Save as a new version' : values.kind === 'spif' ? 'Create SPIF' : 'Create plan'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
