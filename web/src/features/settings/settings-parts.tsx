import type { ReactNode } from 'react';
import type { Feedback } from './use-action.ts';

/** The outcome line of a section's last action; errors are announced at once. */
export function FeedbackLine({ feedback, testId }: { feedback: Feedback; testId: string }) {
  return (
    <p
      className={feedback ? `form-feedback ${feedback.kind}` : 'form-feedback'}
      role={feedback?.kind === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      {feedback?.text ?? ''}
    </p>
  );
}

/** Says why a control is missing: the current role may not use it. */
export function RoleNote({ children }: { children: ReactNode }) {
  return (
    <p className="role-note muted small" data-testid="role-note">
      {children}
    </p>
  );
}
