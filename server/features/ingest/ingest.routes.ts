// POST /api/v1/ingest/<stream> (README#ingest-api, docs/architecture.md#api): an API key with the ingest scope (checked by
// mount() before the body is read: 401/403 first), then Content-Type and Content-Encoding (415),
// then the body with its limits (413), then per-line validation and storage.
import { zIngestAnswer } from '../../../contract/ingest.js';
import { route } from '../../http/route.js';
import { BadRequestError, NotFoundError } from '../../http/errors.js';
import { checkHeaders, readNdjsonBody } from './ingest.body.js';
import { STREAMS, type Stream } from './ingest.schemas.js';
import type { IngestService } from './ingest.service.js';
import type { ConcurrencyLimit } from '../../http/limits.js';

/** Printable ASCII without spaces, as Stripe and the IETF draft use it; at most 200 characters. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export function ingestRoutes(ingest: IngestService, batches: ConcurrencyLimit) {
  return [
    route({
      method: 'post',
      path: '/v1/ingest/:stream',
      summary:
        `Ingests an NDJSON batch (Content-Type: application/x-ndjson, optionally Content-Encoding gzip, deflate or br; at most 16 MiB as sent, 64 MiB decompressed and 100,000 lines) into one stream: ${STREAMS.join(', ')}. ` +
        'Each line is validated on its own; answers { stream, accepted, rejected, errors: [{ line, error, reason, field }], orphans, unchanged } (errors: the first INGEST_ANSWERED_ERRORS, then errorsOmitted and rejectedByReason). ' +
        'An API key runs at most INGEST_BATCHES_PER_KEY batches at once (429 with Retry-After). ' +
        'An Idempotency-Key header makes a retry count once (the first answer is replayed with Idempotent-Replayed: true).',
      access: { kind: 'apiKey', scope: 'ingest' },
      rawBody: {
        contentType: 'application/x-ndjson',
        description: 'One JSON object per line; the fields of each stream are its columns (README "Ingest API").',
      },
      response: zIngestAnswer,
      handler: async ({ req, res, params, apiKeyId }) => {
        const stream = params.stream as Stream;
        if (!(STREAMS as readonly string[]).includes(stream)) {
          throw new NotFoundError(`No ingest stream "${params.stream}": one of ${STREAMS.join(', ')}.`);
        }
        const key = req.get('idempotency-key');
        if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
          throw new BadRequestError('Idempotency-Key must be 1 to 200 printable ASCII characters without spaces.');
        }
        checkHeaders(req);
        // The slot is taken before the body is read: a key past its limit costs no memory (429).
        const { answer, replayed } = await batches.run(`key:${apiKeyId}`, async () => {
          const body = await readNdjsonBody(req);
          return ingest.ingest(stream, body, { idempotencyKey: key, apiKeyId, transport: 'http' });
        });
        res.setHeader('Cache-Control', 'no-store');
        if (key !== undefined) res.setHeader('Idempotent-Replayed', String(replayed));
        return answer;
      },
    }),
  ];
}
