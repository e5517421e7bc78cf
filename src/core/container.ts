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
