// Records a touch on a deal, by a partner or a direct seller, and puts it on the timeline at once.
import {
  Button,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { DealDetailView, TouchActor } from '../../../../src/modules/journeys/journeys.contract'
import { localInputToIso, toLocalInputValue } from '../../ui/dates'
import { useSubmit } from '../../ui/form-submit'
import { type FieldResolver, notifySuccess, showProblem } from '../../ui/problem'
import { useMe } from '../identity/session'
import { PartnerPicker } from '../partners/partner-picker'
import { activityTypesApi, journeyKeys, touchpointsApi } from './journeys-api'

type TouchDraft = {
  kind: TouchActor['kind']
  partnerId: string | null
  seller: string
  activityType: string | null
  occurredAt: string
  notes: string
}

const blankTouch = (kind: TouchActor['kind'], seller: string): TouchDraft => ({
  kind,
  partnerId: null,
  seller,
  activityType: null,
  occurredAt: toLocalInputValue(new Date()),
  notes: '',
})

export function AddTouchForm({ dealId }: { dealId: string }) {
  const me = useMe()
  const queryClient = useQueryClient()
  const form = useForm<TouchDraft>({
    initialValues: blankTouch('partner', me.user.email),
    validate: {
      partnerId: (value, values) =>
        values.kind === 'partner' && !value ? 'Choose the partner who made the touch' : null,
      seller: (value, values) => (values.kind === 'direct' && !value.trim() ? 'Name the seller' : null),
      activityType: (value) => (value ? null : 'Choose what happened'),
      occurredAt: (value) => (localInputToIso(value) ? null : 'Enter a date and time'),
    },
  })

  const activityTypes = useQuery({ queryKey: journeyKeys.activityTypes, queryFn: activityTypesApi.list })
  const activityOptions = (activityTypes.data?.items ?? [])
    .filter((type) => type.isActive)
    .map((type) => ({ value: type.key, label: type.label }))

  const resolve: FieldResolver = (path) => {
    if (path === 'actor.partnerId' || (path === 'actor' && form.values.kind === 'partner')) return 'partnerId'
    if (path === 'actor.seller' || path === 'actor') return 'seller'
    return ['activityType', 'occurredAt', 'notes'].includes(path) ? path : null
  }

  const record = useMutation({
    mutationFn: touchpointsApi.record,
    onSuccess: async (touch) => {
      queryClient.setQueryData<DealDetailView>(journeyKeys.deal(dealId), (deal) => {
        if (!deal) return deal
        const others = deal.touchpoints.filter((existing) => existing.id !== touch.id)
        const touchpoints = [...others, touch].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))
        return { ...deal, touchpoints, touchCount: touchpoints.length }
      })
      // A fresh form: the same values again would silently record an identical touch.
      const fresh = blankTouch(form.values.kind, me.user.email)
      form.setInitialValues(fresh)
      form.setValues(fresh)
      form.resetDirty(fresh)
      notifySuccess(`${touch.activityLabel} added to the timeline`)
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: journeyKeys.deals }),
        queryClient.invalidateQueries({ queryKey: journeyKeys.touchpoints }),
      ])
    },
    onError: (error) => showProblem(form, error, resolve),
  })

  const submit = useSubmit(form, (values) => {
    const actor: TouchActor =
      values.kind === 'partner'
        ? { kind: 'partner', partnerId: values.partnerId ?? '' }
        : { kind: 'direct', seller: values.seller.trim() }
    return record.mutateAsync({
      dealId,
      actor,
      activityType: values.activityType ?? '',
      occurredAt: localInputToIso(values.occurredAt) ?? '',
      notes: values.notes.trim() || null,
    })
  })

  return (
    <Paper withBorder p="lg" radius="md">
      <form onSubmit={submit} noValidate aria-label="Add touch">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Add touch
          </Title>
          <div>
            <Text size="sm" fw={500} mb={4} id="touch-actor-label">
              Touch by
            </Text>
            <SegmentedControl
              fullWidth
              aria-labelledby="touch-actor-label"
              {...form.getInputProps('kind')}
              data={[
                { value: 'partner', label: 'Partner' },
                { value: 'direct', label: 'Direct seller' },
              ]}
            />
          </div>
          {form.values.kind === 'partner' ? (
            <PartnerPicker label="Partner" withChurned={false} {...form.getInputProps('partnerId')} />
          ) : (
            <TextInput
              label="Seller"
              description="The internal seller, e.g. their email"
              {...form.getInputProps('seller')}
            />
          )}
          <Select
            label="Activity"
            placeholder={activityTypes.isPending ? 'Loading activity types…' : 'What happened'}
            data={activityOptions}
            {...form.getInputProps('activityType')}
          />
          <TextInput label="When" type="datetime-local" {...form.getInputProps('occurredAt')} />
          <Textarea label="Notes" autosize minRows={2} maxRows={6} {...form.getInputProps('notes')} />
          <Button type="submit" loading={form.submitting}>
            Add touch
          </Button>
        </Stack>
      </form>
    </Paper>
  )
}
