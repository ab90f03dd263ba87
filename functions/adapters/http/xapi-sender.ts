/**
 * XapiSender over HTTP (fetch): PUT <endpoint>/statements?statementId=<id>, so the target keeps our
 * statement id and a repeated send is its no-op (204), or a 409 when it has the id already; both
 * count as delivered. `stored` and `authority` are left out: the target sets its own.
 */
import type { SendOutcome, XapiSender } from '../../core/forwarding/ports.js';

export const DEFAULT_SEND_TIMEOUT_MS = 10_000;

export function createHttpXapiSender(options: { timeoutMs?: number; fetch?: typeof fetch } = {}): XapiSender {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const doFetch = options.fetch ?? fetch;
  return {
    async send(target, statement): Promise<SendOutcome> {
      const { stored: _stored, authority: _authority, ...body } = statement;
      const url = `${target.endpoint}/statements?statementId=${encodeURIComponent(statement.id)}`;
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'PUT',
          headers: {
            authorization: `Basic ${Buffer.from(`${target.key}:${target.secret}`).toString('base64')}`,
            'content-type': 'application/json',
            'x-experience-api-version': '1.0.3',
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `could not reach the target: ${error instanceof Error ? error.message : String(error)}`;
        return { kind: 'retryable', reason };
      }
      // The body is not needed; read it so the connection can be reused.
      const text = await response.text().catch(() => '');
      return outcomeOf(response.status, text);
    },
  };
}

export function outcomeOf(status: number, body = ''): SendOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status === 409) return { kind: 'delivered', status };
  const reason = `the target answered ${status}${body ? `: ${body.slice(0, 300)}` : ''}`;
  // 401/403: credentials or scopes may be fixed by the target's admin; 408/429/5xx: transient.
  if (status === 401 || status === 403 || status === 408 || status === 429 || status >= 500) return { kind: 'retryable', reason };
  return { kind: 'permanent', reason };
}
