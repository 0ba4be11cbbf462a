import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Keeps the X-Request-Id of a trusted proxy (TRUST_PROXY set) when it is safe to log, otherwise
 * makes one; echoes it back. Without a trusted proxy the header is the client's own word, and it
 * would land in the logs and the audit log: ours is used instead.
 */
export function requestId(acceptGiven = false): RequestHandler {
  return (req, res, next) => {
    const given = acceptGiven ? req.get('x-request-id') : undefined;
    const id = given && SAFE_ID.test(given) ? given : randomUUID();
    (req as { id?: string }).id = id;
    res.setHeader('X-Request-Id', id);
    next();
  };
}
