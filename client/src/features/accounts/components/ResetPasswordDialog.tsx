import { useState } from 'react';
import { ConfirmDialog, Dialog } from '../../../components/Dialog';
import { useApiMutation } from '../../../lib/query';
import { resetPassword, type AdminAccount, type PasswordReset } from '../api/accountsApi';

/**
 * An admin resets an account's password: a confirmation, then the one-time password shown this
 * once (the account's sessions have ended; its next sign-in must choose a new password).
 */
export function ResetPasswordDialog({ account, onClose }: { account: AdminAccount | undefined; onClose: () => void }) {
  const reset = useApiMutation(resetPassword);
  const [done, setDone] = useState<(PasswordReset & { email: string }) | undefined>(undefined);

  const confirm = async () => {
    if (!account) return;
    const result = await reset.run(account.id);
    if (result) setDone({ email: account.email, ...result });
  };
  const close = () => {
    reset.reset();
    setDone(undefined);
    onClose();
  };

  if (done) {
    return (
      <Dialog
        open
        title={`Password of ${done.email} reset`}
        onClose={close}
        data-testid="reset-password-done"
        footer={
          <button type="button" className="button button--primary" onClick={close}>
            I have passed it on
          </button>
        }
      >
        <div className="banner banner--warning">
          <strong>Give this one-time password to its owner now.</strong> It is shown only this once. At their next sign-in they must choose a new password.
        </div>
        <div className="secret">
          <code className="secret__value" data-testid="one-time-password">
            {done.oneTimePassword}
          </code>
        </div>
        <p className="muted">{done.sessionsEnded === 1 ? '1 session was' : `${done.sessionsEnded} sessions were`} signed out.</p>
      </Dialog>
    );
  }
  return (
    <ConfirmDialog
      open={account !== undefined}
      title="Reset password?"
      confirmLabel="Reset password"
      danger
      pending={reset.isPending}
      error={
        reset.error && (
          <p className="form-error" role="alert">
            {reset.error.message}
          </p>
        )
      }
      onConfirm={() => void confirm()}
      onCancel={close}
    >
      <p>{`${account?.email ?? ''} will be signed out everywhere, and can sign in only with the one-time password shown next, choosing a new password then.`}</p>
    </ConfirmDialog>
  );
}
