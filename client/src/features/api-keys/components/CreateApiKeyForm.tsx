import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { Card } from '../../../components/Card';
import { FormField } from '../../../components/FormField';
import { fieldErrorsOf } from '../../../lib/api';
import { API_KEY_SCOPES, type ApiKeyScope, type CreatedApiKey } from '../api/apiKeysApi';
import { useCreateApiKey } from '../hooks/useCreateApiKey';

/** What each scope lets a key do; every scope of the contract needs its line (the type checks it). */
const SCOPE_HINTS: Record<ApiKeyScope, ReactNode> = {
  ingest: (
    <>
      Lets the key send events to <code>POST /api/v1/ingest/&lt;stream&gt;</code>.
    </>
  ),
};

export function CreateApiKeyForm({ onCreated }: { onCreated: (created: CreatedApiKey, name: string) => void }) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<readonly ApiKeyScope[]>(API_KEY_SCOPES);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const request = useCreateApiKey();

  const serverErrors = fieldErrorsOf(request.error);
  const errors = { ...serverErrors, ...clientErrors };
  const formError = request.error && !('name' in serverErrors) && !('scopes' in serverErrors) ? request.error.message : undefined;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = 'Name the key after what uses it, e.g. "platform-ingest-eu".';
    if (scopes.length === 0) found.scopes = 'Choose at least one scope.';
    setClientErrors(found);
    request.reset();
    if (Object.keys(found).length > 0) return;
    const created = await request.run({ name: name.trim(), scopes: [...scopes] });
    if (created) {
      onCreated(created, name.trim());
      setName('');
    }
  };

  return (
    <Card title="Create API key">
      <form className="form" onSubmit={onSubmit} noValidate data-testid="create-api-key-form">
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        <FormField id="api-key-name" label="Name" error={errors.name}>
          {(props) => (
            <input
              {...props}
              className="input"
              type="text"
              autoComplete="off"
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                setClientErrors({});
              }}
            />
          )}
        </FormField>
        <fieldset className={errors.scopes ? 'field field--invalid fieldset' : 'field fieldset'}>
          <legend className="field__label">Scopes</legend>
          {API_KEY_SCOPES.map((scope) => (
            <Fragment key={scope}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  checked={scopes.includes(scope)}
                  onChange={(event) => {
                    const on = event.target.checked;
                    setScopes((previous) => API_KEY_SCOPES.filter((s) => (s === scope ? on : previous.includes(s))));
                    setClientErrors({});
                  }}
                  aria-describedby={`api-key-scope-${scope}-hint`}
                />
                {scope}
              </label>
              <p className="field__hint" id={`api-key-scope-${scope}-hint`}>
                {SCOPE_HINTS[scope]}
              </p>
            </Fragment>
          ))}
          {errors.scopes && <p className="field__error">{errors.scopes}</p>}
        </fieldset>
        <button type="submit" className="button button--primary" disabled={request.isPending}>
          {request.isPending ? 'Creating…' : 'Create key'}
        </button>
      </form>
    </Card>
  );
}
