/**
 * Vocabulary of the demo organisation: one flavour per kind of project (web framework, CLI, data
 * library, docs site, UI kit, HTTP client). Text templates in demo-text.ts draw from these lists so
 * that issues read like the ones real projects receive.
 */

export type TraceStyle = 'node' | 'python' | 'go' | 'rust' | 'none';

export interface RepoArea {
  /** Label name, e.g. "area/router". */
  label: string;
  components: string[];
  /** Source files a newcomer would be pointed to. */
  files: string[];
  /** "function (file)" pairs for stack traces. */
  frames: string[];
}

export interface RepoFlavour {
  name: string;
  description: string;
  language: string;
  topics: string[];
  license: string;
  pkg: string;
  runtime: { name: string; versions: string[] };
  releases: string[];
  areas: RepoArea[];
  triggers: string[];
  features: string[];
  tasks: string[];
  errors: string[];
  trace: TraceStyle;
  deps: string[];
}

export const SYMPTOMS: string[][] = [
  ['crashes with an unhandled exception', 'throws an uncaught error', 'blows up with an exception'],
  ['hangs indefinitely', 'never returns', 'gets stuck until it times out'],
  ['leaks memory', 'keeps growing in memory', 'slowly eats all available RAM'],
  ['is extremely slow', 'shows a big performance regression', 'takes several seconds to respond'],
  ['returns wrong results', 'produces incorrect output', 'gives unexpected values'],
  ['ignores the configuration', 'does not respect my config option', 'silently drops my settings'],
  ['fails on Windows', 'breaks with Windows paths', 'does not work on Windows'],
  ['prints a deprecation warning', 'logs a noisy warning on every call', 'emits an unexpected warning'],
];

export const OS_LIST = [
  'macOS 14.4',
  'Ubuntu 22.04',
  'Windows 11',
  'Debian 12',
  'Fedora 39',
  'macOS 13.6',
  'Alpine 3.19',
];

export const FIRST_NAMES = [
  'alex',
  'maria',
  'jun',
  'priya',
  'sam',
  'lena',
  'omar',
  'chen',
  'sofia',
  'david',
  'aisha',
  'lucas',
  'yuki',
  'noah',
  'fatima',
  'ivan',
  'elena',
  'kwame',
  'nina',
  'raj',
  'clara',
  'mateo',
  'hana',
  'tom',
  'zara',
  'felix',
  'amara',
  'leo',
  'ines',
  'viktor',
  'mei',
  'jonas',
  'ana',
  'kofi',
  'sara',
  'diego',
  'lina',
  'marco',
  'julia',
  'arjun',
  'emma',
  'tariq',
  'olga',
  'ben',
  'rosa',
  'hugo',
  'dina',
  'pavel',
  'grace',
  'samir',
];

export const LAST_NAMES = [
  'kim',
  'garcia',
  'nguyen',
  'patel',
  'smith',
  'muller',
  'haddad',
  'wang',
  'rossi',
  'cohen',
  'okafor',
  'silva',
  'tanaka',
  'brown',
  'rahman',
  'petrov',
  'popescu',
  'mensah',
  'berg',
  'sharma',
  'dubois',
  'lopez',
  'sato',
  'hughes',
  'ali',
  'weber',
  'adeyemi',
  'costa',
  'novak',
  'li',
  'jensen',
  'ortiz',
  'owusu',
  'larsen',
  'reyes',
  'khan',
  'fischer',
  'moreau',
  'yamada',
  'evans',
];

const nodeRuntime = { name: 'Node.js', versions: ['18.19.1', '20.11.1', '20.14.0', '22.3.0', '22.9.0'] };

