// The staff console's frame: header, navigation and the routed page.
import { AppShell, Burger, Group, ScrollArea, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import {
  IconAdjustments,
  IconArrowsJoin,
  IconBriefcase,
  IconBuildingSkyscraper,
  IconBuildingStore,
  IconCash,
  IconChartBar,
  IconChartBarPopular,
  IconChartLine,
  IconClipboardCheck,
  IconCoin,
  IconFileImport,
  IconHeadset,
  IconHeartbeat,
  IconKey,
  IconLayoutDashboard,
  IconMail,
  IconMap2,
  IconPalette,
  IconPlugConnected,
  IconPresentationAnalytics,
  IconReceiptTax,
  IconRoute,
  IconSchool,
  IconShieldLock,
  IconStairsUp,
  IconSwords,
  IconTarget,
  IconTrophy,
  IconUserSearch,
  IconUsers,
  IconWebhook,
} from '@tabler/icons-react'
import { Outlet, useLocation } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { useLiveCredit } from '../features/credits/live-credit'
import { canAdminister, useMe } from '../features/identity/session'
import { UserMenu } from '../features/identity/user-menu'
import { canManageMoney } from '../features/incentives/incentives-access'
import { canKeepOnboarding } from '../features/programs/onboarding-api'
import { canReviewTax } from '../features/tax/tax-api'
import { Brand } from '../ui/brand'
import { NavLinkLink } from '../ui/router-link'

type NavTarget =
  | '/'
  | '/partners'
  | '/deals'
  | '/accounts'
  | '/settings/users'
  | '/settings/api-keys'
  | '/settings/webhooks'
  | '/settings/integrations'
  | '/settings/branding'
  | '/settings/sso'
  | '/settings/dev-mail'
  | '/settings/attribution'
  | '/settings/import'
  | '/attribution/comparison'
  | '/commissions'
  | '/payouts'
  | '/tax'
  | '/tiers'
  | '/registrations'
  | '/leads'
  | '/forecast'
  | '/waterfall'
  | '/overlap'
  | '/channel-conflicts'
  | '/goals'
  | '/territories'
  | '/training'
  | '/onboarding'
  | '/health'
  | '/leaderboard'
  | '/support'
  | '/business-reviews'

const isActive = (pathname: string, to: NavTarget) =>
  to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`)

export function ConsoleLayout() {
  const me = useMe()
  useLiveCredit()
  const [opened, { toggle, close }] = useDisclosure()
  const { pathname } = useLocation()

  const item = (to: NavTarget, label: string, icon: ReactNode) => (
    <NavLinkLink to={to} label={label} leftSection={icon} active={isActive(pathname, to)} onClick={close} />
  )

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Brand suffix={me.org.name} />
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main navigation">
        <AppShell.Section grow component={ScrollArea}>
          {item('/', 'Dashboard', <IconLayoutDashboard size={18} />)}
          {item('/partners', 'Partners', <IconBuildingStore size={18} />)}
          {item('/deals', 'Deals', <IconBriefcase size={18} />)}
          {item('/accounts', 'Accounts', <IconBuildingSkyscraper size={18} />)}
          {item('/registrations', 'Registrations', <IconClipboardCheck size={18} />)}
          {item('/leads', 'Leads', <IconUserSearch size={18} />)}
          {item('/forecast', 'Forecast', <IconChartLine size={18} />)}
          {item('/goals', 'Goals', <IconTarget size={18} />)}
          {item('/waterfall', 'Revenue waterfall', <IconChartBarPopular size={18} />)}
          {item('/overlap', 'Account overlap', <IconArrowsJoin size={18} />)}
          {item('/channel-conflicts', 'Channel conflicts', <IconSwords size={18} />)}
          {item('/attribution/comparison', 'Model comparison', <IconChartBar size={18} />)}
          {item('/tiers', 'Tiers', <IconStairsUp size={18} />)}
          {item('/health', 'Health', <IconHeartbeat size={18} />)}
          {item('/leaderboard', 'Leaderboard', <IconTrophy size={18} />)}
          {item('/support', 'Tickets', <IconHeadset size={18} />)}
          {item('/business-reviews', 'Business reviews', <IconPresentationAnalytics size={18} />)}
          {item('/territories', 'Territories', <IconMap2 size={18} />)}
          {item('/training', 'Training', <IconSchool size={18} />)}
          {canKeepOnboarding(me) ? item('/onboarding', 'Onboarding', <IconRoute size={18} />) : null}
          {item('/commissions', 'Commissions', <IconCoin size={18} />)}
          {canManageMoney(me) ? item('/payouts', 'Payouts', <IconCash size={18} />) : null}
          {canReviewTax(me) ? item('/tax', 'Tax', <IconReceiptTax size={18} />) : null}
          {canAdminister(me) ? (
            <>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mt="lg" mb={4}>
                Settings
              </Text>
              {item('/settings/attribution', 'Attribution', <IconAdjustments size={18} />)}
              {item('/settings/import', 'Import', <IconFileImport size={18} />)}
              {item('/settings/users', 'Users & invitations', <IconUsers size={18} />)}
              {item('/settings/api-keys', 'API keys', <IconKey size={18} />)}
              {item('/settings/integrations', 'Integrations', <IconPlugConnected size={18} />)}
              {item('/settings/webhooks', 'Webhooks', <IconWebhook size={18} />)}
              {item('/settings/branding', 'Branding', <IconPalette size={18} />)}
              {item('/settings/sso', 'Single sign-on', <IconShieldLock size={18} />)}
              {item('/settings/dev-mail', 'Dev mail', <IconMail size={18} />)}
            </>
          ) : null}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  )
}
