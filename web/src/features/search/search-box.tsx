import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';

/** The id "/" looks for to focus the search box from anywhere on the page. */
export const SEARCH_INPUT_ID = 'search-input';
const DEBOUNCE_MS = 150;

/**
 * Search-as-you-type: the text is reported `DEBOUNCE_MS` after the last keystroke. Outside
 * changes of `value` (back button, "did you mean") replace the text, but the echo of what this box
 * itself reported does not, so fast typing is never overwritten by a stale URL.
 */
export function SearchBox({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const [text, setText] = useState(value);
  const lastReported = useRef(value);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (value !== lastReported.current) {
      lastReported.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    if (text === lastReported.current) return;
    const timer = setTimeout(() => {
      lastReported.current = text;
      onChangeRef.current(text);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown') {
      const firstRow = document.querySelector<HTMLElement>('[data-testid="issue-row"]');
      if (firstRow) {
        event.preventDefault();
        firstRow.focus();
      }
    } else if (event.key === 'Escape' && text !== '') {
      setText('');
    }
  };

  return (
    <form className="search-box" role="search" onSubmit={(event) => event.preventDefault()}>
      <label htmlFor={SEARCH_INPUT_ID} className="visually-hidden">
        Search issues
      </label>
      <input
        id={SEARCH_INPUT_ID}
        data-testid="search-input"
        type="search"
        value={text}
        placeholder="Search issues and pull requests…"
        autoComplete="off"
        spellCheck={false}
        aria-keyshortcuts="/"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <kbd className="search-hint" aria-hidden="true">
        /
      </kbd>
    </form>
  );
}
