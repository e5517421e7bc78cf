/** Says plainly that the data is canned, so nobody mistakes the demo for their real repositories. */
export function DemoBanner({ githubApiUrl }: { githubApiUrl: string }) {
  return (
    <div className="demo-banner" role="note" data-testid="demo-badge">
      <span className="demo-pill">Demo data</span>
      <span>
        These repositories and issues come from the bundled GitHub emulator (<code>{githubApiUrl}</code>), not
        from github.com.
      </span>
    </div>
  );
}
