// Which videos a trending window must read exactly (docs/scale.md, "Trending"), from bounds alone.
//
// Each listed UTC day d of the window has its top videos with their views that day and θ_d, the
// views of its last entry: a video not on d's list had at most θ_d views on d. The window's parts
// on days without a valid list were grouped in full: the top rows give those videos' exact views
// there, E(v), and any other video had at most E_bound. So every video v has
//   lo(v) = Σ views on the lists of the days wholly inside the window + E(v) when known,
//   hi(v) = lo(v) + Σ θ_d over those days v is not listed on
//         + Σ over the window's partial days (its edges) of v's listed views, or θ_d
//         + E_bound when E(v) is not known,
// and a video on no list and not among the top rows has at most B = Σ θ_d + E_bound.
// (A partial day adds only to hi: the list holds the whole day's views, not the part's.)
// With L the `limit`-th largest lo: if L > B, no unseen video can be shown, and a seen video with
// hi < L is beaten by `limit` videos whose exact views are at least their lo ≥ L. The rest, S, are
// read exactly; their top `limit` is the answer if its last row still has more views than every
// bound left outside S (checked after the read, ties order by id).

export interface ListedDay {
  /** UTC midnight, epoch ms. */
  day: number;
  threshold: number;
}

export interface Decision {
  /** The videos to read exactly (S). */
  ids: number[];
  /** The most views any video outside S can have in the window. */
  bound: number;
  /** Videos seen on the lists or among the top rows. */
  candidates: number;
}

export function decide(
  window: { from: number; to: number },
  days: ListedDay[],
  listed: { day: number; videoId: number; views: number }[],
  top: { videoId: number; views: number }[],
  topAsked: number,
  limit: number,
): Decision | null {
  const DAY = 86_400_000;
  const whole = (d: number) => d >= window.from && d + DAY <= window.to;
  const eBound = top.length >= topAsked ? top[top.length - 1]!.views : 0;
  const known = new Map(top.map((t) => [t.videoId, t.views]));
  const thetas = new Map(days.map((d) => [d.day, d.threshold]));
  const thetaAll = days.reduce((s, d) => s + d.threshold, 0);
  // Per video: its lower bound and the sum of what its listed days can add beyond it.
  const seen = new Map<number, { lo: number; hi: number; onDays: Set<number> }>();
  const at = (v: number) => {
    let s = seen.get(v);
    if (!s) {
      const e = known.get(v);
      s = { lo: e ?? 0, hi: e ?? eBound, onDays: new Set() };
      seen.set(v, s);
    }
    return s;
  };
  for (const t of top) at(t.videoId);
  for (const r of listed) {
    if (!thetas.has(r.day)) continue;
    const s = at(r.videoId);
    s.onDays.add(r.day);
    if (whole(r.day)) s.lo += r.views;
    s.hi += r.views;
  }
  for (const s of seen.values()) for (const d of days) if (!s.onDays.has(d.day)) s.hi += d.threshold;
  const bound = thetaAll + eBound;
  const los = [...seen.values()].map((s) => s.lo).sort((a, b) => b - a);
  if (los.length < limit) return null;
  const L = los[limit - 1]!;
  if (!(L > bound)) return null;
  const ids: number[] = [];
  let outside = bound;
  for (const [v, s] of seen) {
    if (s.hi >= L) ids.push(v);
    else outside = Math.max(outside, s.hi);
  }
  return { ids, bound: outside, candidates: seen.size };
}
