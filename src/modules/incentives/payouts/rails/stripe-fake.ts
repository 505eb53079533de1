// A local stand-in for Stripe's transfers API, for tests: it speaks what the official client sends and
// reads (form-encoded bodies, Bearer keys, Stripe's error JSON, request-id), keeps idempotency keys the
// way Stripe documents for API v1, and can be told to fail the next requests in the ways Stripe does.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeTransfer {
  id: string
  object: 'transfer'
  amount: number
  amount_reversed: number
  balance_transaction: string
  created: number
  currency: string
  description: string | null
  destination: string
  destination_payment: string
  livemode: false
  metadata: Record<string, string>
  reversals: { object: 'list'; data: never[]; has_more: false; url: string }
  reversed: false
  source_transaction: null
  source_type: 'card'
  transfer_group: string | null
}

/**
 * What the next request meets:
 * - `rate_limit`: 429 before the idempotency layer (nothing saved under the key);
 * - `unavailable`: 503 before the idempotency layer (nothing saved);
 * - `server_error`: 500 after execution began: saved and replayed for the key, as Stripe documents;
 * - `in_progress`: 409, another request with the same key is still running (nothing saved);
 * - `balance_insufficient`, `account_invalid`: final refusals, saved and replayed for the key;
 * - `lost_response`: the request is carried out (and saved), then the connection is dropped unanswered.
 */
export type StripeFakeFailure =
  | 'rate_limit'
  | 'unavailable'
  | 'server_error'
  | 'in_progress'
  | 'balance_insufficient'
  | 'account_invalid'
  | 'lost_response'

export interface FakeRequest {
  method: string
  path: string
  idempotencyKey: string | null
  /** Status answered, or null when the connection was dropped. */
  status: number | null
  replayed: boolean
}

export interface StripeFake {
  url: string
  host: string
  port: number
  protocol: 'http'
  apiKey: string
  /** Transfers created, oldest first (a replay creates none). */
  transfers: FakeTransfer[]
  /** Every request that reached the server, in order. */
  requests: FakeRequest[]
  /** The next `times` requests to /v1/transfers (POST) meet `kind`. */
  failNext(kind: StripeFakeFailure, times?: number): void
  close(): Promise<void>
}

interface StoredResponse {
  path: string
  params: string
  status: number
  body: unknown
  requestId: string
  headers: Record<string, string>
}

