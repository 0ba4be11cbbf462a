import { useEffect, useState } from 'react';
import { Dialog } from '../../../components/Dialog';

type CopyState = 'idle' | 'copied' | 'failed';

/** Shows a new key the one time the server returns it, with a copy button. */
export function ApiKeyOnceDialog({ apiKey, name, onClose }: { apiKey: string | undefined; name: string; onClose: () => void }) {
  const [copy, setCopy] = useState<CopyState>('idle');
  useEffect(() => setCopy('idle'), [apiKey]);

  const onCopy = async () => {
    if (!apiKey) return;
    try {
      await navigator.clipboard.writeText(apiKey);
      setCopy('copied');
    } catch {
      // Clipboard access needs a secure context and permission; the key stays selectable.
      setCopy('failed');
    }
  };

  return (
    <Dialog
      open={apiKey !== undefined}
      title={`API key “${name}” created`}
      onClose={onClose}
      footer={
        <button type="button" className="button button--primary" onClick={onClose}>
          I have saved the key
        </button>
      }
    >
      <div className="banner banner--warning">
        <strong>Copy this key now.</strong> It is shown only this once; the console keeps only its prefix. If it is lost, revoke it and create a new one.
      </div>
      <div className="secret">
        <code className="secret__value" data-testid="api-key-once">
          {apiKey}
        </code>
        <button type="button" className="button" onClick={() => void onCopy()} data-testid="api-key-copy">
          {copy === 'copied' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className="muted" role="status">
        {copy === 'copied' && 'Copied to the clipboard.'}
        {copy === 'failed' && 'Could not use the clipboard here; select the key and copy it by hand.'}
      </p>
    </Dialog>
  );
}
