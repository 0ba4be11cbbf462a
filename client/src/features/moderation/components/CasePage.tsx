import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Card } from '../../../components/Card';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { RevealableVideo } from '../../../components/RevealableVideo';
import { LoadingRegion, SkeletonLines } from '../../../components/Skeleton';
import { formatDuration, formatMilliseconds, formatNumber } from '../../../lib/format';
import { useNow } from '../../../lib/useNow';
import { useAccount } from '../../auth/hooks/useAuth';
import { OUTCOME_LABEL, STATUS_LABEL, type CaseDetail, type Outcome } from '../api/moderationApi';
import { useClaimCase } from '../hooks/useClaimCase';
import { useDecideCase } from '../hooks/useDecideCase';
import { useModerationCase } from '../hooks/useModerationCase';
import { useQueueNeighbours } from '../hooks/useQueueNeighbours';
import { useReleaseCase } from '../hooks/useReleaseCase';
import { AccountActionForm, AccountActionList } from './AccountActions';
import { CaseStatusBadge } from './CaseStatusBadge';
import { CaseHistory, CreatorHistory } from './CaseHistory';
import { StandingBadge } from './StandingBadge';
import { CaseReports, ReasonBreakdown } from './CaseReports';
import { DecisionForm, type DecisionDraft } from './DecisionForm';
import { LeaseBadge } from './LeaseBadge';
import { ReasonChips } from './ReasonChips';
import { SlaBadge } from './SlaBadge';
import '../moderation.css';

const OUTCOME_KEYS: Record<string, Outcome> = { d: 'dismiss', r: 'remove', a: 'age_restrict', e: 'escalate' };
const EMPTY_DRAFT: DecisionDraft = { outcome: undefined, reason: '', note: '' };

const SHORTCUTS: [string, string][] = [
  ['j / k', 'next / previous case in the queue'],
  ['c', 'claim the case (or renew your lease)'],
  ['v', 'reveal or hide the media'],
  ['d r a e', 'choose dismiss, remove, age-restrict, escalate'],
  ['Enter', 'record the decision (in the form)'],
  ['?', 'show or hide this list'],
];

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

export function CasePage() {
  const { id } = useParams();
  const caseId = Number(id);
  if (!Number.isSafeInteger(caseId) || caseId <= 0) {
    return (
      <div className="page">
        <PageHeader title="Case" />
        <ErrorState title="No such case" error={`“${id}” is not a case number.`} />
      </div>
    );
  }
  return <CaseView key={caseId} caseId={caseId} />;
}

