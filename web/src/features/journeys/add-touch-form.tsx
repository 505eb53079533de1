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
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useMemo, useState } from 'react'
import type { DealDetailView, TouchActor } from '../../../../src/modules/journeys/journeys.contract'
import { localInputToIso, toLocalInputValue } from '../../ui/dates'
import { humanize } from '../../ui/labels'
import { type FieldResolver, notifySuccess, useFieldErrors } from '../../ui/problem'
import { useMe } from '../identity/session'
import { partnerKeys, partnersApi } from '../partners/partners-api'
import { activityTypesApi, journeyKeys, touchpointsApi } from './journeys-api'

type ActorKind = TouchActor['kind']

export function AddTouchForm({ dealId }: { dealId: string }) {
  const me = useMe()
  const queryClient = useQueryClient()
  const [kind, setKind] = useState<ActorKind>('partner')
  const [partnerId, setPartnerId] = useState<string | null>(null)
  const [seller, setSeller] = useState(me.user.email)
  const [activityType, setActivityType] = useState<string | null>(null)
  const [occurredAt, setOccurredAt] = useState(() => toLocalInputValue(new Date()))
  const [notes, setNotes] = useState('')
  const fields = useFieldErrors()

  const partners = useQuery({ queryKey: partnerKeys.everything, queryFn: () => partnersApi.listAll() })
  const activityTypes = useQuery({ queryKey: journeyKeys.activityTypes, queryFn: activityTypesApi.list })
  const partnerOptions = useMemo(
    () =>
      (partners.data ?? [])
        .filter((partner) => partner.status !== 'churned')
        .map((partner) => ({ value: partner.id, label: `${partner.name} (${humanize(partner.type)})` })),
    [partners.data],
  )
  const activityOptions = (activityTypes.data?.items ?? [])
    .filter((type) => type.isActive)
    .map((type) => ({ value: type.key, label: type.label }))

  const resolve: FieldResolver = (path) => {
    if (path === 'actor.partnerId' || (path === 'actor' && kind === 'partner')) return 'partnerId'
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
      setNotes('')
      notifySuccess(`${touch.activityLabel} added to the timeline`)
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: journeyKeys.deals }),
        queryClient.invalidateQueries({ queryKey: journeyKeys.touchpoints }),
      ])
    },
    onError: (error) => fields.show(error, resolve),
  })

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const missing: Record<string, string> = {}
    if (kind === 'partner' && !partnerId) missing.partnerId = 'Choose the partner who made the touch'
    if (!activityType) missing.activityType = 'Choose what happened'
    const iso = localInputToIso(occurredAt)
    if (!iso) missing.occurredAt = 'Enter a date and time'
    if (Object.keys(missing).length > 0 || !iso || !activityType) {
      fields.set(missing)
      return
    }
    fields.clear()
    const actor: TouchActor =
      kind === 'partner' && partnerId
        ? { kind: 'partner', partnerId }
        : { kind: 'direct', seller: seller.trim() }
    record.mutate({ dealId, actor, activityType, occurredAt: iso, notes: notes.trim() || null })
  }

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
              value={kind}
              onChange={(value) => setKind(value === 'direct' ? 'direct' : 'partner')}
              data={[
                { value: 'partner', label: 'Partner' },
                { value: 'direct', label: 'Direct seller' },
              ]}
            />
          </div>
          {kind === 'partner' ? (
            <Select
              label="Partner"
              placeholder={partners.isPending ? 'Loading partners…' : 'Search partners'}
              data={partnerOptions}
              value={partnerId}
              onChange={(value) => {
                setPartnerId(value)
                fields.clear('partnerId')
              }}
              searchable
              nothingFoundMessage="No partner with that name"
              error={fields.errors.partnerId}
            />
          ) : (
            <TextInput
              label="Seller"
              description="The internal seller, e.g. their email"
              value={seller}
              onChange={(event) => setSeller(event.currentTarget.value)}
              error={fields.errors.seller}
            />
          )}
          <Select
            label="Activity"
            placeholder={activityTypes.isPending ? 'Loading activity types…' : 'What happened'}
            data={activityOptions}
            value={activityType}
            onChange={(value) => {
              setActivityType(value)
              fields.clear('activityType')
            }}
            error={fields.errors.activityType}
          />
          <TextInput
            label="When"
            type="datetime-local"
            value={occurredAt}
            onChange={(event) => setOccurredAt(event.currentTarget.value)}
            error={fields.errors.occurredAt}
          />
          <Textarea
            label="Notes"
            autosize
            minRows={2}
            maxRows={6}
            value={notes}
            onChange={(event) => setNotes(event.currentTarget.value)}
            error={fields.errors.notes}
          />
          <Button type="submit" loading={record.isPending}>
            Add touch
          </Button>
        </Stack>
      </form>
    </Paper>
  )
}
