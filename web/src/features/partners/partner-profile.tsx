// A partner's profile card: type, parent, website, tags and contacts; shown in the console and portal.

import { Badge, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import type { PartnerView } from '../../../../src/modules/partners/partners.contract'
import { formatDate } from '../../ui/dates'
import { humanize } from '../../ui/labels'
import { countryName } from '../../ui/region-select'
import { AnchorLink } from '../../ui/router-link'

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  )
}

export function PartnerProfile({ partner, area }: { partner: PartnerView; area: 'console' | 'portal' }) {
  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={2} size="h4" mb="md">
        Profile
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
        <Fact label="Type">{humanize(partner.type)}</Fact>
        <Fact label="Parent partner">
          {partner.parentId && area === 'console' ? (
            <AnchorLink to="/partners/$partnerId" params={{ partnerId: partner.parentId }}>
              {partner.parentName ?? 'Parent'}
            </AnchorLink>
          ) : (
            (partner.parentName ?? '—')
          )}
        </Fact>
        <Fact label="Website">{partner.websiteDomain ?? '—'}</Fact>
        <Fact label="Country">{countryName(partner.country)}</Fact>
        <Fact label="Currency">{partner.currency}</Fact>
        <Fact label="Since">{formatDate(partner.createdAt)}</Fact>
        {partner.source ? (
          <Fact label="Source">
            {partner.source}
            {partner.externalId ? ` · ${partner.externalId}` : ''}
          </Fact>
        ) : null}
      </SimpleGrid>
      <Group gap={6} mt="md">
        {partner.tags.map((tag) => (
          <Badge key={tag} variant="default">
            {tag}
          </Badge>
        ))}
      </Group>
      <Title order={3} size="h5" mt="lg" mb="xs">
        Contacts
      </Title>
      {partner.contacts.length === 0 ? (
        <Text size="sm" c="dimmed">
          No contacts on file.
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {partner.contacts.map((contact) => (
            <Paper key={contact.id} withBorder p="sm" radius="md">
              <Group gap="xs">
                <Text fw={500}>{contact.name}</Text>
                {contact.isPrimary ? (
                  <Badge size="xs" variant="light">
                    Primary
                  </Badge>
                ) : null}
              </Group>
              {contact.title ? <Text size="sm">{contact.title}</Text> : null}
              {contact.email ? (
                <Text size="sm" c="dimmed">
                  {contact.email}
                </Text>
              ) : null}
              {contact.phone ? (
                <Text size="sm" c="dimmed">
                  {contact.phone}
                </Text>
              ) : null}
            </Paper>
          ))}
        </SimpleGrid>
      )}
    </Paper>
  )
}
