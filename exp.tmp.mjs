import { Session } from 'chdb';
import fs from 'node:fs';
const dir = '/tmp/chl/expdb';
const s = new Session(dir);
const Q = `SELECT toString(event_id), ts, advertiser_id, campaign_id, user_id, cost, if(substring(region,1,1) IN ('=','+'), concat('''', region), region) FROM t WHERE advertiser_id = {a:UInt64} AND campaign_id = 1 ORDER BY ts, event_id`;
let t = performance.now();
try { fs.rmSync('/tmp/chl/out.csv'); } catch {}
await s.queryBindAsync(`INSERT INTO FUNCTION file('/tmp/chl/out.csv', 'CSV') ${Q}`, { a: 1 }, {});
console.log('file', (performance.now() - t).toFixed(0), 'ms', fs.statSync('/tmp/chl/out.csv').size);
t = performance.now();
let bytes = 0, chunks = 0;
for await (const c of s.queryStreamBind(Q, { a: 1 }, { format: 'CSV' })) { bytes += c.raw().length; chunks++; }
console.log('stream', (performance.now() - t).toFixed(0), 'ms', bytes, chunks, 'rss', process.memoryUsage().rss >> 20);
t = performance.now();
const s2 = new Session(dir); console.log('open', (performance.now() - t).toFixed(1), 'ms');
const ac = new AbortController();
t = performance.now(); let n = 0;
try { for await (const c of s2.queryStreamBind(Q, { a: 1 }, { format: 'CSV', signal: ac.signal })) { if (++n === 2) ac.abort(); } } catch (e) { console.log('abort:', e.name, e.message.slice(0, 80)); }
console.log('after abort', (performance.now() - t).toFixed(0), 'ms', n);
console.log(String(s.query(`SELECT query FROM system.processes`, 'CSV')));
// break early
t = performance.now(); n = 0;
for await (const c of s2.queryStreamBind(Q, { a: 1 }, { format: 'CSV' })) { if (++n === 2) break; }
console.log('after break', (performance.now() - t).toFixed(0), 'ms');
console.log(String(s.query(`SELECT query FROM system.processes`, 'CSV')));
t = performance.now(); s2.close(); console.log('close', (performance.now() - t).toFixed(1));
s.close();
