/**
 * What a source says about a container itself (a GitHub repository, a Jira project, ...): shared by
 * the sources that read it and the store that keeps it.
 */
export interface ContainerInfo {
  externalId: string;
  description: string | null;
  htmlUrl: string | null;
  defaultBranch: string | null;
  language: string | null;
  topics: string[];
  stars: number;
}

/** Every kind of source Loupe has or plans a connector for (a connection names one). */
export const SOURCE_KINDS = ['github', 'jira', 'linear', 'stackoverflow', 'reddit', 'discord', 'x'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** The kinds that have a connector today (the others are planned). */
export const CONNECTOR_KINDS = ['github'] as const satisfies readonly SourceKind[];
