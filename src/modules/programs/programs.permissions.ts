// Who may read tiers and who runs the program: ladders, evaluations and proposal decisions; who
// takes courses, who sees other people's training, and who keeps the courses; who keeps onboarding
// workflows and who accepts a partner's agreements; who reads partner health and who sets it up; who
// sets up the leaderboard and who puts a partner on it; who reads and writes support tickets, and who
// answers them for the partner team.
import { definePermissions, roleSets } from '../identity'

export const programsPermissions = definePermissions({
  // a partner user reads only their own partner's tier, progress and history
  'programs.read': { roles: roleSets.everyone },
  'programs.manage': { roles: roleSets.managers },
  // a person opens lessons and takes quizzes for themselves: never an API key
  'training.learn': { roles: roleSets.everyone, humansOnly: true },
  // other people's progress and certificates: staff, and a partner admin for their own partner's people
  'training.people': { roles: [...roleSets.staff, 'partner_admin'] },
  'training.manage': { roles: roleSets.managers },
  // a partner user reads only their own partner's onboarding
  'onboarding.read': { roles: roleSets.everyone },
  // workflows, and ticking custom steps off for a partner
  'onboarding.manage': { roles: roleSets.managers },
  // accepting an agreement binds the partner: its admin, in person
  'onboarding.act': { roles: ['partner_admin'], humansOnly: true },
  // a partner user reads only their own partner's health score
  'health.read': { roles: roleSets.everyone },
  // health settings and recomputing the org's scores
  'health.manage': { roles: roleSets.managers },
  // whether the portal shows a leaderboard, over what period, with or without amounts
  'leaderboard.manage': { roles: roleSets.managers },
  // appearing on the leaderboard is the partner's own choice: its admin's, in person
  'leaderboard.join': { roles: ['partner_admin'], humansOnly: true },
  // a partner user reads only their own partner's tickets, never an internal note
  'support.read': { roles: roleSets.everyone },
  // opening tickets and replying: partner users for their own partner, and the partner team
  'support.write': { roles: ['owner', 'admin', 'partner_manager', 'partner_admin', 'partner_member'] },
  // internal notes, status, priority, assignee and the SLA settings: the partner team
  'support.manage': { roles: roleSets.managers },
})
