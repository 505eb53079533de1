// The "new partner" and "edit partner" pages around the shared form.
import { useQuery } from '@tanstack/react-query'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { PageHeader } from '../../ui/page-header'
import { PartnerForm } from './partner-form'
import { partnerKeys, partnersApi } from './partners-api'

export function NewPartnerPage() {
  return (
    <>
      <PageHeader
        title="New partner"
        description="Add a company that sells, refers or integrates with you."
      />
      <PartnerForm />
    </>
  )
}

export function EditPartnerPage({ partnerId }: { partnerId: string }) {
  const partner = useQuery({
    queryKey: partnerKeys.detail(partnerId),
    queryFn: () => partnersApi.get(partnerId),
  })
  if (partner.isPending) return <PageLoader label="Loading partner…" />
  if (partner.isError) return <ErrorAlert error={partner.error} what="Partner" />
  return (
    <>
      <PageHeader title={`Edit ${partner.data.name}`} />
      <PartnerForm key={partner.data.updatedAt} partner={partner.data} />
    </>
  )
}
