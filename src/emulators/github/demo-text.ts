/**
 * Titles, bodies and comments of the demo organisation, built from templates and the vocabularies
 * in demo-vocabulary.ts. A "topic" fixes what a report is about, so a duplicate can re-report the
 * same problem with different words (another title template, synonym and environment).
 */
import type { RepoFlavour } from './demo-vocabulary.ts';
import { OS_LIST, SYMPTOMS } from './demo-vocabulary.ts';
import type { SeededRandom } from './seeded-random.ts';

export interface BugTopic {
  area: number;
  component: number;
  symptom: number;
  trigger: number;
}

export interface Env {
  version: string;
  runtime: string;
  os: string;
}

function at<T>(list: readonly T[], i: number): T {
  return list[i % list.length] as T;
}

export function pickEnv(rng: SeededRandom, f: RepoFlavour, releaseIndex: number): Env {
  const release = at(f.releases, releaseIndex);
  const patch = release.split('.').length === 3 ? release : `${release}.${rng.int(0, 4)}`;
  return {
    version: patch,
    runtime: `${f.runtime.name} ${rng.pick(f.runtime.versions)}`,
    os: rng.pick(OS_LIST),
  };
}

export function randomBugTopic(rng: SeededRandom, f: RepoFlavour): BugTopic {
  const area = rng.int(0, f.areas.length - 1);
  return {
    area,
    component: rng.int(0, at(f.areas, area).components.length - 1),
    symptom: rng.int(0, SYMPTOMS.length - 1),
    trigger: rng.int(0, f.triggers.length - 1),
  };
}

function parts(
  f: RepoFlavour,
  t: BugTopic,
  synonym: number,
): { component: string; symptom: string; trigger: string } {
  const area = at(f.areas, t.area);
  return {
    component: at(area.components, t.component),
    symptom: at(at(SYMPTOMS, t.symptom), synonym),
    trigger: at(f.triggers, t.trigger),
  };
}

const BUG_TITLES = [
  (p: ReturnType<typeof parts>) => `${cap(p.component)} ${p.symptom} when ${p.trigger}`,
  (p: ReturnType<typeof parts>, env: Env) =>
    `${cap(p.component)} ${p.symptom} after upgrading to ${env.version}`,
  (p: ReturnType<typeof parts>) => `Bug: ${p.component} ${p.symptom}`,
  (p: ReturnType<typeof parts>) => `[${p.component}] ${p.symptom} (${p.trigger})`,
  (p: ReturnType<typeof parts>, env: Env) => `${cap(p.symptom)} in ${p.component} on ${env.os.split(' ')[0]}`,
];

