import { useState } from 'react';
import { signOut } from '../../api-client/access-api.ts';
import type { Me } from '../../api-client/api-types.ts';
import { toError } from '../../api-client/http.ts';

/**
 * The header's answer to "who am I here": local mode says there is no sign-in at all; server mode
 * shows the signed-in GitHub person and a Sign out button.
 */
export function AccountStatus({ me }: { me: Me }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (me.mode === 'local') {
    return (
      <span
        className="mode-pill"
        data-testid="local-mode"
        title="Loupe runs for one local user: everyone who can open this page can do everything."
      >
        Local mode · no sign-in
      </span>
    );
  }

  const onSignOut = (): void => {
    setBusy(true);
    setProblem(null);
    signOut()
      .then(() => window.location.assign('/'))
      .catch((reason: unknown) => {
        setProblem(toError(reason).message);
        setBusy(false);
      });
  };

  return (
    <span className="account" data-testid="account">
      {me.user.avatarUrl ? (
        <img className="avatar" src={me.user.avatarUrl} alt="" width={24} height={24} />
      ) : null}
      <span data-testid="account-login" title={me.user.name ?? undefined}>
        {me.user.login}
      </span>
      <button
        type="button"
        className="button button-small"
        data-testid="sign-out"
        onClick={onSignOut}
        disabled={busy}
      >
        {busy ? 'Signing out…' : 'Sign out'}
      </button>
      {problem ? (
        <span className="form-feedback error" role="alert">
          {problem}
        </span>
      ) : null}
    </span>
  );
}
