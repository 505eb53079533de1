// The console's tax area: the forms partners submitted, to approve or reject with a reason, and the
// year-end 1099-NEC report with its CSV file and a PDF statement per partner.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconDownload } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { TaxFormStatus, TaxFormView } from '../../../../src/modules/incentives/tax/tax.contract'
import { formatDate } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { useSubmit } from '../../ui/form-submit'
import { nounOf } from '../../ui/list-count'
import { formatMinor } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { fieldsNamed, notifyError, notifySuccess, showProblem } from '../../ui/problem'
import { countryName } from '../../ui/region-select'
import { taxApi, taxDownloads, taxKeys } from './tax-api'
import { formTitles } from './tax-form-draft'
import { TaxFormStatusBadge } from './tax-form-status'

export function TaxReviewPage({ thisYear = new Date().getFullYear() }: { thisYear?: number }) {
  return (
    <>
      <PageHeader
        title="Tax"
        description="Partners’ W-9 and W-8 forms to review, and the year-end 1099-NEC report. Tax ids show only their last 4 digits."
      />
      <Tabs defaultValue="forms" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="forms">Tax forms</Tabs.Tab>
          <Tabs.Tab value="1099">1099-NEC report</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="forms">
          <TaxFormsQueue />
        </Tabs.Panel>
        <Tabs.Panel value="1099">
          <Form1099Report defaultYear={thisYear - 1} thisYear={thisYear} />
        </Tabs.Panel>
      </Tabs>
    </>
  )
}

const statusFilters: { value: TaxFormStatus | 'all'; label: string }[] = [
  { value: 'submitted', label: 'To review' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'all', label: 'All' },
]

