// The portal's account mapping: the partner shares its account list and sees which of its accounts the
// vendor also has, and where each stands on both sides — only those.
import { PageHeader } from '../../ui/page-header'
import { useMe } from '../identity/session'
import { OverlapPanel } from './overlap-panel'

export function PortalOverlap() {
  const me = useMe()
  if (!me.partner) return null
  return (
    <>
      <PageHeader
        title="Account mapping"
        description={`Share your account list to see which accounts you and ${me.org.name} both have. Your list is kept only as keyed hashes; neither side sees the other's other accounts.`}
      />
      <OverlapPanel partnerId={me.partner.id} ourLabel={me.org.name} />
    </>
  )
}
