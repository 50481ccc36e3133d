/**
 * Plain mail text as pieces to render: text, and the http(s) links in it.
 * Pure, so the mailbox never injects markup: the screen renders text nodes
 * and `<a>` elements it builds itself, and only for http and https.
 */
export type TextPiece = { kind: 'text'; text: string } | { kind: 'link'; href: string };

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;
/** Punctuation that ends a sentence rather than the link. */
const TRAILING = /[.,;:!?)\]]+$/;

export function linkify(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0];
    const href = raw.replace(TRAILING, '');
    const start = match.index;
    if (start > last) pieces.push({ kind: 'text', text: text.slice(last, start) });
    pieces.push({ kind: 'link', href });
    last = start + href.length;
  }
  if (last < text.length) pieces.push({ kind: 'text', text: text.slice(last) });
  return pieces;
}

/** Same-origin links (task links of this install) open here; others in a new tab. */
export function isSameOrigin(href: string, origin: string): boolean {
  try {
    return new URL(href).origin === origin;
  } catch {
    return false;
  }
}

/** A long link as a person can read it: start and end kept, the middle elided (the href stays whole). */
export function shortLink(href: string, max = 72): string {
  if (href.length <= max) return href;
  const keep = max - 1;
  const head = Math.ceil(keep * 0.7);
  return `${href.slice(0, head)}…${href.slice(href.length - (keep - head))}`;
}
