// The partner portal's frame: the partner's name, its tabs, and the routed page.
import { AppShell, Container, Group, Tabs } from '@mantine/core'
import { Outlet, useLocation, useNavigate } from '@tanstack/react-router'
import { brandColorStyle, useBranding } from '../features/identity/branding-api'
import { useMe } from '../features/identity/session'
import { UserMenu } from '../features/identity/user-menu'
import { usePortalLive } from '../features/portal/portal-live'
import { Brand } from '../ui/brand'

const tabs = [
  { value: '/portal', label: 'Overview' },
  { value: '/portal/onboarding', label: 'Onboarding' },
  { value: '/portal/deals', label: 'Deals' },
  { value: '/portal/registrations', label: 'Registrations' },
  { value: '/portal/account-mapping', label: 'Account mapping' },
  { value: '/portal/touches', label: 'Touches' },
  { value: '/portal/commissions', label: 'Commissions' },
  { value: '/portal/training', label: 'Training' },
  { value: '/portal/leaderboard', label: 'Leaderboard' },
  { value: '/portal/support', label: 'Support' },
  { value: '/portal/business-reviews', label: 'Business reviews' },
  { value: '/portal/tax-form', label: 'Tax form' },
  { value: '/portal/team', label: 'Team', forAdmins: true },
] as const
type PortalTab = (typeof tabs)[number]['value']

const currentTab = (pathname: string): PortalTab =>
  tabs.find((tab) => tab.value !== '/portal' && pathname.startsWith(tab.value))?.value ?? '/portal'

export function PortalLayout() {
  const me = useMe()
  const branding = useBranding().data
  usePortalLive()
  const navigate = useNavigate()
  const { pathname } = useLocation()
  return (
    <AppShell header={{ height: 104 }} padding="lg" style={brandColorStyle(branding?.primaryColor)}>
      <AppShell.Header
        style={branding?.primaryColor ? { borderTop: `3px solid ${branding.primaryColor}` } : undefined}
      >
        <Container size="lg" h="100%">
          <Group h={56} justify="space-between" wrap="nowrap">
            <Brand
              name={branding?.programName}
              logoUrl={branding?.logoUrl}
              suffix={me.partner ? `${me.partner.name} · partner portal of ${me.org.name}` : me.org.name}
            />
            <UserMenu />
          </Group>
          <Tabs
            value={currentTab(pathname)}
            onChange={(value) => {
              const tab = tabs.find((candidate) => candidate.value === value)
              if (tab) void navigate({ to: tab.value })
            }}
          >
            <Tabs.List aria-label="Portal navigation">
              {tabs
                .filter((tab) => !('forAdmins' in tab) || me.user.role === 'partner_admin')
                .map((tab) => (
                  <Tabs.Tab key={tab.value} value={tab.value}>
                    {tab.label}
                  </Tabs.Tab>
                ))}
            </Tabs.List>
          </Tabs>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="lg">
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  )
}
