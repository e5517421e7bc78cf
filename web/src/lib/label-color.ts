/** Colours for a label chip: the label's own background and a text colour readable on it. */
export interface LabelColors {
  background: string;
  text: string;
  /** A visible outline for near-white labels that would vanish on a white page. */
  border: string;
}

const DARK_TEXT = '#1f2328';
const LIGHT_TEXT = '#ffffff';

/** Parses "d73a4a", "#d73a4a" or "fff" into 0–255 channels; null when it is not a hex colour. */
export function parseHexColor(input: string | null): [number, number, number] | null {
  if (!input) return null;
  let hex = input.trim().replace(/^#/, '');
  if (/^[0-9a-f]{3}$/i.test(hex)) hex = hex.replace(/./g, (c) => c + c);
  if (!/^[0-9a-f]{6}$/i.test(hex)) return null;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG 2 relative luminance of an sRGB colour. */
export function relativeLuminance([r, g, b]: [number, number, number]): number {
  const linear = (channel: number): number => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2 contrast ratio between two luminances (1 to 21). */
export function contrastRatio(a: number, b: number): number {
  const [light, dark] = a > b ? [a, b] : [b, a];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * Picks dark or white text, whichever contrasts more with the label colour, so any colour a
 * maintainer chose stays readable. Unknown colours get a neutral grey chip.
 */
export function labelColors(color: string | null): LabelColors {
  const rgb = parseHexColor(color);
  if (!rgb) return { background: '#eaeef2', text: DARK_TEXT, border: '#d0d7de' };
  const background = `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  const luminance = relativeLuminance(rgb);
  const darkContrast = contrastRatio(luminance, relativeLuminance([0x1f, 0x23, 0x28]));
  const lightContrast = contrastRatio(luminance, 1);
  const text = darkContrast >= lightContrast ? DARK_TEXT : LIGHT_TEXT;
  const border = luminance > 0.85 ? '#d0d7de' : background;
  return { background, text, border };
}
