// Partners: search, filter by type and status, sort by a column, page through, and start a new one.

import { Badge, Button, Group, Paper, Select, Table, Text, TextInput } from '@mantine/core'
import { IconPlus, IconSearch } from '@tabler/icons-react'
import {
  type ListPartnersQuery,
  type PartnerStatus,
  type PartnerType,
  partnerStatuses,
  partnerTypes,
} from '../../../../src/modules/partners/partners.contract'
import { formatDate } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { humanize, toOptions } from '../../ui/labels'
import { nounOf } from '../../ui/list-count'
import { PageHeader } from '../../ui/page-header'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { countryName } from '../../ui/region-select'
import { AnchorLink, ButtonLink } from '../../ui/router-link'
import { useSearchText } from '../../ui/search-text'
import { SortableTh } from '../../ui/sortable-header'
import { canEditRecords, useMe } from '../identity/session'
import { PartnerStatusBadge } from './partner-status-badge'
import { type PartnerFilters, partnerKeys, partnersApi } from './partners-api'

export type PartnerSort = ListPartnersQuery['sort']
export type PartnerListSearch = {
  q?: string
  type?: PartnerType
  status?: PartnerStatus
  tag?: string
  sort?: PartnerSort
}

/** The server's default order, shown by the headers' arrows when the URL names none. */
const defaultSort: PartnerSort = '-createdAt'

export function PartnersList({
  search,
  onSearchChange,
}: {
  search: PartnerListSearch
  onSearchChange: (next: PartnerListSearch) => void
}) {
  const me = useMe()
  const [text, setText] = useSearchText(search.q, (q) => onSearchChange({ ...search, q }))

  const sort = search.sort ?? defaultSort
  const filters: PartnerFilters = {
    q: search.q,
    type: search.type,
    status: search.status,
    tag: search.tag,
    sort,
  }
  // the sort is part of the key, so a new order starts again from the first page
  const list = usePagedList(partnerKeys.list(filters), (cursor) => partnersApi.list(filters, cursor))
  const isFiltered = Boolean(search.q || search.type || search.status || search.tag)
  const sortBy = (next: PartnerSort) => onSearchChange({ ...search, sort: next })
  const sortProps = { sort, onSort: sortBy }

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
      <PagedListView
        list={list}
        loadingLabel="Loading partners…"
        what="Partners"
        noun={nounOf('partner')}
        empty={
          isFiltered ? (
            <EmptyHint
              title="No partners match"
              description="Try another search word, or clear the filters to see every partner."
              action={
                <Button variant="default" onClick={() => onSearchChange({ sort: search.sort })}>
                  Clear filters
                </Button>
              }
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
        }
      >
        {(items) => (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={760}>
              <Table highlightOnHover verticalSpacing="sm" aria-label="Partners">
                <Table.Thead>
                  <Table.Tr>
                    <SortableTh column="name" {...sortProps}>
                      Name
                    </SortableTh>
                    <Table.Th>Type</Table.Th>
                    <SortableTh column="status" {...sortProps}>
                      Status
                    </SortableTh>
                    <Table.Th>Parent</Table.Th>
                    <Table.Th>Country</Table.Th>
                    <Table.Th>Tags</Table.Th>
                    <SortableTh column="createdAt" first="descending" {...sortProps}>
                      Added
                    </SortableTh>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((partner) => (
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
                      <Table.Td>{formatDate(partner.createdAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </PagedListView>
    </>
  )
}
