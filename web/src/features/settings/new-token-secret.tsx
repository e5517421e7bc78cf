import { useState } from 'react';

/** The secret of a token just made: shown this once, with a copy button, until dismissed. */
export function NewTokenSecret({
  name,
  secret,
  onDismiss,
}: {
  name: string;
  secret: string;
  onDismiss: () => void;
}) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = (): void => {
    navigator.clipboard.writeText(secret).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <div className="notice token-secret" role="status" data-testid="new-token">
      <strong>Token “{name}” made. Copy it now: Loupe keeps only a hash and will not show it again.</strong>
      <p>
        <code data-testid="new-token-secret">{secret}</code>
      </p>
      <div className="button-row">
        <button type="button" className="button" onClick={copy}>
          Copy
        </button>
        <button type="button" className="button" data-testid="new-token-dismiss" onClick={onDismiss}>
          I saved it
        </button>
        {copied === 'yes' ? <span className="form-feedback success">Copied.</span> : null}
        {copied === 'failed' ? (
          <span className="form-feedback error">
            The browser refused to copy: select the text and copy it.
          </span>
        ) : null}
      </div>
      <p className="muted small">
        Use it as <code>Authorization: Bearer …</code>; it acts as you, within its scopes.
      </p>
    </div>
  );
}
