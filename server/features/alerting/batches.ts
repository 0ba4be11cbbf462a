// Rules that share a query (docs/alerting.md "Evaluation at scale"): a tick runs one query per
// store, query file and parameters, and each rule of the batch applies its own condition, labels
// and timing to the shared rows. A query file may also say that one of its parameters is a lower
// bound on one of its columns:
//
//   -- @fanout min_requests requests
//
// meaning "the rows for min_requests = v are exactly the rows whose `requests` is at least v". Then
// rules that differ only in that parameter share one run, with the smallest value, and each keeps
// the rows its own value would have given. The declaration is part of the reviewed file, beside
// the HAVING clause it describes; test/integration/alerting-fanout.test.ts checks each declaring
// file against separate runs.
import type { Rule } from './rules.js';
import type { QueryResult } from './series.js';

export interface Fanout {
  param: string;
  column: string;
}

const FANOUT = /^--\s*@fanout\s+([a-z_][a-z0-9_]*)\s+([a-z_][a-z0-9_]*)\s*$/im;

/** The `@fanout` declaration of a query file's text, if any. */
export function fanoutOf(text: string): Fanout | undefined {
  const m = FANOUT.exec(text);
  return m ? { param: m[1]!, column: m[2]! } : undefined;
}

export interface Batch {
  rules: Rule[];
  /** The parameters the batch's query runs with (the smallest bound of a fanned-out parameter). */
  params: Record<string, string | number>;
  fanout?: Fanout;
}

/** What makes two rules' queries the same query at one evaluation time (a fanned-out parameter left out). */
export function queryKey(rule: Pick<Rule, 'store' | 'query' | 'params'>, fanout?: Fanout): string {
  const params = Object.keys(rule.params)
    .filter((k) => k !== fanout?.param)
    .sort()
    .map((k) => [k, rule.params[k]]);
  return `${rule.store}:${rule.query}:${JSON.stringify(params)}`;
}

/** Rules grouped by queryKey, in first-seen order; `fanoutOf` answers a rule's query file's declaration. */
export function batchesOf(rules: Rule[], fanoutFor: (rule: Rule) => Fanout | undefined = () => undefined): Batch[] {
  const batches = new Map<string, Batch>();
  for (const r of rules) {
    const declared = fanoutFor(r);
    const fanout = declared && typeof r.params[declared.param] === 'number' ? declared : undefined;
    const k = queryKey(r, fanout);
    const b = batches.get(k);
    if (!b) batches.set(k, { rules: [r], params: { ...r.params }, ...(fanout ? { fanout } : {}) });
    else {
      b.rules.push(r);
      if (fanout) b.params[fanout.param] = Math.min(Number(b.params[fanout.param]), Number(r.params[fanout.param]));
    }
  }
  return [...batches.values()];
}

/** The rows of a batch's result that answer one of its rules (all of them unless fanned out). */
export function resultFor(batch: Batch, rule: Rule, result: QueryResult): QueryResult {
  const f = batch.fanout;
  if (!f || !result.ok || rule.params[f.param] === batch.params[f.param]) return result;
  const bound = Number(rule.params[f.param]);
  return { ok: true, rows: result.rows.filter((row) => Number(row[f.column]) >= bound) };
}
