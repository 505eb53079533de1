// A lesson as a learner reads it: its text drawn from markdown blocks (never as HTML), then its links
// and files, which open in a new tab.
import { Anchor, Code, List, Stack, Text, Title } from '@mantine/core'
import { IconExternalLink, IconFileDownload } from '@tabler/icons-react'
import type { LessonView } from '../../../../src/modules/programs/training/training.contract'
import { type Inline, parseMarkdown } from './lesson-markdown'

function Inlines({ inlines }: { inlines: Inline[] }) {
  return (
    <>
      {inlines.map((inline, i) => {
        const key = `${i}-${inline.kind}`
        switch (inline.kind) {
          case 'strong':
            return <strong key={key}>{inline.text}</strong>
          case 'em':
            return <em key={key}>{inline.text}</em>
          case 'code':
            return <Code key={key}>{inline.text}</Code>
          case 'link':
            return (
              <Anchor key={key} href={inline.href} target="_blank" rel="noopener noreferrer">
                {inline.text}
              </Anchor>
            )
          default:
            return <span key={key}>{inline.text}</span>
        }
      })}
    </>
  )
}

export function LessonText({ body }: { body: string }) {
  return (
    <Stack gap="sm">
      {parseMarkdown(body).map((block, i) => {
        const key = `${i}-${block.kind}`
        if (block.kind === 'heading')
          return (
            <Title key={key} order={block.level} size={block.level === 2 ? 'h4' : 'h5'}>
              <Inlines inlines={block.inlines} />
            </Title>
          )
        if (block.kind === 'list')
          return (
            <List key={key} type={block.ordered ? 'ordered' : 'unordered'} size="sm">
              {block.items.map((item, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: list items are positions in the text
                <List.Item key={`${key}-${j}`}>
                  <Inlines inlines={item} />
                </List.Item>
              ))}
            </List>
          )
        return (
          <Text key={key} size="sm">
            <Inlines inlines={block.inlines} />
          </Text>
        )
      })}
    </Stack>
  )
}

export function LessonContent({ lesson }: { lesson: LessonView }) {
  return (
    <Stack gap="md">
      {lesson.body ? <LessonText body={lesson.body} /> : null}
      {lesson.links.length > 0 ? (
        <Stack gap={4} aria-label="Links">
          <Text size="sm" fw={600}>
            Links
          </Text>
          {lesson.links.map((link) => (
            <Anchor key={link.url} href={link.url} target="_blank" rel="noopener noreferrer" size="sm">
              <IconExternalLink size={14} style={{ verticalAlign: 'middle', marginRight: 4 }} />
              {link.label}
            </Anchor>
          ))}
        </Stack>
      ) : null}
      {lesson.files.length > 0 ? (
        <Stack gap={4} aria-label="Files">
          <Text size="sm" fw={600}>
            Files
          </Text>
          {lesson.files.map((file) => (
            <Anchor key={file.url} href={file.url} target="_blank" rel="noopener noreferrer" size="sm">
              <IconFileDownload size={14} style={{ verticalAlign: 'middle', marginRight: 4 }} />
              {file.name}
            </Anchor>
          ))}
        </Stack>
      ) : null}
    </Stack>
  )
}
