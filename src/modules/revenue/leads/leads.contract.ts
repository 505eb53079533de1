// Leads on the wire: a new lead as staff or an integration send it, the lead as listed and in detail
// (its routing, with the other territories that take it), the list's filters, and the actions: route
// again, assign to a staff user, and move it along its workflow.
import { z } from 'zod'
import { countryCode, entityId, page, pageQuery, timestamp } from '../../../platform/platform.contract'

export const leadStatuses = ['new', 'working', 'converted', 'disqualified'] as const
export const leadStatus = z.enum(leadStatuses)
export type LeadStatus = z.infer<typeof leadStatus>

const shortText = (max: number) => z.string().trim().min(1).max(max)
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional()

export const createLeadInput = z
  .object({
    companyName: shortText(200).describe('The company the lead is from'),
    domain: optionalText(253).describe(
      'The company’s web domain, e.g. acme.example (a web address is read as its domain)',
    ),
    contactName: optionalText(200),
    contactEmail: z.email().max(320).nullable().optional(),
    country: countryCode
      .nullable()
      .optional()
      .describe('The company’s country (ISO 3166 alpha-2): routes the lead to a territory'),
    region: optionalText(100).describe('The company’s region, e.g. DACH: routes the lead to a territory'),
    industry: optionalText(100).describe('The company’s industry: routes the lead to a territory'),
    source: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9 _.-]{0,39}$/, 'must be a short word such as web, event or api')
      .describe('Where the lead came from: web, event, api …'),
    externalId: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .nullable()
      .optional()
      .describe('Its id at the source: a lead sent again with the same source and id is the same lead'),
    notes: optionalText(5000),
  })
  .meta({
    id: 'NewLead',
    examples: [
      {
        companyName: 'Acme Widgets GmbH',
        domain: 'acme-widgets.example',
        contactName: 'Dana Buyer',
        contactEmail: 'dana@acme-widgets.example',
        country: 'DE',
        region: 'DACH',
        industry: 'Software',
        source: 'web',
        externalId: 'form-4711',
        notes: 'Asked for a demo of the partner portal.',
      },
    ],
  })
export type CreateLeadInput = z.infer<typeof createLeadInput>

const person = z.object({ id: z.string(), name: z.string().nullable() })

export const leadView = z
  .object({
    id: z.string(),
    companyName: z.string(),
    domain: z.string().nullable(),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    country: z.string().nullable(),
    region: z.string().nullable(),
    industry: z.string().nullable(),
    source: z.string(),
    externalId: z.string().nullable(),
    notes: z.string().nullable(),
    status: leadStatus,
    assignee: person.nullable().describe('The staff user who works it; null when unassigned'),
    territoryId: z.string().nullable().describe('The territory it was routed by; null when assigned by hand'),
    routingReason: z
      .string()
      .nullable()
      .describe('Why it went to its assignee, e.g. “routed to the DACH territory: country DE”'),
    dealId: z.string().nullable().describe('The deal it was converted into'),
    disqualifiedReason: z.string().nullable(),
    createdBy: z.string(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Lead' })
export type LeadView = z.infer<typeof leadView>

export const territoryMatchView = z
  .object({
    territoryId: z.string(),
    territoryName: z.string(),
    owner: person,
    reason: z.string().describe('What matched, e.g. “country DE, industry Software”'),
  })
  .meta({ id: 'LeadTerritoryMatch' })
export type TerritoryMatchView = z.infer<typeof territoryMatchView>

export const leadDetailView = leadView
  .extend({
    dealName: z.string().nullable(),
    otherTerritories: z
      .array(territoryMatchView)
      .describe(
        'Other active territories that take the lead now, most specific first: an overlap to resolve',
      ),
  })
  .meta({ id: 'LeadDetail' })
export type LeadDetailView = z.infer<typeof leadDetailView>

export const listLeadsQuery = pageQuery.extend({
  status: leadStatus.optional(),
  assignedTo: z
    .union([z.enum(['me', 'none']), entityId])
    .optional()
    .describe('me: the caller’s own leads; none: those nobody works; or a staff user’s id'),
  q: z.string().trim().max(200).optional().describe('Search in company names and domains'),
})
export type ListLeadsQuery = z.infer<typeof listLeadsQuery>
export const leadPage = page(leadView)

export const assignLeadInput = z
  .object({
    userId: entityId.nullable().describe('The staff user who works the lead; null leaves it unassigned'),
  })
  .meta({ id: 'LeadAssignment' })
export type AssignLeadInput = z.infer<typeof assignLeadInput>

export const changeLeadStatusInput = z
  .object({
    status: leadStatus.describe('new → working → converted | disqualified; new → disqualified'),
    dealId: entityId.optional().describe('Converting: the deal of the org the lead became'),
    reason: z.string().trim().max(2000).optional().describe('Disqualifying: why'),
  })
  .meta({
    id: 'LeadStatusChange',
    examples: [{ status: 'working' }, { status: 'disqualified', reason: 'A student project, no budget' }],
  })
export type ChangeLeadStatusInput = z.infer<typeof changeLeadStatusInput>
