// The partner portal's tax form: the form on file and its status, and a W-9, W-8BEN or W-8BEN-E to
// sign, picked from the signer's country; the server's field errors land on their inputs.
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  PasswordInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import {
  type SubmitTaxFormInput,
  tinKinds,
  w8beneClassifications,
  w9Classifications,
} from '../../../../src/modules/incentives/tax/tax.contract'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { useSubmit } from '../../ui/form-submit'
import { PageHeader } from '../../ui/page-header'
import { fieldsNamed, notifySuccess, showProblem } from '../../ui/problem'
import { CountrySelect, countryName } from '../../ui/region-select'
import { useMe } from '../identity/session'
import { partnerKeys, partnersApi } from '../partners/partners-api'
import { taxApi, taxKeys } from './tax-api'
import { emptyDraft, formKindFor, formTitles, requestFrom, type TaxFormDraft } from './tax-form-draft'
import { TaxFormSummary } from './tax-form-status'

const w9ClassificationLabels: Record<(typeof w9Classifications)[number], string> = {
  individual: 'Individual / sole proprietor or single-member LLC',
  c_corporation: 'C corporation',
  s_corporation: 'S corporation',
  partnership: 'Partnership',
  trust_estate: 'Trust / estate',
  llc_c: 'LLC taxed as a C corporation',
  llc_s: 'LLC taxed as an S corporation',
  llc_p: 'LLC taxed as a partnership',
  other: 'Other',
}
const w8beneClassificationLabels: Record<(typeof w8beneClassifications)[number], string> = {
  partnership: 'Partnership',
  corporation: 'Corporation',
  disregarded_entity: 'Disregarded entity',
  simple_trust: 'Simple trust',
  grantor_trust: 'Grantor trust',
  complex_trust: 'Complex trust',
  estate: 'Estate',
  government: 'Government',
  central_bank: 'Central bank of issue',
  international_organization: 'International organization',
  tax_exempt_organization: 'Tax-exempt organization',
  private_foundation: 'Private foundation',
}
const tinKindLabels: Record<(typeof tinKinds)[number], string> = {
  ssn: 'SSN (Social Security number)',
  ein: 'EIN (Employer identification number)',
  itin: 'ITIN (Individual taxpayer identification number)',
}

// every field the server may name, so its message shows on the input
const fields = fieldsNamed(
  'country',
  'legalName',
  'businessName',
  'taxClassification',
  'addressLine1',
  'addressLine2',
  'city',
  'region',
  'postalCode',
  'tinKind',
  'tin',
  'foreignTin',
  'treatyArticle',
  'treatyRatePercent',
  'signerName',
  'signatureAttested',
)

export function PortalTaxForm() {
  const me = useMe()
  const partnerId = me.partner?.id ?? ''
  const forms = useQuery({
    queryKey: taxKeys.forms({}),
    queryFn: () => taxApi.listForms({}, null, 1),
  })
  const partner = useQuery({
    queryKey: partnerKeys.detail(partnerId),
    queryFn: () => partnersApi.get(partnerId),
    enabled: partnerId !== '',
  })
  const [isEditing, setEditing] = useState(false)
  if (forms.isPending || (partnerId && partner.isPending))
    return <PageLoader label="Loading your tax form…" />
  if (forms.isError) return <ErrorAlert error={forms.error} what="your tax form" />
  const current = forms.data.items[0] ?? null
  // a form in review or in force stays on screen; a new one is a deliberate step (it supersedes it)
  const isInForce = current?.status === 'submitted' || current?.status === 'approved'
  return (
    <>
      <PageHeader
        title="Tax form"
        description="We need a W-9 (US persons) or a W-8BEN / W-8BEN-E (everyone else) before we can pay you. Your tax id is stored encrypted and shown only by its last 4 digits."
      />
      <Stack maw={860}>
        {current ? <TaxFormSummary form={current} /> : null}
        {isInForce && !isEditing ? (
          <Group>
            <Button variant="default" onClick={() => setEditing(true)}>
              Submit a new form
            </Button>
            <Text size="sm" c="dimmed">
              For a new name, address or tax id; it replaces the form on file once approved.
            </Text>
          </Group>
        ) : (
          <TaxFormEditor
            country={partner.data?.country ?? null}
            hasForm={current !== null}
            onSubmitted={() => setEditing(false)}
          />
        )}
      </Stack>
    </>
  )
}

