/**
 * Who is signed in. Until the server has sign-in (GET /api/auth/me answers
 * 404), the editor runs open. Any 401 from any call flips to "signed out":
 * the sign-in screen appears over the current page, so nothing on it is lost
 * (drafts are autosaved anyway) and the user comes back to the same place.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, onUnauthorized } from '../api/api-client.js';
import { login as apiLogin, logout as apiLogout, me, type SessionUser } from '../api/auth-api.js';

export type AuthState =
  | { status: 'checking' }
  | { status: 'signed-in'; user: SessionUser }
  | { status: 'signed-out'; reason?: string }
  /** The server has no sign-in (yet): everything is open. */
  | { status: 'open' }
  | { status: 'unreachable'; message: string };

interface AuthApi {
  state: AuthState;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  retry(): void;
}

const AuthContext = createContext<AuthApi | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'checking' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger
  useEffect(() => {
    const controller = new AbortController();
    me(controller.signal)
      .then(({ user }) => setState({ status: 'signed-in', user }))
      .catch((error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) setState({ status: 'signed-out' });
        else if (error instanceof ApiError && (error.status === 404 || error.status === 405))
          setState({ status: 'open' });
        else
          setState({
            status: 'unreachable',
            message: error instanceof ApiError ? error.message : 'The server could not be reached.',
          });
      });
    return () => controller.abort();
  }, [attempt]);

  useEffect(
    () =>
      onUnauthorized(() =>
        setState({ status: 'signed-out', reason: 'Your session has ended. Please sign in again.' }),
      ),
    [],
  );

  const signIn = useCallback(async (email: string, password: string) => {
    const { user } = await apiLogin(email, password);
    setState({ status: 'signed-in', user });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await apiLogout();
    } finally {
      setState({ status: 'signed-out' });
    }
  }, []);

  const retry = useCallback(() => {
    setState({ status: 'checking' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut, retry }), [state, signIn, signOut, retry]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthApi {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
