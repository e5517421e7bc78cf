/** The `--workspace` option every command that acts inside one workspace takes. */
export const WORKSPACE_OPTION = '--workspace <slug>';
export const WORKSPACE_HELP = 'the workspace (default: "default"; the demo\'s is "demo")';
