import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { Analysis } from '../api-client/api-types.ts';
import { conceptFilterHref, difficultyBadge, percent, score2, topConcepts } from '../lib/analysis-format.ts';
import { Link } from '../router/router.tsx';
import { duplicateCountText } from './duplicate-count-text.ts';
import { splitMentions, type ResolveMention } from './issue-mentions.ts';

/**
 * A "why?" button that shows the reasons behind the analysis. Escape (wherever focus is inside the
 * popover or on the button) or a click outside closes it and focus returns to the button.
 */
function WhyPopover({ analysis }: { analysis: Analysis }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const wrapper = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const close = (): void => {
    setOpen(false);
    button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent): void => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    // Escape pressed with focus elsewhere on the page also closes it.
    const onKey = (event: globalThis.KeyboardEvent): void => {
      if (event.key === 'Escape') close();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  // Keys inside stay inside: the list row would otherwise treat Enter as "open the issue".
  const onKeyDown = (event: KeyboardEvent<HTMLSpanElement>): void => {
    event.stopPropagation();
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      close();
    }
  };

  return (
    <span className="why" ref={wrapper} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="why-button"
        data-testid="why-button"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-label="Why? Show the reasons for this analysis"
        onClick={(event) => {
          event.stopPropagation();
          setOpen(!open);
        }}
      >
        why?
      </button>
      {open ? (
        <div
          className="why-popover"
          id={id}
          role="region"
          aria-label="Reasons for this analysis"
          data-testid="why-popover"
        >
          <h4>
            Type: {analysis.type} ({percent(analysis.typeConfidence)} confident)
          </h4>
          <ReasonList reasons={analysis.typeReasons} />
          <h4>
            Difficulty: {analysis.difficulty} (good first issue score {score2(analysis.gfiScore)})
          </h4>
          <ReasonList reasons={analysis.difficultyReasons} />
        </div>
      ) : null}
    </span>
  );
}

/** Reasons as the analysis wrote them, e.g. 'word "crash" (+0.07)'. */
/** Reasons, one per line; with `resolveMention`, a cited "#N" links to that issue. */
export function ReasonList({
  reasons,
  resolveMention,
}: {
  reasons: string[];
  resolveMention?: ResolveMention;
}) {
  if (reasons.length === 0) return <p className="muted">No reasons recorded.</p>;
  return (
    <ul className="reason-list">
      {reasons.map((reason, index) => (
        <li key={index}>
          {resolveMention ? <MentionedText text={reason} resolve={resolveMention} /> : reason}
        </li>
      ))}
    </ul>
  );
}

/** Plain text with its "#N" mentions as links (Loupe's page when Loupe holds the issue). */
function MentionedText({ text, resolve }: { text: string; resolve: ResolveMention }) {
  return (
    <>
      {splitMentions(text, resolve).map((part, index) => {
        if (part.type !== 'link') return part.value;
        const label = part.children?.[0]?.value ?? '';
        const title = part.title ?? undefined;
        return part.data?.hProperties?.['data-mention'] === 'loupe' ? (
          <Link key={index} to={part.url ?? '#'} title={title} data-mention="loupe">
            {label}
          </Link>
        ) : (
          <a key={index} href={part.url} title={title} data-mention="source" target="_blank" rel="noreferrer">
            {label}
          </a>
        );
      })}
    </>
  );
}

interface AnalysisBadgesProps {
  analysis: Analysis;
  /** Where the duplicates badge leads (the issue's duplicate section); a plain badge without it. */
  duplicatesHref?: string;
  /** Show up to three concept chips linking to the list filtered by each. */
  showConcepts?: boolean;
  /**
   * The duplicates badge's words when the caller knows the links (the issue page: "Duplicate of
   * #201"); null hides it. Absent: the analysis' counts ("1 confirmed duplicate · 2 possible duplicates").
   */
  duplicatesLabel?: string | null;
}

/** The list's duplicates badge from the analysis' counts (`duplicateCount` includes the confirmed ones). */
export function analysisDuplicateText(
  analysis: Pick<Analysis, 'duplicateCount' | 'confirmedDuplicateCount'>,
): string | null {
  const confirmed = analysis.confirmedDuplicateCount;
  return duplicateCountText({ confirmed, possible: analysis.duplicateCount - confirmed });
}

/** Type, difficulty and duplicate badges from Loupe's analysis, with the reasons one click away. */
export function AnalysisBadges({
  analysis,
  duplicatesHref,
  showConcepts = false,
  duplicatesLabel,
}: AnalysisBadgesProps) {
  const difficulty = difficultyBadge(analysis);
  const dupLabel = duplicatesLabel === undefined ? analysisDuplicateText(analysis) : duplicatesLabel;
  return (
    <span className="analysis">
      <span
        className="badge badge-type"
        data-testid="analysis-type"
        title={`Classified as ${analysis.type}, ${percent(analysis.typeConfidence)} confident`}
      >
        {analysis.type} <span className="badge-figure">{percent(analysis.typeConfidence)}</span>
      </span>
      <span
        className={`badge badge-${difficulty.tone}`}
        data-testid="analysis-difficulty"
        title={difficulty.title}
      >
        {difficulty.label}
      </span>
      {dupLabel ? (
        duplicatesHref ? (
          <Link to={duplicatesHref} className="badge badge-dup" data-testid="analysis-duplicates">
            {dupLabel}
          </Link>
        ) : (
          <span className="badge badge-dup" data-testid="analysis-duplicates">
            {dupLabel}
          </span>
        )
      ) : null}
      <WhyPopover analysis={analysis} />
      {showConcepts ? <ConceptChips analysis={analysis} /> : null}
    </span>
  );
}

/** The issue's three strongest concepts, each a link to the issues about it. */
export function ConceptChips({ analysis }: { analysis: Analysis }) {
  const concepts = topConcepts(analysis.concepts);
  if (concepts.length === 0) return null;
  return (
    <ul className="concept-chips" aria-label="Concepts">
      {concepts.map((concept) => (
        <li key={concept.id}>
          <Link
            to={conceptFilterHref(concept.id)}
            className="concept-chip"
            data-testid="concept-chip"
            title={`Issues about ${concept.name}`}
          >
            {concept.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