function TaxFormsQueue() {
  const [status, setStatus] = useState<TaxFormStatus | 'all'>('submitted')
  const filters = status === 'all' ? {} : { status }
  const forms = usePagedList(taxKeys.forms(filters), (cursor) => taxApi.listForms(filters, cursor))
  const [rejecting, setRejecting] = useState<TaxFormView | null>(null)
  const queryClient = useQueryClient()
  const approve = useMutation({
    mutationFn: (form: TaxFormView) => taxApi.approve(form.id),
    onSuccess: async (saved) => {
      notifySuccess(`Approved the ${formTitles[saved.kind]} of ${saved.partnerName ?? saved.legalName}`)
      await queryClient.invalidateQueries({ queryKey: taxKeys.all })
    },
    onError: (error) => notifyError(error, 'Could not approve the form'),
  })
  return (
    <Stack>
      <SegmentedControl
        aria-label="Show forms"
        data={statusFilters}
        value={status}
        onChange={(value) => setStatus(value as TaxFormStatus | 'all')}
        style={{ alignSelf: 'flex-start' }}
      />
      <PagedListView
        list={forms}
        loadingLabel="Loading tax forms…"
        what="Tax forms"
        noun={nounOf('form', 'forms')}
        empty={
          <EmptyHint
            title={status === 'submitted' ? 'Nothing to review' : 'No forms'}
            description="Partners submit their W-9 or W-8 from the portal’s Tax form page; each one waits here for review."
          />
        }
      >
        {(items) => (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={860}>
              <Table verticalSpacing="sm" aria-label="Tax forms">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Partner</Table.Th>
                    <Table.Th>Form</Table.Th>
                    <Table.Th>Legal name</Table.Th>
                    <Table.Th>Tax id</Table.Th>
                    <Table.Th>Signed</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th aria-label="Actions" />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((form) => (
                    <Table.Tr key={form.id}>
                      <Table.Td>{form.partnerName ?? form.partnerId}</Table.Td>
                      <Table.Td>
                        {formTitles[form.kind]}
                        <Text size="xs" c="dimmed">
                          {countryName(form.country)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {form.legalName}
                        {form.businessName ? (
                          <Text size="xs" c="dimmed">
                            {form.businessName}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {[form.tinMasked, form.foreignTinMasked].filter(Boolean).join(' · ') || '—'}
                      </Table.Td>
                      <Table.Td>
                        {formatDate(form.signedAt)}
                        <Text size="xs" c="dimmed">
                          {form.signerName}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <TaxFormStatusBadge status={form.status} />
                        {form.rejectionReason ? (
                          <Text size="xs" c="dimmed">
                            {form.rejectionReason}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        {form.status === 'submitted' ? (
                          <Group gap="xs" wrap="nowrap">
                            <Button
                              size="xs"
                              loading={approve.isPending && approve.variables?.id === form.id}
                              onClick={() => approve.mutate(form)}
                              aria-label={`Approve the form of ${form.partnerName ?? form.legalName}`}
                            >
                              Approve
                            </Button>
                            <Button
                              size="xs"
                              variant="default"
                              onClick={() => setRejecting(form)}
                              aria-label={`Reject the form of ${form.partnerName ?? form.legalName}`}
                            >
                              Reject
                            </Button>
                          </Group>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </PagedListView>
      <RejectDialog form={rejecting} onClose={() => setRejecting(null)} />
    </Stack>
  )
}

function RejectDialog({ form: taxForm, onClose }: { form: TaxFormView | null; onClose: () => void }) {
  const queryClient = useQueryClient()
  const form = useForm({
    initialValues: { reason: '' },
    validate: { reason: (value) => (value.trim() ? null : 'Say why, so the partner can correct it') },
  })
  const reject = useMutation({
    mutationFn: (reason: string) => taxApi.reject(taxForm!.id, { reason }),
    onSuccess: async (saved) => {
      notifySuccess(`Rejected the ${formTitles[saved.kind]} of ${saved.partnerName ?? saved.legalName}`)
      form.reset()
      onClose()
      await queryClient.invalidateQueries({ queryKey: taxKeys.all })
    },
    onError: (error) => showProblem(form, error, fieldsNamed('reason')),
  })
  const submit = useSubmit(form, ({ reason }) => reject.mutateAsync(reason))
  return (
    <Modal opened={taxForm !== null} onClose={onClose} title="Reject the tax form">
      <form onSubmit={submit} noValidate aria-label="Reject the tax form">
        <Stack>
          <Text size="sm">
            {taxForm ? `${formTitles[taxForm.kind]} of ${taxForm.partnerName ?? taxForm.legalName}` : ''}
          </Text>
          <Textarea
            label="Reason"
            description="The partner sees it and submits a corrected form"
            autosize
            minRows={2}
            data-autofocus
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={form.submitting}>
              Reject form
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

function Form1099Report({ defaultYear, thisYear }: { defaultYear: number; thisYear: number }) {
  const [year, setYear] = useState(defaultYear)
  const report = useQuery({ queryKey: taxKeys.report(year), queryFn: () => taxApi.report(year) })
  const years = Array.from({ length: 6 }, (_, i) => String(thisYear - i))
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Select
          label="Payment year"
          data={years}
          value={String(year)}
          allowDeselect={false}
          onChange={(value) => value && setYear(Number(value))}
          w={160}
        />
        <Button
          component="a"
          href={taxDownloads.csv(year)}
          download
          variant="default"
          leftSection={<IconDownload size={16} />}
        >
          Download CSV
        </Button>
      </Group>
      {report.isPending ? (
        <PageLoader label="Working out the 1099-NEC report…" />
      ) : report.isError ? (
        <ErrorAlert error={report.error} what="the 1099-NEC report" />
      ) : (
        <>
          <Text size="sm" c="dimmed">
            Threshold {formatMinor(BigInt(report.data.threshold.threshold.amountMinor), 'USD')} (
            {report.data.threshold.source === 'org' ? 'set by your org' : 'IRS'}) · {report.data.reportable}{' '}
            reportable, {formatMinor(BigInt(report.data.reportableTotal.amountMinor), 'USD')} in total ·
            payments made in {report.data.year} (UTC), converted to USD at each payment day’s rates
          </Text>
          {report.data.rows.length === 0 ? (
            <EmptyHint
              title={`No payouts paid in ${report.data.year}`}
              description="Partners appear here once a payout to them is paid in the year."
            />
          ) : (
            <Paper withBorder radius="md">
              <Table.ScrollContainer minWidth={860}>
                <Table verticalSpacing="sm" aria-label="1099-NEC report">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Partner</Table.Th>
                      <Table.Th>Legal name (W-9)</Table.Th>
                      <Table.Th>TIN</Table.Th>
                      <Table.Th style={{ textAlign: 'right' }}>Paid (USD)</Table.Th>
                      <Table.Th>Reportable</Table.Th>
                      <Table.Th>Warnings</Table.Th>
                      <Table.Th aria-label="Statement" />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {report.data.rows.map((row) => (
                      <Table.Tr key={row.partnerId}>
                        <Table.Td>
                          {row.partnerName}
                          <Text size="xs" c="dimmed">
                            {countryName(row.country)}
                          </Text>
                        </Table.Td>
                        <Table.Td>{row.legalName ?? '—'}</Table.Td>
                        <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>
                          {row.tinMasked ?? '—'}
                        </Table.Td>
                        <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                          {formatMinor(BigInt(row.paid.amountMinor), 'USD')}
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={row.isReportable ? 'teal' : 'gray'}>
                            {row.isReportable ? 'Yes' : 'No'}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          {row.warnings.length ? (
                            <Stack gap={2}>
                              {row.warnings.map((warning) => (
                                <Text key={warning} size="xs" c="orange.8">
                                  {warning}
                                </Text>
                              ))}
                            </Stack>
                          ) : (
                            '—'
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Anchor href={taxDownloads.pdf(row.partnerId, report.data.year)} download size="sm">
                            PDF
                          </Anchor>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>
          )}
          <Alert variant="light" color="gray">
            Only partners with an approved W-9 paid at or above the threshold are reportable. Partners abroad
            with a W-8 are not reported on a 1099-NEC.
          </Alert>
        </>
      )}
    </Stack>
  )
}
