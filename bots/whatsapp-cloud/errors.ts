/**
 * What a WhatsApp Cloud API error means for the outbox. Meta answers most
 * failures with HTTP 400 and a numeric code, so the code, not the HTTP status,
 * decides: a closed 24-hour window goes again as a template, throughput limits
 * and Meta's own outages are waited out, a bad token stops sending until an
 * admin fixes it, anything else is final and shown with its code and title.
 */

/** window: resend as a template; throttle: pause and retry; transient: retry with backoff; auth: fix the token; final: give up. */
export type GraphErrorKind = 'window' | 'throttle' | 'transient' | 'auth' | 'final';

const THROTTLE: Record<number, number> = {
  4: 60_000, // application request limit
  613: 60_000, // calls to this API exceeded the rate limit
  80007: 60_000, // WhatsApp Business Account rate limit
  130429: 1_000, // Cloud API throughput (messages per second) reached
  131048: 600_000, // spam rate limit: Meta restricts the number for a while
  131056: 6_000, // pair rate limit: too many messages to one citizen in a short time
};
const TRANSIENT = new Set([1, 2, 131000, 131016, 133004]);
const AUTH = new Set([0, 3, 10, 190, 200, 131005]);

/** Fixes for the codes an admin will meet, in the log and the command centre. */
const HINTS: Record<number, string> = {
  131047: 'the citizen has not written in the last 24 hours; the update goes as a template (prompts/whatsapp-templates.yaml)',
  131026: 'WhatsApp could not deliver it (the number may not use WhatsApp, or its app is too old)',
  131051: 'WhatsApp does not support this kind of message',
  131053: 'the photo could not be uploaded; check that the file exists and is a JPEG or PNG under 5 MB',
  132000: 'the template has a different number of parameters than prompts/whatsapp-templates.yaml fills; make them match',
  132001: 'no approved template with this name and language; check prompts/whatsapp-templates.yaml against WhatsApp Manager',
  132012: 'a template parameter has the wrong format; check the template in WhatsApp Manager',
  190: 'the access token is invalid or expired: create a permanent system-user token (docs/whatsapp-cloud.md), set WHATSAPP_CLOUD_ACCESS_TOKEN and restart',
  10: 'the token lacks the whatsapp_business_messaging permission; regenerate it with that permission',
  200: 'the token lacks the whatsapp_business_messaging permission; regenerate it with that permission',
  100: 'a parameter was refused; the details say which',
  131009: 'a parameter was refused; the details say which',
  131021: 'the recipient is the business number itself',
};

export function classifyGraphError(code: number | undefined, httpStatus: number): { kind: GraphErrorKind; retryAfterMs?: number } {
  if (code === 131047) return { kind: 'window' };
  if (code !== undefined && THROTTLE[code] !== undefined) return { kind: 'throttle', retryAfterMs: THROTTLE[code] };
  if (httpStatus === 429) return { kind: 'throttle', retryAfterMs: 1_000 };
  if (code !== undefined && AUTH.has(code)) return { kind: 'auth' };
  if (httpStatus === 401) return { kind: 'auth' };
  if ((code !== undefined && TRANSIENT.has(code)) || httpStatus >= 500 || httpStatus === 0) return { kind: 'transient' };
  return { kind: 'final' };
}

/** The fix for a code, when we know one. */
export function hintFor(code: number | undefined): string | undefined {
  return code === undefined ? undefined : HINTS[code];
}

/** A failed Graph API call, with Meta's code and title and what the outbox should do. */
export class GraphError extends Error {
  readonly kind: GraphErrorKind;
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly call: string,
    readonly httpStatus: number,
    readonly code: number | undefined,
    readonly title: string,
    readonly details: string | undefined,
    options?: { cause?: unknown; retryAfterMs?: number },
  ) {
    const c = classifyGraphError(code, httpStatus);
    const hint = hintFor(code);
    super(`WhatsApp ${code ?? `HTTP ${httpStatus}`} (${title}) on ${call}${details ? `: ${details}` : ''}${hint ? ` — ${hint}` : ''}`, options);
    this.name = 'GraphError';
    this.kind = c.kind;
    this.retryAfterMs = options?.retryAfterMs ?? c.retryAfterMs;
  }
}
