// Small pieces the training pages share: a course's status, a certificate's standing and expiry, a
// certification in words, and a table of certificates.
import { Badge, Paper, Table, Text } from '@mantine/core'
import type {
  CertificateView,
  CourseStatus,
} from '../../../../src/modules/programs/training/training.contract'
import { formatDate } from '../../ui/dates'

const statusColors: Record<CourseStatus, string> = { draft: 'gray', published: 'teal', archived: 'dark' }
const statusLabels: Record<CourseStatus, string> = {
  draft: 'Draft',
  published: 'Published',
  archived: 'Archived',
}

export function CourseStatusBadge({ status }: { status: CourseStatus }) {
  return (
    <Badge color={statusColors[status]} variant="light">
      {statusLabels[status]}
    </Badge>
  )
}

export function CertificateBadge({ certificate }: { certificate: Pick<CertificateView, 'status'> }) {
  if (certificate.status === 'expired')
    return (
      <Badge color="red" variant="light">
        Expired
      </Badge>
    )
  if (certificate.status === 'expiring')
    return (
      <Badge color="orange" variant="light">
        Expiring soon
      </Badge>
    )
  return (
    <Badge color="teal" variant="light">
      Valid
    </Badge>
  )
}

/** "Valid until 1 Jun 2027", "Expired on …" or "Never expires". */
export const expiryText = (certificate: Pick<CertificateView, 'expiresAt' | 'status'>): string =>
  certificate.expiresAt === null
    ? 'Never expires'
    : `${certificate.status === 'expired' ? 'Expired on' : 'Valid until'} ${formatDate(certificate.expiresAt)}`

export const certificationText = (certification: { name: string; validityMonths: number | null } | null) =>
  certification
    ? `${certification.name} · ${certification.validityMonths === null ? 'no expiry' : `${certification.validityMonths} months`}`
    : 'None'

export function CertificateTable({
  certificates,
  label,
  showPerson,
}: {
  certificates: CertificateView[]
  label: string
  showPerson: boolean
}) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={600}>
        <Table verticalSpacing="sm" aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              {showPerson ? <Table.Th>Person</Table.Th> : null}
              <Table.Th>Certification</Table.Th>
              <Table.Th>Course</Table.Th>
              <Table.Th>Issued</Table.Th>
              <Table.Th>Expiry</Table.Th>
              <Table.Th>Standing</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {certificates.map((certificate) => (
              <Table.Tr key={certificate.id}>
                {showPerson ? (
                  <Table.Td>
                    <Text size="sm">{certificate.personName ?? certificate.userId}</Text>
                    {certificate.partnerName ? (
                      <Text size="xs" c="dimmed">
                        {certificate.partnerName}
                      </Text>
                    ) : null}
                  </Table.Td>
                ) : null}
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {certificate.name}
                  </Text>
                  {certificate.renewals > 0 ? (
                    <Text size="xs" c="dimmed">
                      Renewed {certificate.renewals} {certificate.renewals === 1 ? 'time' : 'times'}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{certificate.courseTitle ?? '—'}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(certificate.issuedAt)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{expiryText(certificate)}</Table.Td>
                <Table.Td>
                  <CertificateBadge certificate={certificate} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  )
}
