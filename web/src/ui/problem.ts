// Problem+json answers shown where they belong: on the matching input, or as a notification.
import { notifications } from '@mantine/notifications'
import { useCallback, useState } from 'react'
import { isApiError } from './api-client'

export type FieldErrors = Record<string, string>

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

/** Where a form shows the error for a path: the key of its input, or null when it has none. */
export type FieldResolver = (path: string) => string | null

export const fieldsNamed =
  (...names: string[]): FieldResolver =>
  (path) =>
    names.includes(path) ? path : null

/**
 * Field errors for a form. `show(error, resolve)` puts each `errors[].path` the form renders on its
 * input and raises a notification for everything else, so no message is ever lost.
 */
export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({})

  const show = useCallback((error: unknown, resolve: FieldResolver) => {
    const next: FieldErrors = {}
    const elsewhere: string[] = []
    if (isApiError(error)) {
      for (const item of error.problem.errors ?? []) {
        const field = resolve(item.path)
        if (field !== null) next[field] ??= item.message
        else elsewhere.push(item.path ? `${item.path}: ${item.message}` : item.message)
      }
    }
    setErrors(next)
    if (Object.keys(next).length === 0) notifyError(error)
    else if (elsewhere.length > 0) notifyError(new Error(elsewhere.join('; ')), 'Please check the form')
  }, [])

  const clear = useCallback((path?: string) => {
    setErrors((current) => {
      if (path === undefined) return {}
      if (!(path in current)) return current
      const { [path]: _removed, ...rest } = current
      return rest
    })
  }, [])

  return { errors, show, clear, set: setErrors }
}
