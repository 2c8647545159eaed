/**
 * A tiny escaping HTML template: every interpolated value is escaped unless it
 * is itself an Html fragment, so citizen text can never inject markup.
 */
import { redactForStaff } from '../core/privacy/redact.js';

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0] ?? '';
  values.forEach((v, i) => { out += render(v) + (strings[i + 1] ?? ''); });
  return new Html(out);
}

/** Marks trusted markup (our own SVG, JSON for a script tag already escaped). */
export const raw = (s: string): Html => new Html(s);

/** JSON safe to embed inside <script type="application/json">. */
export function jsonForScript(data: unknown): Html {
  return raw(JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'));
}

/** Personal data (phones in every written form, NIK/KK, e-mail) hidden for staff views: the core redactor. */
export function redactPhones(text: string): string {
  return redactForStaff(text);
}
