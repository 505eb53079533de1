// A tax form's status as a colour-coded badge, and a short summary of the form on file.
import { Alert, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core'
import type { TaxFormStatus, TaxFormView } from '../../../../src/modules/incentives/tax/tax.contract'
import { formatDate } from '../../ui/dates'
import { countryName } from '../../ui/region-select'
import { formTitles } from './tax-form-draft'

const statusColor: Record<TaxFormStatus, string> = {
  submitted: 'blue',
  approved: 'teal',
  rejected: 'red',
  superseded: 'gray',
}
const statusLabel: Record<TaxFormStatus, string> = {
  submitted: 'In review',
  approved: 'Approved',
  rejected: 'Rejected',
  superseded: 'Superseded',
}

export const TaxFormStatusBadge = ({ status }: { status: TaxFormStatus }) => (
  <Badge variant="light" color={statusColor[status]}>
    {statusLabel[status]}
  </Badge>
)

/** The form on file: which form, its status, the masked tax id, and what happens next. */
export function TaxFormSummary({ form }: { form: TaxFormView }) {
  return (
    <Paper withBorder p="lg" radius="md" aria-label="Your tax form on file">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {formTitles[form.kind]} · {form.legalName}
          </Title>
          <TaxFormStatusBadge status={form.status} />
        </Group>
        <Text size="sm" c="dimmed">
          Signed by {form.signerName} on {formatDate(form.signedAt)} · {countryName(form.country)}
          {form.tinMasked ? ` · US tax id ${form.tinMasked}` : ''}
          {form.foreignTinMasked ? ` · tax id ${form.foreignTinMasked}` : ''}
          {form.expiresOn ? ` · valid until ${formatDate(`${form.expiresOn}T12:00:00Z`)}` : ''}
        </Text>
        {form.status === 'submitted' ? (
          <Text size="sm">Your partner team reviews the form; payouts wait until it is approved.</Text>
        ) : null}
        {form.status === 'rejected' ? (
          <Alert color="red" title="Your form was not accepted">
            {form.rejectionReason} — please correct it and submit the form again.
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  )
}
