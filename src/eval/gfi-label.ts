/** The label `loupe eval gfi` scores against by default; apart so the CLI can show it without loading the scorer. */
export const DEFAULT_GFI_LABEL = 'good first issue';
