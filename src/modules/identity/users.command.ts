// `credence users create`: a user with a password from the command line; with --org-name it creates
// the org first (the first owner of a new install).
import { AppError } from '../../platform/app-error'
import type { ModuleCommand } from '../../platform/module'
import { systemScope } from '../../platform/scope'
import { type Role, roles } from './identity.contract'
import { createOrg, createUser, findOrgBySlug } from './users.service'

export const createUserCommand: ModuleCommand = {
  path: ['users', 'create'],
  description:
    'create a user with a password; with --org-name, creates the org first (the first owner of a new install)',
  options: [
    { flags: '--org <slug>', description: 'org slug', required: true },
    { flags: '--org-name <name>', description: 'create the org with this name when it does not exist' },
    { flags: '--email <email>', description: 'sign-in email', required: true },
    { flags: '--name <name>', description: 'full name', required: true },
    { flags: '--password <password>', description: 'at least 10 characters', required: true },
    { flags: '--role <role>', description: 'role (default owner)', choices: roles },
    { flags: '--partner <id>', description: 'partner id, for partner roles' },
  ],
  async run(deps, options) {
    const slug = options.org ?? ''
    const org =
      (await findOrgBySlug(deps.db, slug)) ??
      (options.orgName ? await createOrg(deps.db, { name: options.orgName, slug }, deps.clock) : null)
    if (!org) throw new AppError('NOT_FOUND', `No org with slug ${slug}; pass --org-name to create it`)
    const user = await createUser(
      deps.db,
      systemScope(org.id),
      {
        email: options.email ?? '',
        name: options.name ?? '',
        password: options.password ?? '',
        role: (options.role ?? 'owner') as Role,
        partnerId: options.partner ?? null,
      },
      deps,
    )
    return `Created ${user.role} ${user.email} (${user.id})`
  },
}
