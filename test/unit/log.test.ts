// Control characters from callers never reach the log raw (issue 17): messages and values are
// written with \u escapes, C1 included (JSON escapes only C0), so a line cannot be forged or the
// terminal recoloured through the pretty printer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger, escapeControl } from '../../server/log.js';

test('escapeControl writes C0, DEL, C1 and line separators as \\u escapes and keeps the rest', () => {
  assert.equal(escapeControl('a\u001b[31mb\nc\u0085d\u2028é'), 'a\\u001b[31mb\\u000ac\\u0085d\\u2028é');
});

test('the logger escapes messages and string values (nested ones too)', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const log = createLogger({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' }, sink);
  log.info({ email: 'x\u009b2Jy', nested: { route: '/a\rb' } }, 'login failed for \u001b[2Jroot\nFAKE LINE');
  const out = JSON.parse(lines[0]!);
  assert.equal(out.msg, 'login failed for \\u001b[2Jroot\\u000aFAKE LINE');
  assert.equal(out.email, 'x\\u009b2Jy');
  assert.equal(out.nested.route, '/a\\u000db');
});