export const FLAVOURS: RepoFlavour[] = [
  {
    name: 'lumen',
    description: 'A fast, type-safe web framework for Node.js',
    language: 'TypeScript',
    topics: ['nodejs', 'web-framework', 'http', 'typescript'],
    license: 'MIT',
    pkg: 'lumen',
    runtime: nodeRuntime,
    releases: ['1.0.0', '1.4.2', '2.0.0', '2.3.1', '2.7.0', '3.0.0', '3.2.4'],
    areas: [
      {
        label: 'area/router',
        components: ['router', 'route matcher', 'nested routers'],
        files: ['src/router/matcher.ts', 'src/router/index.ts'],
        frames: ['Matcher.match (dist/router/matcher.js)', 'Router.handle (dist/router/index.js)'],
      },
      {
        label: 'area/middleware',
        components: ['middleware chain', 'error middleware', 'CORS middleware'],
        files: ['src/middleware/compose.ts', 'src/middleware/cors.ts'],
        frames: ['compose.dispatch (dist/middleware/compose.js)', 'cors (dist/middleware/cors.js)'],
      },
      {
        label: 'area/validation',
        components: ['schema validation', 'body parser', 'query coercion'],
        files: ['src/validation/schema.ts', 'src/body/json.ts'],
        frames: ['validateBody (dist/validation/schema.js)', 'parseJson (dist/body/json.js)'],
      },
      {
        label: 'area/websocket',
        components: ['WebSocket upgrade', 'socket broadcast', 'heartbeat timer'],
        files: ['src/ws/upgrade.ts', 'src/ws/hub.ts'],
        frames: ['Hub.broadcast (dist/ws/hub.js)', 'handleUpgrade (dist/ws/upgrade.js)'],
      },
      {
        label: 'area/static',
        components: ['static file server', 'ETag handling', 'range requests'],
        files: ['src/static/serve.ts', 'src/static/etag.ts'],
        frames: ['serveStatic (dist/static/serve.js)', 'computeEtag (dist/static/etag.js)'],
      },
    ],
    triggers: [
      'using nested routers',
      'the request body is empty',
      'a route has an optional parameter',
      'running behind a reverse proxy',
      'streaming a large response',
      'the client disconnects early',
      'the path contains unicode characters',
      'hot reload is enabled',
    ],
    features: [
      'HTTP/2 server push',
      'typed route parameters',
      'graceful shutdown hooks',
      'per-route rate limiting',
      'OpenAPI generation from routes',
      'request ID propagation',
      'Brotli compression',
      'async local storage context',
    ],
    tasks: [
      'share state between middleware',
      'return a custom 404 page',
      'test routes without starting a server',
      'serve a single-page app',
      'read raw request bodies',
      'deploy on a serverless platform',
    ],
    errors: [
      "TypeError: Cannot read properties of undefined (reading 'params')",
      'RangeError: Maximum call stack size exceeded',
      'Error [ERR_HTTP_HEADERS_SENT]: Cannot set headers after they are sent to the client',
      'TypeError: res.flush is not a function',
    ],
    trace: 'node',
    deps: ['undici', 'path-to-regexp', 'typescript', 'vitest', 'esbuild'],
  },
  {
    name: 'quill',
    description: 'A friendly command-line toolkit for scaffolding and releasing projects',
    language: 'Go',
    topics: ['cli', 'golang', 'release-automation', 'scaffolding'],
    license: 'Apache-2.0',
    pkg: 'quill',
    runtime: { name: 'Go', versions: ['1.21.6', '1.22.1', '1.22.5', '1.23.0'] },
    releases: ['0.9.0', '1.0.0', '1.2.3', '1.5.0', '2.0.0', '2.1.2'],
    areas: [
      {
        label: 'area/cli',
        components: ['argument parser', 'help output', '`quill init` command'],
        files: ['cmd/quill/root.go', 'internal/cli/flags.go'],
        frames: ['internal/cli.(*Parser).Parse (internal/cli/flags.go)', 'main.main (cmd/quill/main.go)'],
      },
      {
        label: 'area/config',
        components: ['config loader', 'YAML config', 'environment overrides'],
        files: ['internal/config/load.go', 'internal/config/env.go'],
        frames: [
          'internal/config.Load (internal/config/load.go)',
          'internal/config.applyEnv (internal/config/env.go)',
        ],
      },
      {
        label: 'area/plugins',
        components: ['plugin loader', 'plugin registry', 'template plugins'],
        files: ['internal/plugin/loader.go'],
        frames: ['internal/plugin.(*Loader).Open (internal/plugin/loader.go)'],
      },
      {
        label: 'area/release',
        components: ['changelog generator', '`quill release` command', 'tag detection'],
        files: ['internal/release/changelog.go', 'internal/release/tags.go'],
        frames: [
          'internal/release.BuildChangelog (internal/release/changelog.go)',
          'internal/release.latestTag (internal/release/tags.go)',
        ],
      },
      {
        label: 'area/completion',
        components: ['shell completion', 'zsh completion script', 'fish completion'],
        files: ['internal/completion/zsh.go'],
        frames: ['internal/completion.Zsh (internal/completion/zsh.go)'],
      },
    ],
    triggers: [
      'the repository has no tags yet',
      'running inside a git worktree',
      'the config file uses anchors',
      'HOME is not set',
      'running in CI',
      'the project path contains spaces',
      'using a monorepo layout',
    ],
    features: [
      'a --dry-run flag for releases',
      'conventional commit scopes in changelogs',
      'TOML config support',
      'a JSON output mode',
      'signed tags',
      'custom template repositories',
      'PowerShell completion',
    ],
    tasks: [
      'skip a commit in the changelog',
      'use quill in GitHub Actions',
      'write a custom plugin',
      'change the default branch',
      'pin the template version',
    ],
    errors: [
      'panic: runtime error: invalid memory address or nil pointer dereference',
      'panic: runtime error: index out of range [0] with length 0',
      'fatal error: concurrent map writes',
      'error: yaml: unmarshal errors: cannot unmarshal !!seq into string',
    ],
    trace: 'go',
    deps: ['github.com/spf13/cobra', 'gopkg.in/yaml.v3', 'golang.org/x/mod', 'github.com/go-git/go-git/v5'],
  },
  {
    name: 'tabula',
    description: 'Columnar dataframes for Python with lazy evaluation',
    language: 'Python',
    topics: ['python', 'dataframe', 'data-analysis', 'arrow'],
    license: 'BSD-3-Clause',
    pkg: 'tabula',
    runtime: { name: 'Python', versions: ['3.9.18', '3.10.13', '3.11.8', '3.12.2'] },
    releases: ['0.8.0', '0.10.1', '1.0.0', '1.1.3', '1.3.0', '2.0.0'],
    areas: [
      {
        label: 'area/io',
        components: ['read_csv', 'Parquet writer', 'read_json'],
        files: ['tabula/io/csv.py', 'tabula/io/parquet.py'],
        frames: [
          'read_csv (tabula/io/csv.py)',
          '_parse_chunk (tabula/io/csv.py)',
          'write_parquet (tabula/io/parquet.py)',
        ],
      },
      {
        label: 'area/groupby',
        components: ['groupby aggregation', 'rolling windows', 'pivot tables'],
        files: ['tabula/ops/groupby.py'],
        frames: ['GroupBy.agg (tabula/ops/groupby.py)', '_hash_keys (tabula/ops/groupby.py)'],
      },
      {
        label: 'area/indexing',
        components: ['label-based indexing', 'boolean masks', 'multi-index'],
        files: ['tabula/core/indexing.py'],
        frames: ['_LocIndexer.__getitem__ (tabula/core/indexing.py)'],
      },
      {
        label: 'area/dtypes',
        components: ['datetime columns', 'categorical dtype', 'nullable integers'],
        files: ['tabula/core/dtypes.py'],
        frames: ['cast_column (tabula/core/dtypes.py)', 'infer_dtype (tabula/core/dtypes.py)'],
      },
      {
        label: 'area/lazy',
        components: ['lazy query planner', 'predicate pushdown', 'collect()'],
        files: ['tabula/lazy/planner.py'],
        frames: ['Planner.optimize (tabula/lazy/planner.py)', 'LazyFrame.collect (tabula/lazy/frame.py)'],
      },
    ],
    triggers: [
      'the CSV has a BOM',
      'a column is entirely null',
      'timestamps carry a timezone',
      'grouping by two keys',
      'the frame has more than 2**31 rows',
      'reading from S3',
      'columns have duplicate names',
    ],
    features: [
      'an `explode` method for list columns',
      'reading Excel files',
      'a `describe()` for categorical columns',
      'streaming writes to Parquet',
      'SQL query support',
      'as-of joins',
    ],
    tasks: [
      'convert a column to categorical',
      'read only some columns from Parquet',
      'join on nearest timestamp',
      'speed up groupby on strings',
      'export to a NumPy array',
    ],
    errors: [
      "ValueError: could not convert string to float: 'N/A'",
      "KeyError: 'timestamp'",
      "TypeError: unhashable type: 'list'",
      'MemoryError: Unable to allocate 3.2 GiB for an array',
    ],
    trace: 'python',
    deps: ['pyarrow', 'numpy', 'pytest', 'hypothesis'],
  },
  {
    name: 'docs',
    description: 'Documentation site for the loupe-demo projects',
    language: 'MDX',
    topics: ['documentation', 'docs-site', 'mdx'],
    license: 'CC-BY-4.0',
    pkg: 'docs',
    runtime: nodeRuntime,
    releases: ['2021.1', '2022.1', '2023.1', '2024.1'],
    areas: [
      {
        label: 'area/guides',
        components: ['getting started guide', 'deployment guide', 'migration guide'],
        files: ['content/guides/getting-started.mdx', 'content/guides/migrate-v3.mdx'],
        frames: [],
      },
      {
        label: 'area/api-reference',
        components: ['API reference', 'configuration reference', 'CLI reference'],
        files: ['content/reference/api.mdx', 'content/reference/cli.mdx'],
        frames: [],
      },
      {
        label: 'area/search',
        components: ['site search', 'search index', 'search results page'],
        files: ['site/search/index.ts'],
        frames: [],
      },
      {
        label: 'area/i18n',
        components: ['Japanese translation', 'Spanish translation', 'language switcher'],
        files: ['content/ja/', 'content/es/'],
        frames: [],
      },
      {
        label: 'area/theme',
        components: ['dark mode', 'code block copy button', 'sidebar navigation'],
        files: ['site/theme/sidebar.tsx', 'site/theme/code-block.tsx'],
        frames: [],
      },
    ],
    triggers: [
      'viewing on mobile',
      'following a link from the changelog',
      'using Safari',
      'the page is loaded from a bookmark',
      'JavaScript is disabled',
    ],
    features: [
      'a version switcher',
      'copyable permalink anchors',
      'a printable PDF of the guides',
      'runnable code examples',
      'a glossary page',
    ],
    tasks: [
      'build the docs locally',
      'add a new page to the sidebar',
      'preview a translation',
      'link to a specific version',
    ],
    errors: [
      '404 Not Found',
      "Uncaught TypeError: Cannot read properties of null (reading 'scrollIntoView')",
    ],
    trace: 'none',
    deps: ['@docusaurus/core', 'prism-react-renderer', 'react'],
  },
  {
    name: 'prism-ui',
    description: 'Accessible React component library with first-class theming',
    language: 'TypeScript',
    topics: ['react', 'components', 'accessibility', 'design-system'],
    license: 'MIT',
    pkg: '@loupe-demo/prism-ui',
    runtime: nodeRuntime,
    releases: ['0.5.0', '1.0.0', '1.3.0', '2.0.0', '2.2.1', '3.0.0'],
    areas: [
      {
        label: 'area/components',
        components: ['Dialog', 'Select', 'DatePicker', 'Tooltip'],
        files: ['src/components/Dialog/Dialog.tsx', 'src/components/Select/Select.tsx'],
        frames: [
          'Dialog (src/components/Dialog/Dialog.tsx)',
          'useSelect (src/components/Select/useSelect.ts)',
        ],
      },
      {
        label: 'area/theming',
        components: ['ThemeProvider', 'CSS variables', 'dark theme tokens'],
        files: ['src/theme/ThemeProvider.tsx'],
        frames: ['ThemeProvider (src/theme/ThemeProvider.tsx)', 'createTokens (src/theme/tokens.ts)'],
      },
      {
        label: 'area/a11y',
        components: ['focus trap', 'screen reader labels', 'keyboard navigation'],
        files: ['src/a11y/focus-trap.ts'],
        frames: ['trapFocus (src/a11y/focus-trap.ts)'],
      },
      {
        label: 'area/forms',
        components: ['Form validation', 'TextField', 'Checkbox group'],
        files: ['src/forms/useField.ts'],
        frames: ['useField (src/forms/useField.ts)'],
      },
      {
        label: 'area/build',
        components: ['ESM build', 'type declarations', 'tree shaking'],
        files: ['rollup.config.mjs', 'package.json'],
        frames: ['bundle (rollup.config.mjs)'],
      },
    ],
    triggers: [
      'rendering on the server',
      'React 19 strict mode is on',
      'the Dialog is nested in a Popover',
      'using Next.js app router',
      'the theme changes at runtime',
      'a screen reader is active',
    ],
    features: [
      'a Combobox with async options',
      'RTL layout support',
      'a headless Table component',
      'reduced-motion variants',
      'theme tokens as JSON',
    ],
    tasks: [
      'override the Dialog transition',
      'use prism-ui with Tailwind',
      'type a custom theme',
      'test components with Testing Library',
    ],
    errors: [
      'Warning: Each child in a list should have a unique "key" prop.',
      "Error: Hydration failed because the server rendered HTML didn't match the client.",
      "TypeError: Cannot read properties of null (reading 'focus')",
    ],
    trace: 'node',
    deps: ['react', 'rollup', '@testing-library/react', 'typescript', 'storybook'],
  },
  {
    name: 'ferry',
    description: 'Async HTTP client for Rust with retries and connection pooling',
    language: 'Rust',
    topics: ['rust', 'http-client', 'async', 'tokio'],
    license: 'MPL-2.0',
    pkg: 'ferry',
    runtime: { name: 'rustc', versions: ['1.74.1', '1.76.0', '1.78.0', '1.80.1'] },
    releases: ['0.3.0', '0.4.2', '0.5.0', '0.6.1', '1.0.0'],
    areas: [
      {
        label: 'area/pool',
        components: ['connection pool', 'idle connection reaper', 'pool limits'],
        files: ['src/pool.rs', 'src/pool/idle.rs'],
        frames: ['ferry::pool::Pool::checkout (src/pool.rs)', 'ferry::pool::idle::reap (src/pool/idle.rs)'],
      },
      {
        label: 'area/tls',
        components: ['rustls backend', 'certificate verification', 'ALPN negotiation'],
        files: ['src/tls/rustls.rs'],
        frames: ['ferry::tls::rustls::connect (src/tls/rustls.rs)'],
      },
      {
        label: 'area/retry',
        components: ['retry policy', 'exponential backoff', 'idempotency detection'],
        files: ['src/retry.rs'],
        frames: ['ferry::retry::Policy::next_delay (src/retry.rs)'],
      },
      {
        label: 'area/proxy',
        components: ['HTTP proxy support', 'SOCKS5 proxy', 'NO_PROXY parsing'],
        files: ['src/proxy.rs'],
        frames: ['ferry::proxy::Matcher::intercept (src/proxy.rs)'],
      },
      {
        label: 'area/body',
        components: ['streaming body', 'JSON decoding', 'gzip decoder'],
        files: ['src/body.rs', 'src/decode.rs'],
        frames: ['ferry::body::Body::poll_frame (src/body.rs)', 'ferry::decode::gzip (src/decode.rs)'],
      },
    ],
    triggers: [
      'the server closes keep-alive connections',
      'using a multi-threaded runtime',
      'the response is chunked',
      'HTTPS_PROXY is set',
      'the request is retried after a timeout',
      'compiling for wasm32',
    ],
    features: [
      'HTTP/3 support',
      'per-request timeouts',
      'a blocking client',
      'middleware hooks',
      'cookie jar persistence',
    ],
    tasks: [
      'set a custom CA bundle',
      'stream a download to a file',
      'disable retries for POST',
      'use ferry with async-std',
    ],
    errors: [
      'called `Option::unwrap()` on a `None` value',
      'error: connection closed before message completed',
      'error[E0277]: `Rc<Client>` cannot be sent between threads safely',
    ],
    trace: 'rust',
    deps: ['tokio', 'hyper', 'rustls', 'serde_json'],
  },
];
