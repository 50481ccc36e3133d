/**
 * The notification a person gets when an approval task is theirs: the case
 * in a few lines (flow, customer, amount, what is asked, the deadline) and
 * the one link that opens it. Pure: every fact, the link and the times come
 * in. The HTML alternative escapes every value; it is a courtesy for mail
 * clients, the text part says everything.
 */

export interface TaskEmailFacts {
  recipientName: string;
  flowName: string;
  flowVersion: number;
  /** What is asked: the approval's title. */
  title: string;
  required: number;
  dueAt: Date | null;
  customer: string | null;
  amount: string | null;
  link: string;
  linkExpiresAt: Date;
  delegatedBy?: { name: string; note: string } | undefined;
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
}

const when = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
export const formatUtc = (d: Date) => `${when.format(d)} UTC`;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function taskEmail(f: TaskEmailFacts): ComposedMail {
  const subject = `${f.delegatedBy ? 'Handed to you' : 'Approval needed'}: ${f.title}${
    f.customer ? ` for ${f.customer}` : ''
  }`;
  const facts: [string, string][] = [
    ['Flow', `${f.flowName} (version ${f.flowVersion})`],
    ['Customer', f.customer ?? 'not given in this case'],
    ['Amount', f.amount ?? 'not given in this case'],
    ['Asked', `${f.title} — ${f.required === 1 ? 'one approval' : `${f.required} approvals`} needed`],
    ['Decide by', f.dueAt ? formatUtc(f.dueAt) : 'no deadline'],
  ];
  const intro = f.delegatedBy
    ? `${f.delegatedBy.name} handed this approval to you: "${f.delegatedBy.note}"`
    : 'An approval is waiting for you.';
  const linkNote = `The link works once, for you only, until ${formatUtc(f.linkExpiresAt)}. After that, open the task from your inbox.`;
  const text = [
    `Hello ${f.recipientName},`,
    '',
    intro,
    '',
    ...facts.map(([k, v]) => `${`${k}:`.padEnd(11)}${v}`),
    '',
    'Open the task to see the whole case and decide:',
    f.link,
    '',
    linkNote,
    '',
    '— Ledgerflow',
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif; color: #1f2933">',
    `<p>Hello ${escapeHtml(f.recipientName)},</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    '<table cellpadding="4" style="border-collapse: collapse">',
    ...facts.map(
      ([k, v]) =>
        `<tr><th align="left" style="color:#52606d">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`,
    ),
    '</table>',
    `<p><a href="${escapeHtml(f.link)}">Open the task and decide</a></p>`,
    `<p style="color:#52606d; font-size: 13px">${escapeHtml(linkNote)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