function CaseView({ caseId }: { caseId: number }) {
  const account = useAccount();
  const navigate = useNavigate();
  const now = useNow(1000);
  const detail = useModerationCase(caseId);
  const neighbours = useQueueNeighbours(caseId);
  const claim = useClaimCase();
  const release = useReleaseCase();
  const decide = useDecideCase(caseId);
  const [revealed, setRevealed] = useState(false);
  const [draft, setDraft] = useState<DecisionDraft>(EMPTY_DRAFT);
  const [done, setDone] = useState<string | undefined>(undefined);
  const [help, setHelp] = useState(false);
  const [accountDone, setAccountDone] = useState<string | undefined>(undefined);
  const reasonRef = useRef<HTMLSelectElement>(null);

  const data = detail.data;
  const c = data?.case;
  const mine = !!c && c.assigneeId === Number(account.id) && !!c.claimExpiresAt && Date.parse(c.claimExpiresAt) > now.getTime();
  const latest = data?.history[data.history.length - 1];
  const reversing = c?.status === 'resolved' ? latest?.id : undefined;
  const disabledReason = c?.status === 'escalated' && account.role !== 'admin' ? 'This case is escalated: an admin decides it.' : undefined;

  // Each mutation asks the case (and the queue) again when it succeeds (docs/client.md#invalidation-what-each-change-asks-again).
  const onClaim = async () => {
    await claim.run(caseId);
  };
  const onRelease = async () => {
    await release.run(caseId);
  };
  const onDecide = async () => {
    if (!c || !draft.outcome || !draft.reason) return;
    const out = await decide.run({
      outcome: draft.outcome,
      reason: draft.reason,
      note: draft.note || undefined,
      version: c.version,
      reversesDecisionId: reversing,
    });
    if (out) {
      setDone(`${OUTCOME_LABEL[out.decision.outcome]} recorded (decision #${out.decision.id}); the case is ${STATUS_LABEL[out.case.status].toLowerCase()}.`);
      setDraft(EMPTY_DRAFT);
    }
  };

  // Keyboard shortcuts (not while typing in a field, not with a modifier key).
  const latestRef = useRef({ onClaim, neighbours, setRevealed, help });
  latestRef.current = { onClaim, neighbours, setRevealed, help };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
      const { neighbours: n } = latestRef.current;
      const key = event.key;
      if (key === 'j' && n.next !== undefined) navigate(`/moderation/cases/${n.next}`);
      else if (key === 'k' && n.previous !== undefined) navigate(`/moderation/cases/${n.previous}`);
      else if (key === 'c') void latestRef.current.onClaim();
      else if (key === 'v') latestRef.current.setRevealed((r) => !r);
      else if (key === '?') setHelp((h) => !h);
      else if (OUTCOME_KEYS[key]) {
        setDraft((d) => ({ ...d, outcome: OUTCOME_KEYS[key] }));
        reasonRef.current?.focus();
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  if (!data || !c) {
    return (
      <div className="page">
        <PageHeader title={`Case ${caseId}`} />
        {detail.error ? (
          <ErrorState title="Could not load the case" error={detail.error} onRetry={detail.refetch} />
        ) : (
          <LoadingRegion label="Loading the case">
            <SkeletonLines lines={10} />
          </LoadingRegion>
        )}
      </div>
    );
  }

  return (
    <div className="page" data-testid="case-page">
      <nav className="breadcrumbs case-nav" aria-label="Case navigation">
        <Link to="/moderation">← Review queue</Link>
        <span className="muted">{neighbours.position ? `${neighbours.position} of ${neighbours.total} in the queue` : 'not in the unresolved queue'}</span>
        <button
          type="button"
          className="button button--small"
          disabled={neighbours.previous === undefined}
          onClick={() => navigate(`/moderation/cases/${neighbours.previous}`)}
        >
          Previous <kbd>k</kbd>
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={neighbours.next === undefined}
          onClick={() => navigate(`/moderation/cases/${neighbours.next}`)}
          data-testid="next-case"
        >
          Next <kbd>j</kbd>
        </button>
        <button type="button" className="button button--small button--ghost" onClick={() => setHelp((h) => !h)} aria-expanded={help}>
          Shortcuts <kbd>?</kbd>
        </button>
      </nav>
      <PageHeader
        title={c.title || `Video ${c.videoId}`}
        description={
          <span className="case-meta">
            <span className="mono">
              case {c.caseId} · video {c.videoId} · v{c.version}
            </span>
            <CaseStatusBadge status={c.status} />
            <SlaBadge dueAt={c.slaDueAt} resolvedAt={c.resolvedAt} now={now} />
            <span data-testid="case-priority">
              priority <strong>{formatNumber(c.priority, 2)}</strong>
              <span className="muted">
                {' '}
                ={' '}
                {Object.entries(c.priorityParts)
                  .map(([k, v]) => `${k} ${formatNumber(v, 2)}`)
                  .join(' + ')}
              </span>
            </span>
          </span>
        }
        actions={
          c.status !== 'resolved' && (
            <span className="case-claim" data-testid="case-claim">
              <LeaseBadge assigneeId={c.assigneeId} assigneeEmail={c.assigneeEmail} claimExpiresAt={c.claimExpiresAt} meId={Number(account.id)} now={now} />
              <button
                type="button"
                className={mine ? 'button' : 'button button--primary'}
                onClick={onClaim}
                disabled={claim.isPending || !!disabledReason}
                data-testid="claim-case"
              >
                {mine ? 'Renew lease' : 'Claim'} <kbd>c</kbd>
              </button>
              {mine && (
                <button type="button" className="button button--ghost" onClick={onRelease} disabled={release.isPending}>
                  Release
                </button>
              )}
            </span>
          )
        }
      />
      {help && (
        <Card title="Keyboard shortcuts" className="card--spaced" data-testid="shortcuts">
          <dl className="shortcuts">
            {SHORTCUTS.map(([k, what]) => (
              <div key={k}>
                <dt>
                  <kbd>{k}</kbd>
                </dt>
                <dd>{what}</dd>
              </div>
            ))}
          </dl>
        </Card>
      )}
      {claim.error && <ErrorState compact title="Could not claim the case" error={claim.error} />}
      {release.error && <ErrorState compact title="Could not release the case" error={release.error} />}
      {done && (
        <div className="banner banner--ok case-done" role="status" data-testid="decision-done">
          {done} {neighbours.next !== undefined && neighbours.next !== caseId && <Link to={`/moderation/cases/${neighbours.next}`}>Next case →</Link>}{' '}
          <Link to="/moderation">Back to the queue</Link>
        </div>
      )}
      <div className="case-layout">
        <div className="case-main">
          <Card title="Media" className="card--spaced">
            <RevealableVideo videoUrl={c.videoUrl} thumbnailUrl={c.thumbnailUrl} title={c.title} revealed={revealed} onReveal={setRevealed} />
            <VideoFacts c={c} />
          </Card>
          <Card
            title={`Reports (${formatNumber(c.reportCount)} from ${formatNumber(c.distinctReporters)} reporter${c.distinctReporters === 1 ? '' : 's'})`}
            flush
            className="card--spaced"
          >
            <div className="card__body">
              <ReasonBreakdown breakdown={data.reasonBreakdown} total={data.reports.length} />
            </div>
            <CaseReports reports={data.reports} timezone={account.timezone} />
          </Card>
        </div>
        <aside className="case-side">
          <Card title={reversing ? 'Reverse the decision' : 'Decision'} className="card--spaced">
            {!mine && c.status !== 'resolved' && !disabledReason && c.assigneeId !== null && (
              <p className="banner banner--warning">{c.assigneeEmail ?? 'Another moderator'} holds this case; your decision would be refused.</p>
            )}
            <DecisionForm
              ref={reasonRef}
              draft={draft}
              onChange={setDraft}
              onSubmit={onDecide}
              pending={decide.isPending}
              error={decide.error}
              reversing={reversing}
              disabledReason={disabledReason}
            />
          </Card>
          <Card title="Reach, last 24 h" className="card--spaced">
            <Reach reach={data.reach24h} />
          </Card>
          <Card
            title={
              <>
                Account: <Link to={`/users/${c.creatorId}`}>@{c.creatorUsername}</Link>
              </>
            }
            actions={<StandingBadge standing={data.creatorStanding} timezone={account.timezone} showActive />}
            className="card--spaced"
            data-testid="creator-account"
          >
            {accountDone && (
              <p className="banner banner--ok" role="status" data-testid="account-done">
                {accountDone}
              </p>
            )}
            <AccountActionForm
              userId={c.creatorId}
              username={c.creatorUsername}
              caseId={c.caseId}
              subject="creator"
              live={data.creatorActions.filter((a) => a.live)}
              timezone={account.timezone}
              onDone={setAccountDone}
            />
            <p className="muted account-actions__hint">To act on a reporter who abuses reporting, open their page from the reports list.</p>
          </Card>
          <Card title="History of this case" className="card--spaced">
            <CaseHistory history={data.history} timezone={account.timezone} />
            {data.caseActions.length > 0 && (
              <>
                <h3 className="history__heading">Account actions on this case</h3>
                <AccountActionList actions={data.caseActions} timezone={account.timezone} showUser />
              </>
            )}
          </Card>
          <Card title={`Earlier decisions on @${c.creatorUsername}`} className="card--spaced">
            <CreatorHistory items={data.creatorHistory} timezone={account.timezone} />
          </Card>
          <Card title={`Account actions on @${c.creatorUsername}`} className="card--spaced">
            <AccountActionList actions={data.creatorActions} timezone={account.timezone} />
          </Card>
        </aside>
      </div>
    </div>
  );
}

function VideoFacts({ c }: { c: CaseDetail['case'] }) {
  return (
    <dl className="facts case-facts">
      <div className="facts__row">
        <dt>Creator</dt>
        <dd>
          <Link to={`/users/${c.creatorId}`}>@{c.creatorUsername}</Link>
          {c.creatorStatus === 'banned' && <span className="text-warning"> (banned on the platform)</span>}
        </dd>
      </div>
      <div className="facts__row">
        <dt>Visibility</dt>
        <dd data-testid="video-visibility">{c.visibility.replace('_', '-')}</dd>
      </div>
      <div className="facts__row">
        <dt>Duration</dt>
        <dd>{formatMilliseconds(c.durationMs)}</dd>
      </div>
      <div className="facts__row">
        <dt>Reasons</dt>
        <dd>
          <ReasonChips reasons={c.reasons} />
        </dd>
      </div>
      <div className="facts__row">
        <dt>Reported</dt>
        <dd>
          first {formatDuration((Date.now() - Date.parse(c.oldestReportAt)) / 1000)} ago, last{' '}
          {formatDuration((Date.now() - Date.parse(c.lastReportedAt)) / 1000)} ago
        </dd>
      </div>
      {c.tags.length > 0 && (
        <div className="facts__row">
          <dt>Tags</dt>
          <dd>{c.tags.map((t) => `#${t}`).join(' ')}</dd>
        </div>
      )}
      {c.description && (
        <div className="facts__row">
          <dt>Description</dt>
          <dd>{c.description}</dd>
        </div>
      )}
    </dl>
  );
}

function Reach({ reach }: { reach: CaseDetail['reach24h'] }) {
  if (reach.error) return <p className="text-warning">{reach.error}</p>;
  return (
    <dl className="reach" data-testid="reach">
      <div>
        <dt>Views</dt>
        <dd>{formatNumber(reach.views)}</dd>
      </div>
      <div>
        <dt>Likes</dt>
        <dd>{formatNumber(reach.likes)}</dd>
      </div>
      <div>
        <dt>Comments</dt>
        <dd>{formatNumber(reach.comments)}</dd>
      </div>
      <div>
        <dt>Shares</dt>
        <dd>{formatNumber(reach.shares)}</dd>
      </div>
      <div>
        <dt>Watch time</dt>
        <dd>{reach.watchMs === 0 ? '0 s' : formatMilliseconds(reach.watchMs)}</dd>
      </div>
    </dl>
  );
}
