/** The sign-in screen: email + password, a clear message when they do not match. */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/api-client.js';
import { useAuth } from './auth-context.js';

export function SignInPage({ reason }: { reason?: string | undefined }) {
  const { signIn } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  useEffect(() => emailRef.current?.focus(), []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your email and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
    } catch (e) {
      setError(
        e instanceof ApiError && (e.status === 401 || e.status === 400 || e.status === 422)
          ? 'That email and password do not match an account.'
          : e instanceof ApiError && e.status === 429
            ? 'Too many attempts. Wait a minute and try again.'
            : e instanceof ApiError
              ? e.message
              : 'Sign-in failed. Please try again.',
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form className="sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title" noValidate>
        <div className="brand brand-large">Ledgerflow</div>
        <h1 id="sign-in-title">Sign in</h1>
        {reason && <p className="notice">{reason}</p>}
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            ref={emailRef}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="hint">Demo: designer@demo.test / demo-password</p>
      </form>
    </main>
  );
}
