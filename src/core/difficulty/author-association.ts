// Its own module so that the scorer's features can use it without importing repo-history.ts, which
// imports the scorer (to fit a repository's adjustment): that cycle broke module initialisation.
const MAINTAINER_ASSOCIATIONS = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

/** True for GitHub author associations that mean "has write access to the repository". */
export function isMaintainerAssociation(association: string | null | undefined): boolean {
  return association != null && MAINTAINER_ASSOCIATIONS.has(association.toUpperCase());
}
