import { useState, type FormEvent } from 'react';
import { Card } from '../../../components/Card';
import { FormField } from '../../../components/FormField';
import { PageHeader } from '../../../components/PageHeader';
import { useApiMutation } from '../../../lib/query';
import { changePassword, MIN_PASSWORD_LENGTH as MIN_PASSWORD } from '../api/authApi';
import { useAccount } from '../hooks/useAuth';

/** The signed-in account's own page: change the password (the current one is required; other sessions end). */
export function AccountPage() {
  const account = useAccount();
  const change = useApiMutation(changePassword);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [done, setDone] = useState<number | undefined>(undefined);
  const [touched, setTouched] = useState(false);

  const nextError = touched && next.length < MIN_PASSWORD ? `At least ${MIN_PASSWORD} characters.` : undefined;
  const againError = touched && again !== next ? 'The two new passwords differ.' : undefined;
  const field = (change.error?.details as { field?: string } | undefined)?.field;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTouched(true);
    setDone(undefined);
    if (next.length < MIN_PASSWORD || again !== next || change.isPending) return;
    const result = await change.run({ currentPassword: current, newPassword: next });
    if (result) {
      setDone(result.otherSessionsEnded);
      setCurrent('');
      setNext('');
      setAgain('');
      setTouched(false);
    }
  };

  return (
    <div className="page" data-testid="account-page">
      <title>Your account · Pulse Console</title>
      <PageHeader title="Your account" description={`Signed in as ${account.email} (${account.role}).`} />
      <Card title="Change password">
        <form className="form card__body" onSubmit={onSubmit} noValidate data-testid="password-form">
          {done !== undefined && (
            <p className="form-success" role="status" data-testid="password-changed">
              Password changed. {done === 1 ? '1 other session was' : `${done} other sessions were`} signed out.
            </p>
          )}
          {change.error && !field && (
            <p className="form-error" role="alert">
              {change.error.message}
            </p>
          )}
          <FormField id="current-password" label="Current password" error={field === 'currentPassword' ? change.error?.message : undefined}>
            {(props) => (
              <input
                {...props}
                className="input"
                type="password"
                autoComplete="current-password"
                value={current}
                onChange={(e) => setCurrent(e.target.value)}
              />
            )}
          </FormField>
          <FormField
            id="new-password"
            label="New password"
            hint={`${MIN_PASSWORD} characters or more.`}
            error={nextError ?? (field === 'newPassword' ? change.error?.message : undefined)}
          >
            {(props) => (
              <input {...props} className="input" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
            )}
          </FormField>
          <FormField id="new-password-again" label="New password again" error={againError}>
            {(props) => (
              <input {...props} className="input" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
            )}
          </FormField>
          <p className="muted">Your other sessions (other browsers and devices) are signed out; this one stays.</p>
          <button type="submit" className="button button--primary" disabled={change.isPending}>
            {change.isPending ? 'Changing…' : 'Change password'}
          </button>
        </form>
      </Card>
    </div>
  );
}
