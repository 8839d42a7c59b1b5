/** An error answer from the gateway (or no answer at all: status 0). The message is the gateway's own. */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For stream answers (HLS 503): the pipeline state the gateway reported, e.g. starting or offline. */
    readonly state: string | null = null,
    /** The body's `details` when the gateway sends them (stream test results on 422, the existing camera on 409…). */
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'GatewayError';
  }

  get isUnauthorized(): boolean {
    return this.status === 401;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

/** The gateway's error body is `{ error, message, details? }`; anything else is reduced to a readable text. */
export function parseErrorBody(status: number, text: string | null | undefined, statusText = ''): GatewayError {
  const raw = (text ?? '').trim();
  if (raw.startsWith('{')) {
    try {
      const body = JSON.parse(raw) as { error?: unknown; message?: unknown; state?: unknown; details?: unknown };
      const code = typeof body.error === 'string' ? body.error : `http_${status}`;
      const message = typeof body.message === 'string' && body.message ? body.message : code;
      return new GatewayError(status, code, message, typeof body.state === 'string' ? body.state : null, body.details ?? null);
    } catch {
      // not JSON after all: fall through
    }
  }
  const fallback = raw && raw.length <= 200 && !raw.startsWith('<') ? raw : statusText || `HTTP ${status}`;
  return new GatewayError(status, `http_${status}`, fallback);
}

export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new GatewayError(0, 'network', message);
}
