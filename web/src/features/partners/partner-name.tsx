// A partner's name from its id, fetched once per partner and shared through the query cache, so a
// table of users or invitations asks only for the partners it shows instead of downloading them all.
import { Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { partnerKeys, partnersApi } from './partners-api'

export function PartnerName({ partnerId }: { partnerId: string }) {
  const partner = useQuery({
    queryKey: partnerKeys.detail(partnerId),
    queryFn: () => partnersApi.get(partnerId),
    staleTime: 60_000,
  })
  if (partner.data) return <>{partner.data.name}</>
  return (
    <Text span c="dimmed" size="sm">
      {partner.isError ? 'Unknown partner' : '…'}
    </Text>
  )
}
