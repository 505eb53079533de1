// The portal's business reviews: the quarterly reviews staff shared with the partner, newest first,
// and one review with the same figures, chart and goals as the console, and its PDF.
import { Button, Paper, Table } from '@mantine/core'
import { IconDownload } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { formatDateTime } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatMoney } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { AnchorLink } from '../../ui/router-link'
import { qbrApi, qbrKeys } from './qbr-api'
import { QbrFiguresView } from './qbr-view'

export function PortalBusinessReviews() {
  const list = useQuery({ queryKey: qbrKeys.list(null, null), queryFn: () => qbrApi.list({}) })
  return (
    <>
      <PageHeader
        title="Business reviews"
        description="Your quarterly reviews: attributed revenue by model, top deals, commissions, tier progress, health and goals for next quarter."
      />
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Your business reviews">
        {list.isPending ? (
          <PageLoader label="Loading your reviews…" />
        ) : list.isError ? (
          <ErrorAlert error={list.error} what="Business reviews" />
        ) : list.data.items.length === 0 ? (
          <EmptyHint
            title="No reviews shared yet"
            description="Your partner manager shares each quarter’s review here once it is ready; you will get an e-mail."
          />
        ) : (
          <Table verticalSpacing="sm" aria-label="Business reviews">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Quarter</Table.Th>
                <Table.Th ta="right">Attributed revenue</Table.Th>
                <Table.Th>Shared</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <AnchorLink to="/portal/business-reviews/$reviewId" params={{ reviewId: item.id }}>
                      {item.quarter}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td ta="right">
                    {item.revenue.length === 0 ? '—' : item.revenue.map((m) => formatMoney(m)).join(' · ')}
                  </Table.Td>
                  <Table.Td>{formatDateTime(item.createdAt)}</Table.Td>
                  <Table.Td>
                    <Button
                      component="a"
                      href={qbrApi.pdfUrl(item.id)}
                      download
                      size="xs"
                      variant="subtle"
                      leftSection={<IconDownload size={14} />}
                    >
                      PDF
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </>
  )
}

export function PortalBusinessReview({ reviewId }: { reviewId: string }) {
  const review = useQuery({ queryKey: qbrKeys.one(reviewId), queryFn: () => qbrApi.get(reviewId) })
  if (review.isPending) return <PageLoader label="Loading the review…" />
  if (review.isError) return <ErrorAlert error={review.error} what="Business review" />
  const r = review.data
  return (
    <>
      <PageHeader
        title={`Business review · ${r.quarter}`}
        description={
          <>
            {r.partnerName} · figures as of {formatDateTime(r.createdAt)} ·{' '}
            <AnchorLink to="/portal/business-reviews">Every review</AnchorLink>
          </>
        }
        actions={
          <Button component="a" href={qbrApi.pdfUrl(r.id)} download leftSection={<IconDownload size={16} />}>
            Download PDF
          </Button>
        }
      />
      <QbrFiguresView review={r} />
    </>
  )
}
