// Bounds on what one caller may cost the console (docs/hardening.md): how many requests it may
// run at once (ingest batches per API key, heavy queries per session) and how many it may make
// per minute (the whole API, per session, API key or address). In memory, per console: they
// protect this process's memory and pool, which is what a flood exhausts.
import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { TooManyRequestsError } from './errors.js';

/**
 * At most `perKey` running at once for one key (and `total` for all keys): past that the caller
 * is answered 429 with Retry-After at once, before any work (a queue would hold the bodies).
 */
export class ConcurrencyLimit {
  private readonly running = new Map<string, number>();
  private all = 0;

  constructor(
    private readonly perKey: number,
    private readonly what: string,
    private readonly total = Infinity,
    private readonly retryAfterSeconds = 2,
  ) {}

  /** A release function; throws 429 when the key (or everyone) is at the limit. */
  acquire(key: string): () => void {
    const n = this.running.get(key) ?? 0;
    if (n >= this.perKey) {
      throw new TooManyRequestsError(`At most ${this.perKey} ${this.what} at once; wait for one to finish.`, this.retryAfterSeconds);
    }
    if (this.all >= this.total) {
      throw new TooManyRequestsError(`The console is running ${this.total} ${this.what} already; try again shortly.`, this.retryAfterSeconds);
    }
    this.running.set(key, n + 1);
    this.all++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.all--;
      const left = (this.running.get(key) ?? 1) - 1;
      if (left > 0) this.running.set(key, left);
      else this.running.delete(key);
    };
  }

  /** Runs fn holding a slot of `key`. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const release = this.acquire(key);
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/**
 * Token buckets: `perMinute` requests a minute per key, with bursts of as many. Buckets idle for
 * a minute are full again and forgotten, so the map holds only the callers of the last minute
 * (bounded at `maxKeys`; past that the oldest are dropped).
 */
export class RateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes one token; answers 0 when allowed, else the seconds until one is back. */
  take(key: string): number {
    const now = this.now();
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(key);
    const tokens = b ? Math.min(this.perMinute, b.tokens + (now - b.at) * rate) : this.perMinute;
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return Math.max(1, Math.ceil((1 - tokens) / rate / 1000));
    }
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return 0;
  }
}

/** Who a request counts against: its session cookie, else its API key, else its address. */
export function callerKey(req: Request, sessionCookie: string): string {
  const cookie = cookieValue(req, sessionCookie);
  if (cookie) return `session:${digest(cookie)}`;
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? req.get('x-api-key');
  if (bearer) return `key:${digest(bearer)}`;
  return `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

const digest = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 22);

export interface RateLimits {
  sessionPerMinute: number;
  keyPerMinute: number;
  anonymousPerMinute: number;
}

/**
 * Requests per minute for the whole API, per session, per API key and per address without
 * either: 429 with Retry-After past them. Checked before anything touches a store.
 */
export function rateLimit(limits: RateLimits, sessionCookie: string): RequestHandler {
  const buckets = {
    session: new RateLimit(limits.sessionPerMinute),
    key: new RateLimit(limits.keyPerMinute),
    ip: new RateLimit(limits.anonymousPerMinute),
  };
  return (req, _res, next) => {
    const key = callerKey(req, sessionCookie);
    const kind = key.slice(0, key.indexOf(':')) as keyof typeof buckets;
    const wait = buckets[kind].take(key);
    if (wait === 0) return next();
    const who = kind === 'session' ? 'this session' : kind === 'key' ? 'this API key' : 'this address';
    next(new TooManyRequestsError(`Too many requests from ${who}: at most ${buckets[kind].perMinute} a minute.`, wait));
  };
}

/**
 * Heavy queries (dashboards, campaign reports and exports) one session may run at once: past
 * `perSession`, 429 with Retry-After before the request reaches a store. The slot is held until
 * the response is finished or the connection closed.
 */
export function heavyQueries(perSession: number, sessionCookie: string): RequestHandler {
  const limit = new ConcurrencyLimit(perSession, 'dashboard or report queries per session', Infinity, 1);
  return (req, res, next) => {
    let release: () => void;
    try {
      release = limit.acquire(callerKey(req, sessionCookie));
    } catch (err) {
      return next(err);
    }
    res.once('finish', release);
    res.once('close', release);
    next();
  };
}
