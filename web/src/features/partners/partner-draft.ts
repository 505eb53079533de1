// The partner form's values: what the inputs hold, from an existing partner or blank, and the request.
import type {
  CreatePartnerInput,
  PartnerStatus,
  PartnerType,
  PartnerView,
} from '../../../../src/modules/partners/partners.contract'

export type ContactDraft = {
  key: string
  name: string
  email: string
  phone: string
  title: string
  isPrimary: boolean
}

export type PartnerDraft = {
  name: string
  type: PartnerType | null
  status: PartnerStatus
  parentId: string | null
  country: string | null
  currency: string | null
  websiteDomain: string
  tags: string[]
  contacts: ContactDraft[]
}

let nextKey = 0
/** Contacts get a stable key so React keeps each one's inputs when another is removed. */
export const newContact = (values: Partial<Omit<ContactDraft, 'key'>> = {}): ContactDraft => ({
  key: `contact-${nextKey++}`,
  name: '',
  email: '',
  phone: '',
  title: '',
  isPrimary: false,
  ...values,
})

export const draftFrom = (partner?: PartnerView): PartnerDraft => ({
  name: partner?.name ?? '',
  type: partner?.type ?? null,
  status: partner?.status ?? 'onboarding',
  parentId: partner?.parentId ?? null,
  country: partner?.country ?? null,
  currency: partner?.currency ?? 'USD',
  websiteDomain: partner?.websiteDomain ?? '',
  tags: partner?.tags ?? [],
  contacts: (partner?.contacts ?? []).map((contact) =>
    newContact({
      name: contact.name,
      email: contact.email ?? '',
      phone: contact.phone ?? '',
      title: contact.title ?? '',
      isPrimary: contact.isPrimary,
    }),
  ),
})

const optional = (value: string) => value.trim() || undefined

/** The request body; `type` is checked by the form before this is called. */
export const requestFrom = (draft: PartnerDraft & { type: PartnerType }): CreatePartnerInput => ({
  name: draft.name,
  type: draft.type,
  status: draft.status,
  parentId: draft.parentId,
  country: draft.country,
  currency: draft.currency ?? 'USD',
  websiteDomain: optional(draft.websiteDomain) ?? null,
  tags: draft.tags,
  contacts: draft.contacts.map((contact) => ({
    name: contact.name,
    email: optional(contact.email),
    phone: optional(contact.phone),
    title: optional(contact.title),
    isPrimary: contact.isPrimary,
  })),
})
