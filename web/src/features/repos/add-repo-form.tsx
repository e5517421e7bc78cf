import { useState } from 'react';
import type { FormEvent } from 'react';
import { listConnections } from '../../api-client/access-api.ts';
import { addRepo } from '../../api-client/api-client.ts';
import { toError } from '../../api-client/http.ts';
import { useApi } from '../../lib/use-api.ts';
import { normalizeRepoInput, validateRepoFullName } from '../../lib/repo-name.ts';

type Feedback = { kind: 'error' | 'success'; text: string } | null;

/**
 * Adds a repository by "owner/name" (a GitHub URL is accepted too) and queues its first sync, read
 * through one of the workspace's connections when chosen (else the server's own GitHub settings).
 */
export function AddRepoForm({ onAdded }: { onAdded: () => void }) {
  const [value, setValue] = useState('');
  const [connectionId, setConnectionId] = useState('');
  // Without connections (or when they cannot be listed) the form is as before: no select.
  const connections = useApi('connections', (signal) => listConnections(signal)).data ?? [];
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [submitting, setSubmitting] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const fullName = normalizeRepoInput(value);
    const problem = validateRepoFullName(fullName);
    if (problem) {
      setFeedback({ kind: 'error', text: problem });
      return;
    }
    setSubmitting(true);
    setFeedback(null);
    try {
      const { repo } = await addRepo({ fullName, connectionId: connectionId || undefined });
      setFeedback({ kind: 'success', text: `Added ${repo.fullName}; its first sync is queued.` });
      setValue('');
      onAdded();
    } catch (error) {
      setFeedback({ kind: 'error', text: toError(error).message });
    } finally {
      setSubmitting(false);
    }
  };

  const invalid = feedback?.kind === 'error';
  return (
    <form className="add-repo-form" onSubmit={(event) => void onSubmit(event)} noValidate>
      <label htmlFor="add-repo-input">Add a GitHub repository</label>
      <div className="add-repo-row">
        <input
          id="add-repo-input"
          data-testid="add-repo-input"
          type="text"
          value={value}
          placeholder="owner/name"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={invalid}
          aria-describedby="add-repo-feedback"
          onChange={(event) => {
            setValue(event.target.value);
            if (invalid) setFeedback(null);
          }}
        />
        {connections.length > 0 ? (
          <select
            aria-label="Connection"
            data-testid="add-repo-connection"
            value={connectionId}
            onChange={(event) => setConnectionId(event.target.value)}
          >
            <option value="">Connection: server default</option>
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                Connection: {c.name}
              </option>
            ))}
          </select>
        ) : null}
        <button
          type="submit"
          className="button button-primary"
          data-testid="add-repo-submit"
          disabled={submitting}
        >
          {submitting ? 'Adding…' : 'Add repository'}
        </button>
      </div>
      <p
        id="add-repo-feedback"
        className={feedback ? `form-feedback ${feedback.kind}` : 'form-feedback'}
        role={feedback?.kind === 'error' ? 'alert' : 'status'}
      >
        {feedback?.text ?? ''}
      </p>
    </form>
  );
}
