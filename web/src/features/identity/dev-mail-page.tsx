// Outgoing mail when no SMTP server is configured, so invitation links can still be picked up.
import { Accordion, Badge, Group, Paper, Text } from '@mantine/core'
import { IconMail } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { formatDateTime } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { humanize } from '../../ui/labels'
import { PageHeader } from '../../ui/page-header'
import { identityApi, identityKeys } from './identity-api'

/** Mail bodies are plain text; links in them become clickable. */
function Linkified({ text }: { text: string }) {
  const parts: ReactNode[] = []
  let last = 0
  for (const match of text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    const start = match.index ?? 0
    parts.push(text.slice(last, start))
    parts.push(
      <a key={start} href={match[0]}>
        {match[0]}
      </a>,
    )
    last = start + match[0].length
  }
  parts.push(text.slice(last))
  return <>{parts}</>
}

export function DevMailPage() {
  const mail = useQuery({
    queryKey: identityKeys.mail,
    queryFn: identityApi.listMail,
    refetchInterval: 10_000,
  })
  return (
    <>
      <PageHeader
        title="Dev mail"
        description="No SMTP server is configured (SMTP_URL), so outgoing mail is kept here instead of being sent."
      />
      {mail.isPending ? (
        <PageLoader label="Loading mail…" />
      ) : mail.isError ? (
        <ErrorAlert error={mail.error} what="Mail" />
      ) : mail.data.items.length === 0 ? (
        <EmptyHint
          icon={<IconMail size={28} />}
          title="No mail yet"
          description="Invite a user under Users & invitations; the invitation mail appears here."
        />
      ) : (
        <Paper withBorder radius="md">
          <Accordion variant="default" chevronPosition="left">
            {mail.data.items.map((item) => (
              <Accordion.Item key={item.id} value={item.id}>
                <Accordion.Control>
                  <Group justify="space-between" wrap="nowrap">
                    <div>
                      <Text fw={500}>{item.subject}</Text>
                      <Text size="xs" c="dimmed">
                        To {item.to} · {formatDateTime(item.createdAt)}
                      </Text>
                    </div>
                    <Badge variant="light" color={item.status === 'failed' ? 'red' : 'gray'}>
                      {humanize(item.status)}
                    </Badge>
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                    <Linkified text={item.text} />
                  </Text>
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        </Paper>
      )}
    </>
  )
}
