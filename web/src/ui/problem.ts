// Problem+json answers shown where they belong: on the matching input, or as a notification.
import { notifications } from '@mantine/notifications'
import type { ReactNode } from 'react'
import { isApiError } from './api-client'

export function notifyError(error: unknown, title?: string): void {
  const message = isApiError(error)
    ? (error.problem.detail ?? error.problem.title)
    : error instanceof Error
      ? error.message
      : 'Something went wrong'
  notifications.show({
    color: 'red',
    title: title ?? (isApiError(error) ? error.problem.title : 'Something went wrong'),
    message,
  })
}

export const notifySuccess = (message: string): void => {
  notifications.show({ color: 'teal', message })
}

/** Where a form shows the error for a path: the path of its input, or null when it has none. */
export type FieldResolver = (path: string) => string | null

export const fieldsNamed =
  (...names: string[]): FieldResolver =>
  (path) =>
    names.includes(path) ? path : null

/**
 * Splits a failed request's `errors[]` into messages for the form's inputs (first message per input)
 * and the rest, which have no input to sit on.
 */
export function splitProblem(
  error: unknown,
  resolve: FieldResolver,
): { fields: Record<string, string>; elsewhere: string[] } {
  const fields: Record<string, string> = {}
  const elsewhere: string[] = []
  if (isApiError(error)) {
    for (const item of error.problem.errors ?? []) {
      const field = resolve(item.path)
      if (field !== null) fields[field] ??= item.message
      else elsewhere.push(item.path ? `${item.path}: ${item.message}` : item.message)
    }
  }
  return { fields, elsewhere }
}

/**
 * Puts each `errors[].path` the form renders on its input and raises a notification for everything
 * else, so no message is ever lost.
 */
export function showProblem(
  form: { setErrors: (errors: Record<string, ReactNode>) => void },
  error: unknown,
  resolve: FieldResolver,
): void {
  const { fields, elsewhere } = splitProblem(error, resolve)
  form.setErrors(fields)
  if (Object.keys(fields).length === 0) notifyError(error)
  else if (elsewhere.length > 0) notifyError(new Error(elsewhere.join('; ')), 'Please check the form')
}
