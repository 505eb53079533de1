// The tax form's values: which IRS form the signer's country and kind of person call for, what the
// inputs hold, and the request sent (only the fields that form takes).
import type {
  SubmitTaxFormInput,
  TaxClassification,
  TaxFormKind,
  TinKind,
} from '../../../../src/modules/incentives/tax/tax.contract'

export type TaxFormDraft = {
  country: string | null
  /** Abroad: an individual signs a W-8BEN, an entity a W-8BEN-E. */
  isEntity: boolean
  legalName: string
  businessName: string
  taxClassification: TaxClassification | null
  addressLine1: string
  addressLine2: string
  city: string
  region: string
  postalCode: string
  tinKind: TinKind | null
  tin: string
  foreignTin: string
  claimsTreaty: boolean
  treatyArticle: string
  treatyRatePercent: string
  signerName: string
  signatureAttested: boolean
}

export const emptyDraft = (country: string | null): TaxFormDraft => ({
  country,
  isEntity: true,
  legalName: '',
  businessName: '',
  taxClassification: null,
  addressLine1: '',
  addressLine2: '',
  city: '',
  region: '',
  postalCode: '',
  tinKind: null,
  tin: '',
  foreignTin: '',
  claimsTreaty: false,
  treatyArticle: '',
  treatyRatePercent: '',
  signerName: '',
  signatureAttested: false,
})

/** US persons sign a W-9; anyone else a W-8BEN (individuals) or W-8BEN-E (entities). */
export const formKindFor = (country: string | null, isEntity: boolean): TaxFormKind =>
  country === 'US' || country === null ? 'w9' : isEntity ? 'w8bene' : 'w8ben'

export const formTitles: Record<TaxFormKind, string> = {
  w9: 'Form W-9',
  w8ben: 'Form W-8BEN',
  w8bene: 'Form W-8BEN-E',
}

const optional = (value: string) => (value.trim() ? value.trim() : undefined)

export function requestFrom(draft: TaxFormDraft): SubmitTaxFormInput {
  const kind = formKindFor(draft.country, draft.isEntity)
  const isW8 = kind !== 'w9'
  return {
    kind,
    legalName: draft.legalName,
    businessName: kind === 'w8ben' ? undefined : optional(draft.businessName),
    taxClassification:
      kind === 'w8ben' ? 'individual' : (draft.taxClassification ?? ('' as TaxClassification)),
    country: draft.country ?? '',
    addressLine1: draft.addressLine1,
    addressLine2: optional(draft.addressLine2),
    city: draft.city,
    region: optional(draft.region),
    postalCode: optional(draft.postalCode),
    tinKind: optional(draft.tin) || !isW8 ? (draft.tinKind ?? undefined) : undefined,
    tin: optional(draft.tin),
    foreignTin: isW8 ? optional(draft.foreignTin) : undefined,
    treatyCountry: isW8 && draft.claimsTreaty ? (draft.country ?? undefined) : undefined,
    treatyArticle: isW8 && draft.claimsTreaty ? optional(draft.treatyArticle) : undefined,
    treatyRatePercent: isW8 && draft.claimsTreaty ? optional(draft.treatyRatePercent) : undefined,
    signerName: draft.signerName,
    signatureAttested: draft.signatureAttested,
  }
}
