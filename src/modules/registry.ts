// Every module, in the order of DESIGN.md §2 (a module may import only those before it). The HTTP
// server, the worker and the CLI walk this list: adding a module is its folder plus one line here.
import type { ModuleDescriptor } from '../platform/module'
import { creditsModule } from './credits'
import { identityModule } from './identity'
import { incentivesModule } from './incentives'
import { integrationsModule } from './integrations'
import { journeysModule } from './journeys'
import { partnersModule } from './partners'
import { portalModule } from './portal'
import { programsModule } from './programs'
import { revenueModule } from './revenue'

export const modules: readonly ModuleDescriptor[] = [
  identityModule,
  partnersModule,
  journeysModule,
  creditsModule,
  incentivesModule,
  programsModule,
  revenueModule,
  portalModule,
  integrationsModule,
]