function TaxFormEditor({
  country,
  hasForm,
  onSubmitted,
}: {
  country: string | null
  hasForm: boolean
  onSubmitted: () => void
}) {
  const queryClient = useQueryClient()
  const form = useForm<TaxFormDraft>({
    initialValues: emptyDraft(country),
    validate: {
      country: (value) => (value ? null : 'Choose your country'),
      legalName: (value) => (value.trim() ? null : 'Enter your name as shown on your tax return'),
      signerName: (value) => (value.trim() ? null : 'Enter the name of the person signing'),
    },
  })
  const kind = formKindFor(form.values.country, form.values.isEntity)
  const isW9 = kind === 'w9'
  // biome-ignore lint/correctness/useExhaustiveDependencies: the lists differ per form, so a choice from another form's list is cleared when the form changes
  useEffect(() => {
    form.setFieldValue('taxClassification', null)
    form.setFieldValue('tinKind', null)
  }, [kind])

  const submitForm = useMutation({
    mutationFn: (body: SubmitTaxFormInput) => taxApi.submit(body),
    onSuccess: async (saved) => {
      notifySuccess(`${formTitles[saved.kind]} submitted for review`)
      await queryClient.invalidateQueries({ queryKey: taxKeys.all })
      onSubmitted()
    },
    onError: (error) => showProblem(form, error, fields),
  })
  const submit = useSubmit(form, (draft) => submitForm.mutateAsync(requestFrom(draft)))

  const classificationOptions = isW9
    ? w9Classifications.map((value) => ({ value, label: w9ClassificationLabels[value] }))
    : w8beneClassifications.map((value) => ({ value, label: w8beneClassificationLabels[value] }))
  const tinOptions = (
    isW9 ? tinKinds : kind === 'w8ben' ? (['ssn', 'itin'] as const) : (['ein'] as const)
  ).map((value) => ({ value, label: tinKindLabels[value] }))

  return (
    <form onSubmit={submit} noValidate aria-label="Tax form">
      <Stack>
        <Paper withBorder p="lg" radius="md">
          <Stack>
            <Title order={2} size="h4">
              {hasForm ? 'Submit a new form' : 'Fill in your tax form'}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <CountrySelect
                label="Country"
                description="Of citizenship, incorporation or tax residence"
                required
                allowDeselect={false}
                {...form.getInputProps('country')}
              />
              {isW9 ? null : (
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    You sign as
                  </Text>
                  <SegmentedControl
                    aria-label="You sign as"
                    data={[
                      { value: 'entity', label: 'A company or entity' },
                      { value: 'individual', label: 'An individual' },
                    ]}
                    value={form.values.isEntity ? 'entity' : 'individual'}
                    onChange={(value) => form.setFieldValue('isEntity', value === 'entity')}
                  />
                </Stack>
              )}
            </SimpleGrid>
            <Alert variant="light" color="blue" title={formTitles[kind]}>
              {isW9
                ? 'For US citizens, residents and US companies: your name and taxpayer identification number.'
                : `For ${kind === 'w8ben' ? 'individuals' : 'companies and other entities'} outside the US (${countryName(form.values.country)}): certifies foreign status and any treaty benefits.`}
            </Alert>
            <TextInput
              label={isW9 ? 'Name (as shown on your income tax return)' : 'Name'}
              required
              {...form.getInputProps('legalName')}
            />
            {kind === 'w8ben' ? null : (
              <TextInput
                label="Business name / disregarded entity name, if different"
                {...form.getInputProps('businessName')}
              />
            )}
            {kind === 'w8ben' ? null : (
              <Select
                label={isW9 ? 'Federal tax classification' : 'Entity type'}
                required
                placeholder="Choose one"
                data={classificationOptions}
                {...form.getInputProps('taxClassification')}
              />
            )}
          </Stack>
        </Paper>

        <Paper withBorder p="lg" radius="md">
          <Stack>
            <Title order={3} size="h5">
              {isW9 ? 'Address' : 'Permanent residence address'}
            </Title>
            <TextInput label="Address" required {...form.getInputProps('addressLine1')} />
            <TextInput label="Address line 2" {...form.getInputProps('addressLine2')} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label="City" required {...form.getInputProps('city')} />
              <TextInput label={isW9 ? 'State' : 'Region or province'} {...form.getInputProps('region')} />
              <TextInput label={isW9 ? 'ZIP code' : 'Postal code'} {...form.getInputProps('postalCode')} />
            </SimpleGrid>
          </Stack>
        </Paper>

        <Paper withBorder p="lg" radius="md">
          <Stack>
            <Title order={3} size="h5">
              Taxpayer identification
            </Title>
            {isW9 ? null : (
              <PasswordInput
                label="Foreign tax identifying number"
                description={`Your tax id in ${countryName(form.values.country)}`}
                autoComplete="off"
                {...form.getInputProps('foreignTin')}
              />
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={isW9 ? 'Kind of tax id' : 'Kind of US tax id (if you have one)'}
                required={isW9}
                placeholder="Choose one"
                data={tinOptions}
                clearable={!isW9}
                {...form.getInputProps('tinKind')}
              />
              <PasswordInput
                label={isW9 ? 'Taxpayer identification number' : 'US taxpayer identification number'}
                description={isW9 ? 'SSN AAA-GG-SSSS, EIN XX-XXXXXXX or ITIN 9XX-XX-XXXX' : 'Optional'}
                required={isW9}
                autoComplete="off"
                {...form.getInputProps('tin')}
              />
            </SimpleGrid>
            {isW9 ? null : (
              <>
                <Checkbox
                  label={`Claim the benefits of the income tax treaty between ${countryName(form.values.country)} and the United States`}
                  {...form.getInputProps('claimsTreaty', { type: 'checkbox' })}
                />
                {form.values.claimsTreaty ? (
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <TextInput
                      label="Treaty article and paragraph"
                      placeholder="7"
                      {...form.getInputProps('treatyArticle')}
                    />
                    <TextInput
                      label="Withholding rate (%)"
                      placeholder="0"
                      {...form.getInputProps('treatyRatePercent')}
                    />
                  </SimpleGrid>
                ) : null}
              </>
            )}
          </Stack>
        </Paper>

        <Paper withBorder p="lg" radius="md">
          <Stack>
            <Title order={3} size="h5">
              Certification
            </Title>
            <Checkbox
              label={
                isW9
                  ? 'Under penalties of perjury, I certify that the number shown is my correct taxpayer identification number, that I am a U.S. person, and that the other certifications of Form W-9 are true.'
                  : `Under penalties of perjury, I declare that I have examined the information on this form and to the best of my knowledge and belief it is true, correct and complete, and that the beneficial owner is not a U.S. person (${formTitles[kind]}).`
              }
              {...form.getInputProps('signatureAttested', { type: 'checkbox' })}
            />
            <TextInput
              label="Signed by"
              description="Your full name as your signature"
              required
              {...form.getInputProps('signerName')}
            />
          </Stack>
        </Paper>
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Sign and submit {formTitles[kind]}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
