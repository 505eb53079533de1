// The partner form's contacts: add, edit, remove, and mark one as primary.
import { ActionIcon, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import type { FieldErrors } from '../../ui/problem'

export type ContactDraft = {
  key: string
  name: string
  email: string
  phone: string
  title: string
  isPrimary: boolean
}

let nextKey = 0
export const newContact = (values: Partial<Omit<ContactDraft, 'key'>> = {}): ContactDraft => ({
  key: `contact-${nextKey++}`,
  name: '',
  email: '',
  phone: '',
  title: '',
  isPrimary: false,
  ...values,
})

type TextField = 'name' | 'email' | 'phone' | 'title'
const textFields: { field: TextField; label: string; type?: string }[] = [
  { field: 'name', label: 'Contact name' },
  { field: 'email', label: 'Contact email', type: 'email' },
  { field: 'phone', label: 'Contact phone', type: 'tel' },
  { field: 'title', label: 'Contact title' },
]

export function ContactsEditor({
  contacts,
  onChange,
  errors,
}: {
  contacts: ContactDraft[]
  onChange: (next: ContactDraft[]) => void
  errors: FieldErrors
}) {
  const update = (index: number, patch: Partial<ContactDraft>) =>
    onChange(
      contacts.map((contact, i) => {
        if (i === index) return { ...contact, ...patch }
        return patch.isPrimary ? { ...contact, isPrimary: false } : contact
      }),
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
          onClick={() => onChange([...contacts, newContact({ isPrimary: contacts.length === 0 })])}
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
                value={contact[field]}
                onChange={(event) => update(index, { [field]: event.currentTarget.value })}
                error={errors[`contacts.${index}.${field}`]}
              />
            ))}
          </SimpleGrid>
          <Group justify="space-between" mt="sm">
            <Checkbox
              label="Primary contact"
              checked={contact.isPrimary}
              onChange={(event) => update(index, { isPrimary: event.currentTarget.checked })}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove contact ${index + 1}`}
              onClick={() => onChange(contacts.filter((_, i) => i !== index))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Paper>
      ))}
    </Stack>
  )
}
