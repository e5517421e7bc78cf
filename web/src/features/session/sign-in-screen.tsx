import type { Workspace } from '../../api-client/api-types.ts';
import { LoupeIcon } from '../../components/icons.tsx';

/** Server mode without a session: the only thing to do is sign in with GitHub. */
export function SignInScreen({ install }: { install: Workspace }) {
  return (
    <main id="main" className="sign-in" data-testid="sign-in-screen">
      <div className="sign-in-card">
        <h1>
          <LoupeIcon /> Loupe
        </h1>
        <p>Sign in to see the issues of your workspaces.</p>
        <a
          className="button button-primary"
          href={install.signInUrl ?? '/auth/github/login'}
          data-testid="sign-in"
        >
          Sign in with GitHub
        </a>
        <p className="muted small">Loupe reads your GitHub login, name and avatar only.</p>
      </div>
    </main>
  );
}
