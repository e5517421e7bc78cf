/**
 * Renders users, repositories and labels exactly as api.github.com shapes them (simple-user,
 * private-user, full-repository, minimal-repository, label). Pure functions of the dataset.
 */
import type { DatasetLabel, DatasetRepo, DatasetUser } from './dataset.types.ts';

/** Where rendered URLs point: the API (the emulator itself) and the web UI. */
export interface RenderUrls {
  api: string;
  html: string;
}

/** GitHub's legacy global node id: base64("<len>:<Type><id>"), e.g. MDQ6VXNlcjE= for User 1. */
export function nodeId(type: string, id: number): string {
  const raw = `${String(type.length).padStart(2, '0')}:${type}${id}`;
  return Buffer.from(raw).toString('base64');
}

/** The simple-user shape embedded in issues, comments and repositories. */
export function renderSimpleUser(user: DatasetUser, urls: RenderUrls): Record<string, unknown> {
  // Bot logins contain brackets ("dependabot[bot]"); GitHub percent-encodes them in URLs and
  // links bots to their app page.
  const u = `${urls.api}/users/${encodeURIComponent(user.login)}`;
  const html =
    user.type === 'Bot'
      ? `${urls.html}/apps/${user.login.replace(/\[bot\]$/, '')}`
      : `${urls.html}/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type, user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: u,
    html_url: html,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** GET /user: the authenticated user's private view. */
export function renderPrivateUser(
  user: DatasetUser,
  ctx: { urls: RenderUrls; publicRepos: number },
): Record<string, unknown> {
  return {
    ...renderSimpleUser(user, ctx.urls),
    user_view_type: 'private',
    name: user.name ?? null,
    company: null,
    blog: '',
    location: null,
    email: null,
    notification_email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: ctx.publicRepos,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: user.createdAt,
    updated_at: user.createdAt,
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: 'free', space: 976562499, collaborators: 0, private_repos: 10000 },
  };
}

export function renderLabel(label: DatasetLabel, urls: RenderUrls): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId('Label', label.id),
    url: `${urls.api}/repos/${label.repo}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

const LICENSE_NAMES: Record<string, string> = {
  MIT: 'MIT License',
  'Apache-2.0': 'Apache License 2.0',
  'BSD-3-Clause': 'BSD 3-Clause "New" or "Revised" License',
  'MPL-2.0': 'Mozilla Public License 2.0',
  'CC-BY-4.0': 'Creative Commons Attribution 4.0 International',
};

function renderLicense(spdx: string | null, urls: RenderUrls): Record<string, unknown> | null {
  if (!spdx) return null;
  const key = spdx.toLowerCase();
  return {
    key,
    name: LICENSE_NAMES[spdx] ?? spdx,
    spdx_id: spdx,
    url: `${urls.api}/licenses/${key}`,
    node_id: nodeId('License', key.length),
  };
}

/** Fields common to minimal-repository and full-repository, in GitHub's key order. */
function renderRepoCore(
  repo: DatasetRepo,
  ctx: { urls: RenderUrls; owner: DatasetUser; openIssues: number },
): Record<string, unknown> {
  const full = `${repo.owner}/${repo.name}`;
  const u = `${ctx.urls.api}/repos/${full}`;
  const html = `${ctx.urls.html}/${full}`;
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: full,
    private: false,
    owner: renderSimpleUser(ctx.owner, ctx.urls),
    html_url: html,
    description: repo.description,
    fork: false,
    url: u,
    forks_url: `${u}/forks`,
    keys_url: `${u}/keys{/key_id}`,
    collaborators_url: `${u}/collaborators{/collaborator}`,
    teams_url: `${u}/teams`,
    hooks_url: `${u}/hooks`,
    issue_events_url: `${u}/issues/events{/number}`,
    events_url: `${u}/events`,
    assignees_url: `${u}/assignees{/user}`,
    branches_url: `${u}/branches{/branch}`,
    tags_url: `${u}/tags`,
    blobs_url: `${u}/git/blobs{/sha}`,
    git_tags_url: `${u}/git/tags{/sha}`,
    git_refs_url: `${u}/git/refs{/sha}`,
    trees_url: `${u}/git/trees{/sha}`,
    statuses_url: `${u}/statuses/{sha}`,
    languages_url: `${u}/languages`,
    stargazers_url: `${u}/stargazers`,
    contributors_url: `${u}/contributors`,
    subscribers_url: `${u}/subscribers`,
    subscription_url: `${u}/subscription`,
    commits_url: `${u}/commits{/sha}`,
    git_commits_url: `${u}/git/commits{/sha}`,
    comments_url: `${u}/comments{/number}`,
    issue_comment_url: `${u}/issues/comments{/number}`,
    contents_url: `${u}/contents/{+path}`,
    compare_url: `${u}/compare/{base}...{head}`,
    merges_url: `${u}/merges`,
    archive_url: `${u}/{archive_format}{/ref}`,
    downloads_url: `${u}/downloads`,
    issues_url: `${u}/issues{/number}`,
    pulls_url: `${u}/pulls{/number}`,
    milestones_url: `${u}/milestones{/number}`,
    notifications_url: `${u}/notifications{?since,all,participating}`,
    labels_url: `${u}/labels{/name}`,
    releases_url: `${u}/releases{/id}`,
    deployments_url: `${u}/deployments`,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    pushed_at: repo.pushedAt,
    git_url: `git://github.com/${full}.git`,
    ssh_url: `git@github.com:${full}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: repo.homepage,
    size: repo.size,
    stargazers_count: repo.stargazers,
    watchers_count: repo.stargazers,
    language: repo.language,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: repo.forks,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: ctx.openIssues,
    license: renderLicense(repo.license, ctx.urls),
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: repo.topics,
    visibility: 'public',
    forks: repo.forks,
    open_issues: ctx.openIssues,
    watchers: repo.stargazers,
    default_branch: repo.defaultBranch,
  };
}

/** The minimal-repository shape of GET /orgs/{org}/repos and GET /users/{username}/repos. */
export function renderMinimalRepository(
  repo: DatasetRepo,
  ctx: { urls: RenderUrls; owner: DatasetUser; openIssues: number },
): Record<string, unknown> {
  return {
    ...renderRepoCore(repo, ctx),
    permissions: { admin: false, maintain: false, push: false, triage: false, pull: true },
  };
}

/** The full-repository shape of GET /repos/{owner}/{repo}. */
export function renderFullRepository(
  repo: DatasetRepo,
  ctx: { urls: RenderUrls; owner: DatasetUser; openIssues: number },
): Record<string, unknown> {
  const isOrg = ctx.owner.type === 'Organization';
  return {
    ...renderRepoCore(repo, ctx),
    permissions: { admin: false, maintain: false, push: false, triage: false, pull: true },
    temp_clone_token: '',
    ...(isOrg ? { organization: renderSimpleUser(ctx.owner, ctx.urls) } : {}),
    network_count: repo.forks,
    subscribers_count: Math.max(1, Math.round(repo.stargazers / 25)),
  };
}
