import type { Label } from '../api-client/api-types.ts';
import { labelColors } from '../lib/label-color.ts';

/** A label in its GitHub colour, with text colour chosen for contrast. */
export function LabelChip({ label }: { label: Label }) {
  const colors = labelColors(label.color);
  return (
    <span
      className="label-chip"
      style={{ backgroundColor: colors.background, color: colors.text, borderColor: colors.border }}
    >
      {label.name}
    </span>
  );
}

/** The labels of an issue as a list of chips (nothing when there are none). */
export function LabelList({ labels }: { labels: Label[] }) {
  if (labels.length === 0) return null;
  return (
    <ul className="label-list" aria-label="Labels">
      {labels.map((label) => (
        <li key={label.name}>
          <LabelChip label={label} />
        </li>
      ))}
    </ul>
  );
}
