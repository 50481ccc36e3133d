/**
 * The dev mailbox (admins, and only while no SMTP server is configured): the
 * mail this install would have sent, newest first, and one message at a time.
 * The text is shown as text with its http(s) links made clickable, so a demo
 * user can follow a task link as its recipient would. The HTML alternative is
 * untrusted markup: it is only ever shown inside a sandboxed frame with every
 * permission off (no scripts, no forms, no navigation), never in this page.
 */
import type { DevMailSummary } from '@ledgerflow/shared';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError } from '../api/api-client.js';
import { formatDateTime } from '../app/format.js';
import { StatusMessage } from '../app/status-message.js';
import { useAsync } from '../app/use-async.js';
import { isSameOrigin, linkify, shortLink } from './linkify.js';
import { getMail, listMail } from './mailbox-api.js';
import './mailbox.css';

export function MailboxPage() {
  const [params, setParams] = useSearchParams();
  const selected = Number(params.get('message')) || null;
  const [list, reload] = useAsync(async (signal) => {
    try {
      return { off: false as const, ...(await listMail(signal)) };
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return { off: true as const };
      throw error;
    }
  }, []);

  return (
    <main className="page mailbox-page">
      <div className="page-header">
        <div>
          <h1>Mailbox</h1>
          <p className="muted mailbox-intro">
            No mail server is set up, so the mail Ledgerflow sends is kept here instead.
          </p>
        </div>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </div>
      {list.status === 'loading' && <StatusMessage kind="loading">Loading the mailbox…</StatusMessage>}
      {list.status === 'error' && (
        <StatusMessage kind="error" action={{ label: 'Try again', onClick: reload }}>
          The mailbox could not be loaded. {list.message}
        </StatusMessage>
      )}
      {list.status === 'ready' && list.data.off && (
        <StatusMessage kind="empty">
          This server sends mail to a real mail server (SMTP), so there is no mailbox to show here.
        </StatusMessage>
      )}
      {list.status === 'ready' && !list.data.off && list.data.messages.length === 0 && (
        <div className="empty-state" data-testid="mailbox-empty">
          <h2>No mail yet</h2>
          <p>
            Approval notices and the messages of notify steps appear here as flows send them. Start a run that
            reaches an approval to see one.
          </p>
        </div>
      )}
      {list.status === 'ready' && !list.data.off && list.data.messages.length > 0 && (
        <div className="mailbox-grid">
          <ul className="mail-list" aria-label="Messages, newest first">
            {list.data.messages.map((m) => (
              <MailListItem
                key={m.id}
                mail={m}
                current={m.id === selected}
                onOpen={() => setParams({ message: String(m.id) })}
              />
            ))}
          </ul>
          <section className="mail-reader" aria-label="Message">
            {selected ? (
              <MailReader key={selected} id={selected} />
            ) : (
              <p className="muted mail-pick">Choose a message on the left to read it.</p>
            )}
          </section>
        </div>
      )}
    </main>
  );
}

function MailListItem({ mail, current, onOpen }: { mail: DevMailSummary; current: boolean; onOpen(): void }) {
  return (
    <li>
      <button
        type="button"
        className={current ? 'mail-item current' : 'mail-item'}
        aria-current={current ? 'true' : undefined}
        onClick={onOpen}
        data-testid="mail-item"
      >
        <span className="mail-subject">{mail.subject}</span>
        <span className="muted mail-meta">
          <span className="mail-to">To {mail.to}</span>
          <time dateTime={mail.sentAt}>{formatDateTime(mail.sentAt)}</time>
        </span>
      </button>
    </li>
  );
}

function MailReader({ id }: { id: number }) {
  const [state, reload] = useAsync((signal) => getMail(id, signal), [id]);
  const [view, setView] = useState<'text' | 'html'>('text');
  if (state.status === 'loading') return <StatusMessage kind="loading">Opening the message…</StatusMessage>;
  if (state.status === 'error')
    return (
      <StatusMessage kind="error" action={{ label: 'Try again', onClick: reload }}>
        The message could not be opened. {state.message}
      </StatusMessage>
    );
  const mail = state.data;
  return (
    <article data-testid="mail-reader">
      <h2 className="mail-title">{mail.subject}</h2>
      <dl className="mail-headers">
        <dt>From</dt>
        <dd>{mail.from}</dd>
        <dt>To</dt>
        <dd>{mail.to}</dd>
        <dt>Sent</dt>
        <dd>
          <time dateTime={mail.sentAt}>{formatDateTime(mail.sentAt)}</time>
        </dd>
      </dl>
      {mail.html !== null && (
        <fieldset className="mail-views">
          <legend>Show as</legend>
          <button type="button" aria-pressed={view === 'text'} onClick={() => setView('text')}>
            Plain text
          </button>
          <button type="button" aria-pressed={view === 'html'} onClick={() => setView('html')}>
            Formatted
          </button>
        </fieldset>
      )}
      {view === 'html' && mail.html !== null ? (
        <>
          <p className="hint">
            Shown as the recipient's mail program would, with links switched off. Use Plain text to follow a
            link.
          </p>
          <iframe className="mail-html" title="Formatted message" sandbox="" srcDoc={mail.html} />
        </>
      ) : (
        <>
          <p className="hint">
            Following a task link signs you in as the person it was sent to, as it would for them.
          </p>
          <MailText text={mail.text} />
        </>
      )}
    </article>
  );
}

function MailText({ text }: { text: string }) {
  const origin = window.location.origin;
  let offset = 0;
  return (
    <pre className="mail-text" data-testid="mail-text">
      {linkify(text).map((piece) => {
        const key = offset;
        offset += piece.kind === 'text' ? piece.text.length : piece.href.length;
        if (piece.kind === 'text') return <span key={key}>{piece.text}</span>;
        return isSameOrigin(piece.href, origin) ? (
          <a key={key} href={piece.href} title={piece.href}>
            {shortLink(piece.href)}
          </a>
        ) : (
          <a key={key} href={piece.href} title={piece.href} target="_blank" rel="noopener noreferrer">
            {shortLink(piece.href)}
          </a>
        );
      })}
    </pre>
  );
}
