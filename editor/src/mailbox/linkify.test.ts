import { describe, expect, it } from 'vitest';
import { isSameOrigin, linkify, shortLink } from './linkify.js';

describe('linkify', () => {
  it('splits text around http and https links', () => {
    expect(linkify('Open:\nhttp://a.test/task-link#token=abc.def\nThanks')).toEqual([
      { kind: 'text', text: 'Open:\n' },
      { kind: 'link', href: 'http://a.test/task-link#token=abc.def' },
      { kind: 'text', text: '\nThanks' },
    ]);
  });

  it('leaves sentence punctuation out of the link', () => {
    expect(linkify('See https://x.test/a).')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', href: 'https://x.test/a' },
      { kind: 'text', text: ').' },
    ]);
  });

  it.each([
    ['javascript:alert(1)'],
    ['<a href="javascript:x">x</a>'],
    ['data:text/html,<b>x</b>'],
    ['no links at all'],
  ])('never makes a link of %s', (text) => {
    expect(linkify(text)).toEqual([{ kind: 'text', text }]);
  });

  it('tells links of this install from others', () => {
    expect(isSameOrigin('http://127.0.0.1:3100/task-link#token=x', 'http://127.0.0.1:3100')).toBe(true);
    expect(isSameOrigin('https://evil.test/task-link', 'http://127.0.0.1:3100')).toBe(false);
    expect(isSameOrigin('not a url', 'http://127.0.0.1:3100')).toBe(false);
  });
});

describe('shortLink', () => {
  it('keeps short links whole', () => {
    expect(shortLink('http://a.test/x')).toBe('http://a.test/x');
  });

  it('elides the middle of a long link to the given length, keeping both ends', () => {
    const href = `http://127.0.0.1:3100/task-link#token=${'a'.repeat(200)}.sig_END`;
    const short = shortLink(href, 60);
    expect(short).toHaveLength(60);
    expect(short.startsWith('http://127.0.0.1:3100/task-link#token=')).toBe(true);
    expect(short.endsWith('sig_END')).toBe(true);
    expect(short).toContain('…');
  });
});
