// Tax forms and the year-end 1099-NEC report: submit, list, review, thresholds and downloads.

import type { MeView, Role } from '../../../../src/modules/identity/identity.contract'
import type {
  Form1099Report,
  ListTaxFormsQuery,
  RejectTaxFormInput,
  SubmitTaxFormInput,
  TaxFormView,
} from '../../../../src/modules/incentives/tax/tax.contract'
import type { Page } from '../../../../src/platform/platform.contract'
import { http, toQueryString } from '../../ui/api-client'

export type TaxFormFilters = Omit<Partial<ListTaxFormsQuery>, 'cursor' | 'limit'>

export const taxApi = {
  listForms: (filters: TaxFormFilters, cursor?: string | null, limit = 50) =>
    http.get<Page<TaxFormView>>('/incentives/tax/forms', { ...filters, cursor, limit }),
  submit: (input: SubmitTaxFormInput) => http.post<TaxFormView>('/incentives/tax/forms', input),
  approve: (id: string) => http.post<TaxFormView>(`/incentives/tax/forms/${id}/approve`),
  reject: (id: string, input: RejectTaxFormInput) =>
    http.post<TaxFormView>(`/incentives/tax/forms/${id}/reject`, input),
  report: (year: number) => http.get<Form1099Report>('/incentives/tax/1099', { year }),
}

/** Links the browser downloads with the session cookie (plain GETs). */
export const taxDownloads = {
  csv: (year: number) => `/api/v1/incentives/tax/1099.csv${toQueryString({ year })}`,
  pdf: (partnerId: string, year: number) =>
    `/api/v1/incentives/tax/1099/${encodeURIComponent(partnerId)}.pdf${toQueryString({ year })}`,
}

export const taxKeys = {
  all: ['tax'] as const,
  forms: (filters: TaxFormFilters) => ['tax', 'forms', filters] as const,
  report: (year: number) => ['tax', '1099', year] as const,
}

const taxReviewers: readonly Role[] = ['owner', 'admin', 'finance']
/** Tax forms are reviewed, and the 1099-NEC report read, by these roles. */
export const canReviewTax = (me: MeView): boolean => taxReviewers.includes(me.user.role)
