/*
 * The UI's icons as inline SVG. Emoji and symbol glyphs (🔍, ↗, ▸) depend on the fonts of the
 * reader's system and show as empty boxes where none has them; a path draws the same everywhere.
 */
import type { ReactNode } from 'react';

interface IconProps {
  /** Words for a screen reader when the icon alone carries meaning; without it the icon is decoration and hidden. */
  label?: string;
}

/** A 16×16 outline drawing in the text colour, as tall as the text around it. */
function Icon({ label, children }: IconProps & { children: ReactNode }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      focusable="false"
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
    >
      {children}
    </svg>
  );
}

/** A magnifying glass: Loupe's mark. */
export function LoupeIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <circle cx="6.5" cy="6.5" r="4.5" />
      <path d="M10 10l4.5 4.5" strokeWidth="2.2" />
    </Icon>
  );
}

/** A link that leaves Loupe (opens GitHub in a new tab). */
export function ExternalLinkIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M9.5 2.5h4v4M13.5 2.5L7 9M12 9.5V13a.5.5 0 0 1-.5.5h-8A.5.5 0 0 1 3 13V5a.5.5 0 0 1 .5-.5H7" />
    </Icon>
  );
}

/** Back to the previous page. */
export function ArrowLeftIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M13 8H3M7.5 3.5L3 8l4.5 4.5" />
    </Icon>
  );
}

/** A disclosure chevron: points right when closed and down when `open`. */
export function ChevronIcon({ open, ...props }: IconProps & { open: boolean }) {
  return <Icon {...props}>{open ? <path d="M4 6l4 4 4-4" /> : <path d="M6 4l4 4-4 4" />}</Icon>;
}

/** A speech bubble: comments (the issue list's comment count). */
export function CommentIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z" />
    </Icon>
  );
}
