import { useEffect, useId, useRef, useState } from 'react';
import type { Analysis } from '../api-client/api-types.ts';

const percent = (value: number): string => `${Math.round(value * 100)}%`;

/** A "why?" button that shows the reasons behind the analysis; Escape or a click outside closes it. */
function WhyPopover({ analysis }: { analysis: Analysis }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const wrapper = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent): void => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  return (
    <span className="why" ref={wrapper}>
      <button
        ref={button}
        type="button"
        className="why-button"
        aria-expanded={open}
        aria-controls={id}
        onClick={(event) => {
          event.stopPropagation();
          setOpen(!open);
        }}
        onKeyDown={(event) => event.stopPropagation()}
      >
        why?
      </button>
      {open ? (
        <div className="why-popover" id={id}>
          <h4>Type: {analysis.type} ({percent(analysis.typeConfidence)})</h4>
          <ReasonList reasons={analysis.typeReasons} />
          <h4>Difficulty: {analysis.difficulty} (good first issue score {percent(analysis.gfiScore)})</h4>
          <ReasonList reasons={analysis.difficultyReasons} />
          {analysis.concepts.length > 0 ? (
            <>
              <h4>Concepts</h4>
              <p>{analysis.concepts.map((c) => c.name).join(', ')}</p>
            </>
          ) : null}
        </div>
      ) : null}
    </span>
  );
}

function ReasonList({ reasons }: { reasons: string[] }) {
  if (reasons.length === 0) return <p className="muted">No reasons recorded.</p>;
  return (
    <ul>
      {reasons.map((reason, index) => (
        <li key={index}>{reason}</li>
      ))}
    </ul>
  );
}

/** Type and difficulty badges from Loupe's analysis, with the reasons one click away. */
export function AnalysisBadges({ analysis }: { analysis: Analysis }) {
  return (
    <span className="analysis">
      <span className="badge badge-type" title={`Classified as ${analysis.type} (${percent(analysis.typeConfidence)} confident)`}>
        {analysis.type}
      </span>
      <span className={`badge badge-${analysis.difficulty}`} title={`Good first issue score ${percent(analysis.gfiScore)}`}>
        {analysis.difficulty} · GFI {percent(analysis.gfiScore)}
      </span>
      {analysis.duplicateCount > 0 ? (
        <span className="badge badge-dup">
          {analysis.duplicateCount} possible duplicate{analysis.duplicateCount === 1 ? '' : 's'}
        </span>
      ) : null}
      <WhyPopover analysis={analysis} />
    </span>
  );
}
