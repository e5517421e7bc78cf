import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import { createWorkspace } from '../../api-client/access-api.ts';
import { FeedbackLine } from './settings-parts.tsx';
import { slugFromName } from './workspace-slug.ts';
import { useAction } from './use-action.ts';

/** Creates a workspace (anyone signed in may; they become its owner), then switches to it. */
export function NewWorkspaceSection({ onCreated }: { onCreated: (slug: string) => void }) {
  const noop = useCallback(() => undefined, []);
  const { busy, feedback, run } = useAction(noop);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const shownSlug = slugEdited ? slug : slugFromName(name);

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const created = await run(
      () => createWorkspace({ slug: shownSlug, name: name.trim() }),
      (w) => `Created ${w.name}; switching to it.`,
    );
    if (created) onCreated(created.slug);
  };

  return (
    <section
      className="settings-section"
      aria-labelledby="new-workspace-heading"
      data-testid="new-workspace-section"
    >
      <h2 id="new-workspace-heading">New workspace</h2>
      <p className="muted small">
        A workspace has its own repositories, connections, members and tokens; you become its owner.
      </p>
      <form className="settings-form" onSubmit={(event) => void onSubmit(event)} data-testid="workspace-form">
        <label>
          Name
          <input
            type="text"
            data-testid="workspace-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="Web team"
            maxLength={100}
            required
          />
        </label>
        <label>
          Slug
          <input
            type="text"
            data-testid="workspace-slug"
            value={shownSlug}
            onChange={(e) => {
              setSlugEdited(true);
              setSlug(e.target.value);
            }}
            placeholder="web-team"
            pattern="[a-z0-9][a-z0-9-]{0,62}"
            title="Lowercase letters, digits and dashes, starting with a letter or digit"
            autoComplete="off"
            spellCheck={false}
            required
          />
        </label>
        <button
          type="submit"
          className="button button-primary"
          data-testid="workspace-create"
          disabled={busy || name.trim() === '' || shownSlug === ''}
        >
          Create
        </button>
      </form>
      <FeedbackLine feedback={feedback} testId="workspace-feedback" />
    </section>
  );
}
