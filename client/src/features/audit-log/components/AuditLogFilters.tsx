import { useState, type FormEvent } from 'react';
import { FormField } from '../../../components/FormField';
import { zonedLocalToUtcIso } from '../../../lib/timezone';
import type { AuditLogQuery } from '../api/auditLogApi';

interface AuditLogFiltersProps {
  /** from/to are typed as wall-clock times in this IANA zone (the account's). */
  timezone: string;
  /** Actions seen so far, offered as suggestions. */
  knownActions: string[];
  onApply: (query: AuditLogQuery) => void;
}

const EMPTY = { actor: '', action: '', from: '', to: '' };

export function AuditLogFilters({ timezone, knownActions, onApply }: AuditLogFiltersProps) {
  const [values, setValues] = useState(EMPTY);
  const [error, setError] = useState<string | undefined>(undefined);

  const set = (key: keyof typeof EMPTY, value: string) => {
    setValues((previous) => ({ ...previous, [key]: value }));
    setError(undefined);
  };

  const apply = (next: typeof EMPTY) => {
    const from = next.from ? zonedLocalToUtcIso(next.from, timezone) : undefined;
    const to = next.to ? zonedLocalToUtcIso(next.to, timezone) : undefined;
    if ((next.from && !from) || (next.to && !to)) {
      setError('Enter the dates as a full date and time.');
      return;
    }
    if (from && to && from > to) {
      setError('“From” must be before “To”.');
      return;
    }
    onApply({ actor: next.actor.trim() || undefined, action: next.action.trim() || undefined, from, to });
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    apply(values);
  };

  const onClear = () => {
    setValues(EMPTY);
    setError(undefined);
    apply(EMPTY);
  };

  return (
    <form className="filters" onSubmit={onSubmit} data-testid="audit-filters">
      <div className="filters__row">
        <FormField id="audit-actor" label="Actor">
          {(props) => (
            <input
              {...props}
              className="input"
              type="text"
              placeholder="Email or account id"
              value={values.actor}
              onChange={(event) => set('actor', event.target.value)}
            />
          )}
        </FormField>
        <FormField id="audit-action" label="Action">
          {(props) => (
            <input
              {...props}
              className="input"
              type="text"
              list="audit-action-options"
              placeholder="e.g. account.create"
              value={values.action}
              onChange={(event) => set('action', event.target.value)}
            />
          )}
        </FormField>
        <datalist id="audit-action-options">
          {knownActions.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
        <FormField id="audit-from" label={`From (${timezone})`}>
          {(props) => <input {...props} className="input" type="datetime-local" value={values.from} onChange={(event) => set('from', event.target.value)} />}
        </FormField>
        <FormField id="audit-to" label={`To (${timezone})`}>
          {(props) => <input {...props} className="input" type="datetime-local" value={values.to} onChange={(event) => set('to', event.target.value)} />}
        </FormField>
        <div className="filters__buttons">
          <button type="submit" className="button button--primary">
            Apply
          </button>
          <button type="button" className="button" onClick={onClear}>
            Clear
          </button>
        </div>
      </div>
      <p className="field__hint">
        Dates are read in your account’s timezone, <strong>{timezone}</strong> (change it in the top bar); times in the table are shown in it too.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
