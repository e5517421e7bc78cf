/**
 * A small hand-built dataset for emulator tests: exact numbers and timestamps make assertions
 * about ordering, `since` and pagination precise. Issue n is created on day n of 2024 and updated
 * on day 100 - n, so created and updated orders are reversed; every third issue is closed and
 * every fourth is a pull request.
 */
import type { DatasetIssue, EmulatorDataset } from './dataset.types.ts';

export const TEST_REPO = 'acme/widgets';

function day(n: number): string {
  return new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().replace('.000Z', 'Z');
}

export function testDataset(issueCount = 25): EmulatorDataset {
  const issues: DatasetIssue[] = [];
  for (let n = 1; n <= issueCount; n++) {
    const closed = n % 3 === 0;
    issues.push({
      id: 5000 + n,
      repo: TEST_REPO,
      number: n,
      title: `Issue ${n}`,
      body: `Body ${n}`,
      user: n % 2 === 0 ? 'alice' : 'bob',
      authorAssociation: n % 2 === 0 ? 'MEMBER' : 'NONE',
      state: closed ? 'closed' : 'open',
      stateReason: closed ? 'completed' : null,
      labels: n % 5 === 0 ? ['bug', 'area/ui'] : n % 2 === 0 ? ['bug'] : [],
      assignees: n === 1 ? ['alice'] : [],
      milestone: n <= 2 ? 1 : null,
      locked: false,
      activeLockReason: null,
      createdAt: day(n),
      updatedAt: day(100 - n),
      closedAt: closed ? day(100 - n) : null,
      closedBy: closed ? 'alice' : null,
      reactions: n === 1 ? { '+1': 2, heart: 1 } : {},
      ...(n % 4 === 0 ? { pullRequest: { mergedAt: n % 8 === 0 ? day(100 - n) : null, draft: false } } : {}),
    });
  }
  return {
    version: 1,
    viewer: 'alice',
    users: [
      { id: 1, login: 'acme', type: 'Organization', createdAt: day(-400) },
      { id: 2, login: 'alice', type: 'User', name: 'Alice', createdAt: day(-300) },
      { id: 3, login: 'bob', type: 'User', createdAt: day(-200) },
    ],
    repos: [
      {
        id: 77,
        owner: 'acme',
        name: 'widgets',
        description: 'Widgets',
        language: 'TypeScript',
        topics: ['widgets'],
        homepage: null,
        license: 'MIT',
        defaultBranch: 'main',
        stargazers: 10,
        forks: 2,
        size: 100,
        createdAt: day(-100),
        updatedAt: day(99),
        pushedAt: day(99),
      },
    ],
    labels: [
      {
        id: 11,
        repo: TEST_REPO,
        name: 'bug',
        color: 'd73a4a',
        description: "Something isn't working",
        default: true,
      },
      { id: 12, repo: TEST_REPO, name: 'area/ui', color: 'c5def5', description: null, default: false },
    ],
    milestones: [
      {
        id: 21,
        repo: TEST_REPO,
        number: 1,
        title: 'v1.0',
        description: null,
        state: 'open',
        creator: 'alice',
        createdAt: day(0),
        updatedAt: day(0),
        dueOn: null,
        closedAt: null,
      },
    ],
    issues,
    comments: [
      {
        id: 901,
        repo: TEST_REPO,
        issueNumber: 1,
        user: 'bob',
        authorAssociation: 'NONE',
        body: 'First',
        createdAt: day(2),
        updatedAt: day(2),
        reactions: {},
      },
      {
        id: 902,
        repo: TEST_REPO,
        issueNumber: 1,
        user: 'alice',
        authorAssociation: 'MEMBER',
        body: 'Second',
        createdAt: day(3),
        updatedAt: day(50),
        reactions: {},
      },
      {
        id: 903,
        repo: TEST_REPO,
        issueNumber: 2,
        user: 'alice',
        authorAssociation: 'MEMBER',
        body: 'Third',
        createdAt: day(4),
        updatedAt: day(4),
        reactions: {},
      },
    ],
  };
}
