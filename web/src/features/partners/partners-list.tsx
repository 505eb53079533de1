// Partners: search, filter by type and status, page through, and start a new one.

import { Badge, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core'
import { IconPlus, IconSearch } from '@tabler/icons-react'
import {
  type PartnerStatus,
  type PartnerType,
  partnerStatuses,
  partnerTypes,
} from '../../../../src/modules/partners/partners.contract'
import { formatDate } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { humanize, toOptions } from '../../ui/labels'
import { PageHeader } from '../../ui/page-header'
import { LoadMore, usePagedList } from '../../ui/paged-list'
import { countryName } from '../../ui/region-select'
import { AnchorLink, ButtonLink } from '../../ui/router-link'
import { useSearchText } from '../../ui/search-text'
import { canEditRecords, useMe } from '../identity/session'
import { PartnerStatusBadge } from './partner-status-badge'
import { type PartnerFilters, partnerKeys, partnersApi } from './partners-api'

export type PartnerListSearch = { q?: string; type?: PartnerType; status?: PartnerStatus; tag?: string }

export function PartnersList({
  search,
  onSearchChange,
}: {
  search: PartnerListSearch
  onSearchChange: (next: PartnerListSearch) => void
}) {
  const me = useMe()
  const [text, setText] = useSearchText(search.q, (q) => onSearchChange({ ...search, q }))

  const filters: PartnerFilters = { q: search.q, type: search.type, status: search.status, tag: search.tag }
  const list = usePagedList(partnerKeys.list(filters), (cursor) => partnersApi.list(filters, cursor))
  const isFiltered = Boolean(search.q || search.type || search.status || search.tag)

  return (
    <>
      <PageHeader
        title="Partners"
        description="Resellers, referrers, distributors and every other company that sells with you."
        actions={
          canEditRecords(me) ? (
            <ButtonLink to="/partners/new" leftSection={<IconPlus size={16} />}>
              New partner
            </ButtonLink>
          ) : null
        }
      />
      <Group mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Name, domain or tag"
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          w={280}
        />
        <Select
          label="Type"
          placeholder="Any type"
          data={toOptions(partnerTypes)}
          value={search.type ?? null}
          onChange={(value) =>
            onSearchChange({ ...search, type: (value as PartnerType | null) ?? undefined })
          }
          clearable
          w={200}
        />
        <Select
          label="Status"
          placeholder="Any status"
          data={toOptions(partnerStatuses)}
          value={search.status ?? null}
          onChange={(value) =>
            onSearchChange({ ...search, status: (value as PartnerStatus | null) ?? undefined })
          }
          clearable
          w={180}
        />
        {search.tag ? (
          <Badge
            component="button"
            type="button"
            size="lg"
            variant="outline"
            aria-label={`Remove the tag filter ${search.tag}`}
            style={{ cursor: 'pointer' }}
            onClick={() => onSearchChange({ ...search, tag: undefined })}
          >
            Tag: {search.tag} ✕
          </Badge>
        ) : null}
      </Group>
      {list.isPending ? (
        <PageLoader label="Loading partners…" />
      ) : list.isError ? (
        <ErrorAlert error={list.error} what="Partners" />
      ) : list.items.length === 0 ? (
        isFiltered ? (
          <EmptyHint
            title="No partners match"
            description="Try another search word, or clear the type and status filters."
          />
        ) : (
          <EmptyHint
            title="No partners yet"
            description="Add the companies that sell, refer or integrate with you; their deals and touches follow."
            action={
              canEditRecords(me) ? <ButtonLink to="/partners/new">Add your first partner</ButtonLink> : null
            }
          />
        )
      ) : (
        <Paper withBorder radius="md">
          <Table.ScrollContainer minWidth={760}>
            <Table highlightOnHover verticalSpacing="sm" aria-label="Partners">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Parent</Table.Th>
                  <Table.Th>Country</Table.Th>
                  <Table.Th>Tags</Table.Th>
                  <Table.Th>Updated</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((partner) => (
                  <Table.Tr key={partner.id}>
                    <Table.Td>
                      <AnchorLink to="/partners/$partnerId" params={{ partnerId: partner.id }} fw={500}>
                        {partner.name}
                      </AnchorLink>
                      {partner.websiteDomain ? (
                        <Text size="xs" c="dimmed">
                          {partner.websiteDomain}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{humanize(partner.type)}</Table.Td>
                    <Table.Td>
                      <PartnerStatusBadge status={partner.status} />
                    </Table.Td>
                    <Table.Td>
                      {partner.parentId ? (
                        <AnchorLink
                          to="/partners/$partnerId"
                          params={{ partnerId: partner.parentId }}
                          size="sm"
                        >
                          {partner.parentName ?? 'Parent'}
                        </AnchorLink>
                      ) : (
                        <Text c="dimmed">—</Text>
                      )}
                    </Table.Td>
                    <Table.Td>{countryName(partner.country)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {partner.tags.slice(0, 3).map((tag) => (
                          <Badge
                            key={tag}
                            component="button"
                            type="button"
                            size="sm"
                            variant="default"
                            title={`Show partners tagged ${tag}`}
                            style={{ cursor: 'pointer' }}
                            onClick={() => onSearchChange({ ...search, tag })}
                          >
                            {tag}
                          </Badge>
                        ))}
                        {partner.tags.length > 3 ? (
                          <Text size="xs" c="dimmed">
                            +{partner.tags.length - 3}
                          </Text>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatDate(partner.updatedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {list.items.length > 0 ? (
        <LoadMore
          shown={list.items.length}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          fetchNextPage={list.fetchNextPage}
        />
      ) : null}
    </>
  )
}