interface StripeErrorBody {
  type: 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error'
  message: string
  code?: string
  param?: string
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

function stripeId(prefix: string): string {
  const bytes = randomBytes(24)
  return `${prefix}_${Array.from(bytes, (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join('')}`
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** Form params as Stripe reads them: `metadata[payout_id]=…` becomes metadata.payout_id. */
function readForm(body: string): { fields: Map<string, string>; metadata: Record<string, string> } {
  const fields = new Map<string, string>()
  const metadata: Record<string, string> = {}
  for (const [key, value] of new URLSearchParams(body)) {
    const nested = /^metadata\[([^\]]+)\]$/.exec(key)
    if (nested) metadata[nested[1]!] = value
    else fields.set(key, value)
  }
  return { fields, metadata }
}

/** The parameters of a request in a canonical order, to compare a retry with the first request. */
function paramsSignature(body: string): string {
  return [...new URLSearchParams(body)]
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join('&')
}

const REFUSALS: Record<'balance_insufficient' | 'account_invalid', (destination: string) => StripeErrorBody> =
  {
    balance_insufficient: () => ({
      type: 'invalid_request_error',
      code: 'balance_insufficient',
      message:
        'You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance.',
    }),
    account_invalid: (destination) => ({
      type: 'invalid_request_error',
      code: 'account_invalid',
      param: 'destination',
      message: `The account ${destination} cannot receive transfers: it is not a valid connected account of this platform.`,
    }),
  }

export async function startStripeFake(options: { apiKey?: string } = {}): Promise<StripeFake> {
  const apiKey = options.apiKey ?? 'sk_test_credence_fake'
  const transfers: FakeTransfer[] = []
  const requests: FakeRequest[] = []
  const stored = new Map<string, StoredResponse>()
  const failures: StripeFakeFailure[] = []

  const send = (
    res: ServerResponse,
    log: FakeRequest,
    status: number,
    body: unknown,
    extra: Record<string, string> = {},
  ) => {
    log.status = status
    const text = JSON.stringify(body, null, 2)
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'request-id': extra['request-id'] ?? stripeId('req'),
      'stripe-version': String(res.req.headers['stripe-version'] ?? '2025-01-01'),
      ...extra,
    })
    res.end(text)
  }
  const sendError = (
    res: ServerResponse,
    log: FakeRequest,
    status: number,
    error: StripeErrorBody,
    extra?: Record<string, string>,
  ) => send(res, log, status, { error }, extra)

  const createTransfer = (
    res: ServerResponse,
    log: FakeRequest,
    body: string,
    failure: StripeFakeFailure | undefined,
  ): StoredResponse | null => {
    const { fields, metadata } = readForm(body)
    // parameter checks run before execution: Stripe saves nothing for the key when they fail
    for (const param of ['amount', 'currency', 'destination']) {
      if (!fields.get(param)) {
        sendError(res, log, 400, {
          type: 'invalid_request_error',
          code: 'parameter_missing',
          param,
          message: `Missing required param: ${param}.`,
        })
        return null
      }
    }
    const amountText = fields.get('amount')!
    if (!/^[1-9]\d*$/.test(amountText) || !Number.isSafeInteger(Number(amountText))) {
      sendError(res, log, 400, {
        type: 'invalid_request_error',
        code: 'parameter_invalid_integer',
        param: 'amount',
        message: `Invalid positive integer: ${amountText}`,
      })
      return null
    }
    const currency = fields.get('currency')!.toLowerCase()
    if (!/^[a-z]{3}$/.test(currency)) {
      sendError(res, log, 400, {
        type: 'invalid_request_error',
        code: 'parameter_invalid_string',
        param: 'currency',
        message: `Invalid currency: ${fields.get('currency')}.`,
      })
      return null
    }
    const destination = fields.get('destination')!
    const requestId = stripeId('req')
    const save = (status: number, saved: unknown, headers: Record<string, string> = {}): StoredResponse => ({
      path: '/v1/transfers',
      params: paramsSignature(body),
      status,
      body: saved,
      requestId,
      headers,
    })
    // from here on the endpoint has begun: whatever it answers is saved under the idempotency key
    if (!/^acct_\w+$/.test(destination)) {
      return save(400, {
        error: {
          type: 'invalid_request_error',
          code: 'resource_missing',
          param: 'destination',
          message: `No such destination: '${destination}'`,
        },
      })
    }
    if (failure === 'balance_insufficient' || failure === 'account_invalid') {
      return save(400, { error: REFUSALS[failure](destination) })
    }
    if (failure === 'server_error') {
      return save(
        500,
        {
          error: {
            type: 'api_error',
            message: 'An unknown error occurred while processing this request.',
          },
        },
        { 'stripe-should-retry': 'false' },
      )
    }
    const id = stripeId('tr')
    const transfer: FakeTransfer = {
      id,
      object: 'transfer',
      amount: Number(amountText),
      amount_reversed: 0,
      balance_transaction: stripeId('txn'),
      created: Math.floor(Date.now() / 1000),
      currency,
      description: fields.get('description') ?? null,
      destination,
      destination_payment: stripeId('py'),
      livemode: false,
      metadata,
      reversals: { object: 'list', data: [], has_more: false, url: `/v1/transfers/${id}/reversals` },
      reversed: false,
      source_transaction: null,
      source_type: 'card',
      transfer_group: fields.get('transfer_group') ?? null,
    }
    transfers.push(transfer)
    return save(200, transfer)
  }

  const postTransfer = async (req: IncomingMessage, res: ServerResponse, log: FakeRequest) => {
    const body = await readBody(req)
    const failure = failures.shift()
    const key = log.idempotencyKey
    if (failure === 'rate_limit') {
      return sendError(res, log, 429, {
        type: 'invalid_request_error',
        code: 'rate_limit',
        message:
          'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
      })
    }
    if (failure === 'unavailable') {
      return sendError(res, log, 503, { type: 'api_error', message: 'Service temporarily unavailable.' })
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return sendError(res, log, 400, {
        type: 'invalid_request_error',
        message: 'Invalid request: the body must be application/x-www-form-urlencoded.',
      })
    }
    if (key !== null && key.length > 255) {
      return sendError(res, log, 400, {
        type: 'invalid_request_error',
        param: 'Idempotency-Key',
        message: 'Idempotency keys can be at most 255 characters long.',
      })
    }
    const previous = key === null ? undefined : stored.get(key)
    if (previous) {
      if (previous.path !== log.path || previous.params !== paramsSignature(body)) {
        return sendError(res, log, 400, {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        })
      }
      log.replayed = true
      if (failure === 'lost_response') return res.socket?.destroy()
      return send(res, log, previous.status, previous.body, {
        ...previous.headers,
        'idempotency-key': key!,
        'idempotent-replayed': 'true',
        'original-request': previous.requestId,
      })
    }
    if (failure === 'in_progress') {
      return sendError(res, log, 409, {
        type: 'idempotency_error',
        code: 'idempotency_key_in_use',
        message:
          'There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through).',
      })
    }
    const result = createTransfer(res, log, body, failure)
    if (!result) return
    if (key !== null) stored.set(key, result)
    // the provider has done the work; the answer is lost on the way back
    if (failure === 'lost_response') return res.socket?.destroy()
    const headers: Record<string, string> = { ...result.headers, 'request-id': result.requestId }
    if (key !== null) headers['idempotency-key'] = key
    send(res, log, result.status, result.body, headers)
  }

  const getTransfer = (res: ServerResponse, log: FakeRequest, id: string) => {
    const transfer = transfers.find((t) => t.id === id)
    if (transfer) return send(res, log, 200, transfer)
    sendError(res, log, 404, {
      type: 'invalid_request_error',
      code: 'resource_missing',
      param: 'id',
      message: `No such transfer: '${id}'`,
    })
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const key = req.headers['idempotency-key']
    const log: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      idempotencyKey: typeof key === 'string' ? key : null,
      status: null,
      replayed: false,
    }
    requests.push(log)
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return sendError(res, log, 401, {
        type: 'invalid_request_error',
        message: `Invalid API Key provided: ${String(req.headers.authorization ?? '')
          .replace(/^Bearer /, '')
          .slice(0, 8)}***`,
      })
    }
    const transferPath = /^\/v1\/transfers\/([^/]+)$/.exec(url.pathname)
    if (req.method === 'POST' && url.pathname === '/v1/transfers') {
      postTransfer(req, res, log).catch((error: unknown) => {
        sendError(res, log, 500, { type: 'api_error', message: String(error) })
      })
      return
    }
    if (req.method === 'GET' && transferPath)
      return getTransfer(res, log, decodeURIComponent(transferPath[1]!))
    sendError(res, log, 404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${req.method}: ${url.pathname}).`,
    })
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    protocol: 'http',
    apiKey,
    transfers,
    requests,
    failNext(kind, times = 1) {
      for (let n = 0; n < times; n++) failures.push(kind)
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
