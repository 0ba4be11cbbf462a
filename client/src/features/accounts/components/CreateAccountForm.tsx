import { useState, type FormEvent } from 'react';
import { Card } from '../../../components/Card';
import { FormField } from '../../../components/FormField';
import { fieldErrorsOf } from '../../../lib/api';
import { ROLES, type Role } from '../../auth/api/authApi';
import { MIN_PASSWORD_LENGTH } from '../api/accountsApi';
import { useCreateAccount } from '../hooks/useCreateAccount';

/** Advertiser ids are integers on the server; anything else goes as typed, for the server to refuse. */
function toAdvertiserId(value: string): number | string {
  const trimmed = value.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

const EMPTY = { email: '', password: '', role: 'analyst' as Role, advertiserId: '' };

/** Client-side checks mirror the server's, so the common mistakes answer without a round trip. */
function validate(values: typeof EMPTY): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.email.trim()) errors.email = 'Enter an email address.';
  if (values.password.length < MIN_PASSWORD_LENGTH) {
    errors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  }
  if (values.role === 'advertiser' && !values.advertiserId.trim()) {
    errors.advertiserId = 'An advertiser account needs its advertiser id.';
  }
  return errors;
}

/** The account list is asked again when an account is created (useCreateAccount). */
export function CreateAccountForm() {
  const [values, setValues] = useState(EMPTY);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<string | undefined>(undefined);
  const request = useCreateAccount();

  const serverErrors = fieldErrorsOf(request.error);
  if (request.error?.status === 409) serverErrors.email ??= request.error.message;
  if (request.error?.status === 422) serverErrors.advertiserId ??= request.error.message;
  const errors = { ...serverErrors, ...clientErrors };
  const fieldKeys = ['email', 'password', 'role', 'advertiserId'];
  const formError = request.error && !fieldKeys.some((key) => key in serverErrors) ? request.error.message : undefined;

  const set = <K extends keyof typeof EMPTY>(key: K, value: (typeof EMPTY)[K]) => {
    setValues((previous) => ({ ...previous, [key]: value }));
    setClientErrors((previous) => {
      const { [key]: _removed, ...rest } = previous;
      return rest;
    });
    setCreated(undefined);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validate(values);
    setClientErrors(found);
    request.reset();
    if (Object.keys(found).length > 0) return;
    const account = await request.run({
      email: values.email.trim(),
      password: values.password,
      role: values.role,
      ...(values.role === 'advertiser' ? { advertiserId: toAdvertiserId(values.advertiserId) } : {}),
    });
    if (account) {
      setValues(EMPTY);
      setCreated(account.email);
    }
  };

  return (
    <Card title="Create account">
      <form className="form" onSubmit={onSubmit} noValidate data-testid="create-account-form">
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        {created && (
          <p className="form-success" role="status">
            Created {created}.
          </p>
        )}
        <FormField id="account-email" label="Email" error={errors.email}>
          {(props) => (
            <input {...props} className="input" type="email" autoComplete="off" value={values.email} onChange={(event) => set('email', event.target.value)} />
          )}
        </FormField>
        <FormField
          id="account-password"
          label="Password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters. Share it with the person out of band.`}
          error={errors.password}
        >
          {(props) => (
            <input
              {...props}
              className="input"
              type="password"
              autoComplete="new-password"
              value={values.password}
              onChange={(event) => set('password', event.target.value)}
            />
          )}
        </FormField>
        <FormField id="account-role" label="Role" error={errors.role}>
          {(props) => (
            <select {...props} className="select" value={values.role} onChange={(event) => set('role', event.target.value as Role)}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {role}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {values.role === 'advertiser' && (
          <FormField id="account-advertiser" label="Advertiser id" hint="The advertiser whose campaigns this account may see." error={errors.advertiserId}>
            {(props) => (
              <input
                {...props}
                className="input"
                type="text"
                inputMode="numeric"
                autoComplete="off"
                value={values.advertiserId}
                onChange={(event) => set('advertiserId', event.target.value)}
              />
            )}
          </FormField>
        )}
        <button type="submit" className="button button--primary" disabled={request.isPending}>
          {request.isPending ? 'Creating…' : 'Create account'}
        </button>
      </form>
    </Card>
  );
}
