// Training: courses (staff keep them, everyone reads the published ones), lessons opened, quiz
// attempts graded on the server, certificates, and progress per course and per partner.
import type { MeView, Role } from '../../../../src/modules/identity/identity.contract'
import type {
  CertificateView,
  CourseListItem,
  CourseProgressView,
  CourseStatus,
  CourseView,
  CreateCourseInput,
  PartnerTrainingView,
  QuizAttemptInput,
  QuizResultView,
  UpdateCourseInput,
} from '../../../../src/modules/programs/training/training.contract'
import type { Page } from '../../../../src/platform/platform.contract'
import { http } from '../../ui/api-client'

export type CertificateFilters = {
  mine?: 'true'
  partnerId?: string
  courseId?: string
  status?: 'valid' | 'expiring' | 'expired'
}

export const trainingApi = {
  courses: (status?: CourseStatus) => http.get<{ items: CourseListItem[] }>('/programs/courses', { status }),
  course: (id: string) => http.get<CourseView>(`/programs/courses/${id}`),
  createCourse: (input: CreateCourseInput) => http.post<CourseView>('/programs/courses', input),
  updateCourse: (id: string, input: UpdateCourseInput) =>
    http.patch<CourseView>(`/programs/courses/${id}`, input),
  publish: (id: string) => http.post<CourseView>(`/programs/courses/${id}/publish`),
  archive: (id: string) => http.post<CourseView>(`/programs/courses/${id}/archive`),
  progress: (id: string) => http.get<CourseProgressView>(`/programs/courses/${id}/progress`),
  openLesson: (courseId: string, lessonId: string) =>
    http.post<CourseView>(`/programs/courses/${courseId}/lessons/${lessonId}/open`),
  attempt: (courseId: string, input: QuizAttemptInput) =>
    http.post<QuizResultView>(`/programs/courses/${courseId}/attempts`, input),
  certificates: (filters: CertificateFilters, cursor?: string | null, limit = 50) =>
    http.get<Page<CertificateView>>('/programs/certificates', { ...filters, cursor, limit }),
  partnerTraining: (partnerId: string) =>
    http.get<PartnerTrainingView>(`/programs/partners/${partnerId}/training`),
}

export const trainingKeys = {
  all: ['training'] as const,
  courses: (status?: CourseStatus) => ['training', 'courses', status ?? 'all'] as const,
  course: (id: string) => ['training', 'course', id] as const,
  progress: (id: string) => ['training', 'progress', id] as const,
  certificates: (filters: CertificateFilters) => ['training', 'certificates', filters] as const,
  partner: (partnerId: string) => ['training', 'partner', partnerId] as const,
}

const keeperRoles: readonly Role[] = ['owner', 'admin', 'partner_manager']

/** Courses are written, published and archived by these roles (the server checks again). */
export const canKeepCourses = (me: MeView): boolean => keeperRoles.includes(me.user.role)

/** A partner admin sees their colleagues' certificates; a partner member only their own. */
export const canSeeColleagues = (me: MeView): boolean => me.user.role === 'partner_admin'
