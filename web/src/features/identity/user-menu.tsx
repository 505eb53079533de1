// The signed-in user's name, role and sign-out, in the top right of both shells.
import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core'
import { IconChevronDown, IconLogout } from '@tabler/icons-react'
import { humanize } from '../../ui/labels'
import { useMe, useSignOut } from './session'

const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('')

export function UserMenu() {
  const me = useMe()
  const signOut = useSignOut()
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${me.user.name}`}>
          <Group gap="xs" wrap="nowrap">
            <Avatar size="sm" radius="xl" color="indigo">
              {initialsOf(me.user.name || me.user.email)}
            </Avatar>
            <div>
              <Text size="sm" fw={500} lh={1.2}>
                {me.user.name || me.user.email}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {humanize(me.user.role)}
                {me.partner ? ` · ${me.partner.name}` : ''}
              </Text>
            </div>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.user.email}</Menu.Label>
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}
