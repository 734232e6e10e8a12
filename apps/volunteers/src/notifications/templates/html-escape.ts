const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Only http(s) links go into an href; anything else (javascript:, data:) becomes "#". */
export function safeHref(url: string): string {
  return /^https?:\/\//i.test(url) ? escapeHtml(url) : '#';
}

/** A header value on one line: CR, LF and other control characters become spaces. */
export function headerSafe(value: string): string {
  return value.replace(/[\u0000-\u001F\u007F]+/g, ' ').trim();
}
