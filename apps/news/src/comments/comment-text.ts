/**
 * Readers' comments are plain text: HTML tags are removed (their text kept), entities decoded, control characters
 * dropped, and links neutralised to `[link: host]` so nothing in a comment is clickable or executable.
 */
export function neutraliseCommentText(input: string): string {
  let text = input.normalize('NFC');
  text = text.replace(/<\s*(script|style)[^>]*>[\s\S]*?<\s*\/\s*\1\s*>/gi, '');
  text = text.replace(/<\s*\/?\s*[a-zA-Z!][^>]*>/g, '');
  text = text
    .replace(/&lt;/gi, '‹')
    .replace(/&gt;/gi, '›')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/&amp;/gi, '&');
  text = text.replace(/[<>]/g, (c) => (c === '<' ? '‹' : '›'));
  text = text.replace(/\b(?:https?|ftp):\/\/([^\s/?#]+)[^\s]*/gi, (_m, host: string) => `[link: ${host.toLowerCase()}]`);
  text = text.replace(/\bwww\.([^\s/?#]+)[^\s]*/gi, (_m, host: string) => `[link: www.${host.toLowerCase()}]`);
  text = text.replace(/\bjavascript:/gi, '');
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
  return text.replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
}
