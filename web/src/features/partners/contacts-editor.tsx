// The partner form's contacts: add, edit, remove, and mark one as primary.
import { ActionIcon, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import type { UseFormReturnType } from '@mantine/form'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { newContact, type PartnerDraft } from './partner-draft'

type TextField = 'name' | 'email' | 'phone' | 'title'
const textFields: { field: TextField; label: string; type?: string }[] = [
  { field: 'name', label: 'Contact name' },
  { field: 'email', label: 'Contact email', type: 'email' },
  { field: 'phone', label: 'Contact phone', type: 'tel' },
  { field: 'title', label: 'Contact title' },
]

export function ContactsEditor({ form }: { form: UseFormReturnType<PartnerDraft> }) {
  const contacts = form.values.contacts
  const makePrimary = (index: number, isPrimary: boolean) =>
    form.setFieldValue(
      'contacts',
      contacts.map((contact, i) => ({ ...contact, isPrimary: i === index ? isPrimary : false })),
    )

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text fw={500} size="sm">
          Contacts
        </Text>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => form.insertListItem('contacts', newContact({ isPrimary: contacts.length === 0 }))}
        >
          Add contact
        </Button>
      </Group>
      {contacts.length === 0 ? (
        <Text size="sm" c="dimmed">
          No contacts yet. Add the people you work with at this partner.
        </Text>
      ) : null}
      {contacts.map((contact, index) => (
        <Paper
          key={contact.key}
          withBorder
          p="sm"
          radius="md"
          aria-label={`Contact ${index + 1}`}
          component="fieldset"
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {textFields.map(({ field, label, type }) => (
              <TextInput
                key={field}
                label={label}
                type={type}
                required={field === 'name'}
                {...form.getInputProps(`contacts.${index}.${field}`)}
              />
            ))}
          </SimpleGrid>
          <Group justify="space-between" mt="sm">
            <Checkbox
              label="Primary contact"
              checked={contact.isPrimary}
              onChange={(event) => makePrimary(index, event.currentTarget.checked)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove contact ${index + 1}`}
              onClick={() => form.removeListItem('contacts', index)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Paper>
      ))}
    </Stack>
  )
}
