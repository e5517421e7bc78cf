import { useState } from 'react';
import type { FormEvent } from 'react';
import { addRepo } from '../../api-client/api-client.ts';
import { toError } from '../../api-client/http.ts';
import { normalizeRepoInput, validateRepoFullName } from '../../lib/repo-name.ts';

type Feedback = { kind: 'error' | 'success'; text: string } | null;

/** Adds a repository by "owner/name" (a GitHub URL is accepted too) and queues its first sync. */
export function AddRepoForm({ onAdded }: { onAdded: () => void }) {
  const [value, setValue] = useState('');
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
      const { repo } = await addRepo(fullName);
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
        <button type="submit" className="button button-primary" data-testid="add-repo-submit" disabled={submitting}>
          {submitting ? 'Adding…' : 'Add repository'}
        </button>
      </div>
      <p id="add-repo-feedback" className={feedback ? `form-feedback ${feedback.kind}` : 'form-feedback'} role={feedback?.kind === 'error' ? 'alert' : 'status'}>
        {feedback?.text ?? ''}
      </p>
    </form>
  );
}