function cap(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

export function bugTitle(
  f: RepoFlavour,
  t: BugTopic,
  v: { template: number; synonym: number; env: Env },
): string {
  return at(BUG_TITLES, v.template)(parts(f, t, v.synonym), v.env);
}

/** A stack trace in the flavour's language, or '' for flavours without code (docs). */
export function stackTrace(rng: SeededRandom, f: RepoFlavour, areaIndex: number): string {
  const frames = at(f.areas, areaIndex).frames;
  if (f.trace === 'none' || frames.length === 0) return '';
  const error = rng.pick(f.errors);
  const line = (): number => rng.int(12, 480);
  const split = (fr: string): [string, string] => {
    const m = /^(.*) \((.*)\)$/.exec(fr);
    return m ? [m[1] as string, m[2] as string] : [fr, 'unknown'];
  };
  const list = frames.map(split);
  switch (f.trace) {
    case 'node':
      return `${error}\n${list.map(([fn, file]) => `    at ${fn} (node_modules/${f.pkg}/${file.replace(/^src\//, 'dist/')}:${line()}:${rng.int(5, 40)})`).join('\n')}\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`;
    case 'python':
      return `Traceback (most recent call last):\n  File "repro.py", line ${rng.int(3, 20)}, in <module>\n    result = run()\n${list.map(([fn, file]) => `  File "site-packages/${file}", line ${line()}, in ${fn}`).join('\n')}\n${error}`;
    case 'go':
      return `${error}\n\ngoroutine 1 [running]:\n${list.map(([fn, file]) => `github.com/loupe-demo/${f.name}/${fn}(...)\n\t/home/runner/work/${f.name}/${file}:${line()} +0x${rng.int(16, 255).toString(16)}`).join('\n')}`;
    case 'rust':
      return `thread 'main' panicked at ${list[0]?.[1] ?? 'src/lib.rs'}:${line()}:${rng.int(5, 30)}:\n${error}\nstack backtrace:\n${list.map(([fn], i) => `   ${i}: ${fn}`).join('\n')}`;
  }
}

const fenceLang: Record<string, string> = {
  node: 'text',
  python: 'pytb',
  go: 'text',
  rust: 'text',
  none: 'text',
};

/** A bug report in GitHub's issue-form style; `paraphrase` words it differently for duplicates. */
export function bugBody(
  rng: SeededRandom,
  f: RepoFlavour,
  o: { topic: BugTopic; synonym: number; env: Env; paraphrase: boolean },
): string {
  const p = parts(f, o.topic, o.synonym);
  const trace = stackTrace(rng, f, o.topic.area);
  const intro = o.paraphrase
    ? rng.pick([
        `Not sure if this is known, but ${p.component} ${p.symptom} for me whenever I am ${p.trigger.replace(/^using /, 'using ')}.`,
        `Since updating to ${o.env.version} the ${p.component} ${p.symptom}. It seems to happen when ${p.trigger}.`,
        `Hi! I think I found a problem: ${p.trigger}, the ${p.component} ${p.symptom}.`,
      ])
    : `When ${p.trigger}, the ${p.component} ${p.symptom}.`;
  const steps = [
    `Install ${f.pkg}@${o.env.version}`,
    `Configure the ${p.component} with the defaults`,
    `Trigger it ${p.trigger.replace(/^the /, 'where the ')}`,
    'Observe the failure',
  ];
  const sections = [
    '### Describe the bug',
    intro,
    '',
    '### Steps to reproduce',
    ...steps.slice(0, rng.int(2, 4)).map((s, i) => `${i + 1}. ${s}`),
    '',
    '### Expected behavior',
    rng.pick([
      'It should work the same as in the previous release.',
      `The ${p.component} should handle this case.`,
      'No error, the request completes normally.',
    ]),
  ];
  if (trace) sections.push('', '### Actual behavior', '', '```' + fenceLang[f.trace], trace, '```');
  sections.push(
    '',
    '### Environment',
    `- ${f.pkg}: ${o.env.version}`,
    `- ${o.env.runtime}`,
    `- OS: ${o.env.os}`,
  );
  return sections.join('\n');
}

export function featureTitle(f: RepoFlavour, feature: number, template: number): string {
  const name = at(f.features, feature);
  return at(
    [
      `Support ${name}`,
      `Feature request: ${name}`,
      `Add ${name}`,
      `[RFC] ${cap(name)}`,
      `Would be great to have ${name}`,
    ],
    template,
  );
}

export function featureBody(
  rng: SeededRandom,
  f: RepoFlavour,
  o: { feature: number; paraphrase: boolean },
): string {
  const name = at(f.features, o.feature);
  const problem = o.paraphrase
    ? `We keep working around the lack of ${name} in ${f.name}. Is this on the roadmap?`
    : rng.pick([
        `Today there is no way to get ${name} without patching ${f.name}.`,
        `Many projects built on ${f.name} need ${name}; we currently maintain a fork for it.`,
      ]);
  return [
    '### Is your feature request related to a problem?',
    problem,
    '',
    "### Describe the solution you'd like",
    `First-class ${name}, configurable per project and documented in the guides.`,
    '',
    '### Alternatives considered',
    rng.pick([
      'A plugin could work, but the hooks it needs are private.',
      'Wrapping the API ourselves, which breaks on every minor release.',
      'None really.',
    ]),
  ].join('\n');
}

export function questionTitle(f: RepoFlavour, task: number, template: number): string {
  const t = at(f.tasks, task);
  return at(
    [`How do I ${t}?`, `Question: is it possible to ${t}?`, `What is the recommended way to ${t}?`],
    template,
  );
}

export function questionBody(rng: SeededRandom, f: RepoFlavour, o: { task: number; env: Env }): string {
  const t = at(f.tasks, o.task);
  return `I'm trying to ${t} with ${f.pkg} ${o.env.version} but couldn't find it in the docs.\n\n${rng.pick(['I tried the example from the README without luck.', 'Is there an example somewhere?', 'Any pointers appreciated!'])}`;
}

export function docsTitle(f: RepoFlavour, area: number, template: number): string {
  const page = at(at(f.areas, area).components, template);
  return at(
    [
      `Docs: typo in the ${page} page`,
      `Broken link in ${page} docs`,
      `Document the ${page} options`,
      `Outdated example in ${page} documentation`,
    ],
    template + area,
  );
}

export function docsBody(rng: SeededRandom, f: RepoFlavour, o: { area: number; goodFirst: boolean }): string {
  const area = at(f.areas, o.area);
  const lines = [
    rng.pick([
      `The example for ${at(area.components, 0)} no longer matches the current API.`,
      'There is a typo and a dead link in this section.',
      `The options of ${at(area.components, 1)} are not documented at all.`,
    ]),
  ];
  if (o.goodFirst)
    lines.push(
      '',
      '**Where to look:**',
      ...area.files.map((file) => `- \`${file}\``),
      '',
      'This should be a small change, a good first contribution.',
    );
  return lines.join('\n');
}

export function prTitle(
  rng: SeededRandom,
  f: RepoFlavour,
  o: { area: number; kind: 'fix' | 'feat' | 'docs' | 'chore' },
): string {
  const area = at(f.areas, o.area);
  const scope = area.label.replace('area/', '');
  const comp = rng.pick(area.components);
  if (o.kind === 'fix')
    return `fix(${scope}): ${rng.pick(['handle', 'guard against', 'correct'])} ${rng.pick(f.triggers).replace(/^the /, '')} in ${comp}`;
  if (o.kind === 'feat') return `feat(${scope}): add ${rng.pick(f.features)}`;
  if (o.kind === 'docs') return `docs(${scope}): clarify ${comp} usage`;
  return `chore(${scope}): refactor ${comp} internals`;
}

export function prBody(rng: SeededRandom, o: { fixes: number | null }): string {
  const lines = [
    '## Summary',
    rng.pick([
      'Small, focused change with tests.',
      'Refactors the code path and adds a regression test.',
      'Follow-up to the discussion in the linked issue.',
    ]),
  ];
  if (o.fixes !== null) lines.push('', `Fixes #${o.fixes}`);
  lines.push('', '## Checklist', '- [x] Tests added', `- [${rng.chance(0.7) ? 'x' : ' '}] Docs updated`);
  return lines.join('\n');
}

export function bumpTitle(rng: SeededRandom, f: RepoFlavour): { title: string; body: string } {
  const dep = rng.pick(f.deps);
  const major = rng.int(1, 9);
  const from = `${major}.${rng.int(0, 20)}.${rng.int(0, 9)}`;
  const to = `${major}.${rng.int(21, 30)}.${rng.int(0, 9)}`;
  return {
    title: `Bump ${dep} from ${from} to ${to}`,
    body: `Bumps ${dep} from ${from} to ${to}.\n\nDependabot will resolve any conflicts with this PR as long as you don't alter it yourself.`,
  };
}

/** Comment texts by role; `n` lets callers reference issue/PR numbers. */
export const COMMENTS = {
  triage: [
    'Thanks for the report! Could you share a minimal reproduction?',
    'Thanks! Which version were you on before this started?',
    'I can reproduce this on main. Marking as confirmed.',
    'Looks related to the recent refactor of this area, taking a look.',
  ],
  metoo: [
    '+1, seeing the same thing.',
    'Same here on {env}.',
    'Any update on this? It blocks our upgrade.',
    'I can confirm this happens on {env} too.',
  ],
  author: [
    'Here is a minimal repro: https://github.com/example/repro',
    'Downgrading fixes it for now.',
    'Thanks for the quick look!',
    'Updated the description with the full log.',
  ],
  feature: [
    'This would be really useful for us too.',
    'Would a PR be welcome for this?',
    "We're open to this, but it needs a design first. Could you sketch the API?",
    'Related discussion in the forum.',
  ],
  answer: [
    'You can do this with a small wrapper, see the "Recipes" page in the docs.',
    'This is supported since 2.0: pass the option to the constructor.',
    "Not supported at the moment, but there's a workaround in the FAQ.",
  ],
  review: [
    'LGTM, thanks!',
    'Could you add a test for the edge case?',
    'Nice catch. One small nit inline.',
    'CI is green, merging.',
  ],
};
