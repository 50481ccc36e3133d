/**
 * Which providers may call `POST /api/webhooks/:provider`, and with which
 * secret. A provider is known when `LEDGERFLOW_WEBHOOK_SECRET_<PROVIDER>`
 * is set (name upper-cased), or — outside production only — when it is a
 * sandbox provider (`sandbox` or `<name>_sandbox`, the names the sandbox
 * payment adapter answers for), which then uses the documented local secret
 * `SANDBOX_WEBHOOK_SECRET`. Everything else is unknown (404), so an open
 * endpoint never accepts events for a provider nobody configured.
 */

/** The local default secret of the sandbox providers (development and tests only; documented in the README). */
export const SANDBOX_WEBHOOK_SECRET = 'whsec_ledgerflow_sandbox_local';

export const PROVIDER_NAME = /^[a-z][a-z0-9_]{0,49}$/;

export function secretEnvName(provider: string): string {
  return `LEDGERFLOW_WEBHOOK_SECRET_${provider.toUpperCase()}`;
}

export function isSandboxProvider(provider: string): boolean {
  return provider === 'sandbox' || provider.endsWith('_sandbox');
}

/** The provider's signing secret, or null when the provider is not configured here. */
export function webhookSecret(provider: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (!PROVIDER_NAME.test(provider)) return null;
  const configured = env[secretEnvName(provider)];
  if (configured) return configured;
  if (isSandboxProvider(provider) && env.NODE_ENV !== 'production') return SANDBOX_WEBHOOK_SECRET;
  return null;
}
