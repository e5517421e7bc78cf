import { totalRequests, type SyncProgress } from '../jobs/sync-source.ts';

/**
 * Sync progress for a person: a redrawn one-line bar on a TTY, plain lines (at most one every few
 * seconds) when output goes to a file or CI log.
 */
export function createSyncProgressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  const tty = Boolean(stream.isTTY);
  let lastLine = 0;
  let lastPhase = '';
  const spinner = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
  let tick = 0;
  const describe = (p: SyncProgress) => {
    const requests = totalRequests(p);
    return `${p.repo} ${p.phase}: ${p.issuesSynced} issues, ${p.commentsSynced} comments, ${requests} requests${p.notModified ? ` (${p.notModified} not modified)` : ''}`;
  };
  return {
    update(progress: SyncProgress) {
      if (tty) {
        stream.write(`\r\x1b[2K${spinner[tick++ % spinner.length]} ${describe(progress)}`);
        return;
      }
      const now = Date.now();
      if (progress.phase !== lastPhase || now - lastLine > 3000) {
        lastPhase = progress.phase;
        lastLine = now;
        stream.write(`${describe(progress)}\n`);
      }
    },
    /** A transient status line: redrawn on a TTY, printed at most every few seconds otherwise. */
    note(message: string) {
      if (tty) {
        stream.write(`\r\x1b[2K${spinner[tick++ % spinner.length]} ${message}`);
        return;
      }
      const now = Date.now();
      if (now - lastLine > 3000) {
        lastLine = now;
        stream.write(`${message}\n`);
      }
    },
    done(message: string) {
      stream.write(tty ? `\r\x1b[2K${message}\n` : `${message}\n`);
    },
  };
}
