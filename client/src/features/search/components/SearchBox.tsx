import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Role } from '../../auth/api/authApi';
import { useAccount } from '../../auth/hooks/useAuth';
import type { SearchGroup, SearchResult } from '../api/searchApi';
import { useSearch } from '../hooks/useSearch';
import './search.css';

const GROUP_LABEL: Record<SearchGroup['kind'], string> = { videos: 'Videos', users: 'Users', campaigns: 'Campaigns', cases: 'Cases' };

interface Option {
  key: string;
  kind: SearchGroup['kind'];
  label: string;
  sub: string;
  /** Where Enter or a click goes; undefined when this role has no page for it. */
  href: string | undefined;
}

/** Video results open the video page for dashboard roles, its case for moderators. */
function videoHref(role: Role, v: { id: number; caseId: number | null }): string | undefined {
  if (role === 'admin' || role === 'oncall' || role === 'analyst') return `/videos/${v.id}`;
  return v.caseId ? `/moderation/cases/${v.caseId}` : undefined;
}

function optionsOf(result: SearchResult | undefined, role: Role): { kind: SearchGroup['kind']; options: Option[] }[] {
  if (!result) return [];
  return result.groups
    .filter((g) => g.items.length > 0)
    .map((g) => {
      switch (g.kind) {
        case 'videos':
          return {
            kind: g.kind,
            options: g.items.map((v) => ({
              key: `v${v.id}`,
              kind: g.kind,
              label: v.title || `Video ${v.id}`,
              sub: `video ${v.id} · @${v.creatorUsername}${v.caseId ? ` · case ${v.caseId}` : role === 'moderator' ? ' · no case' : ''}`,
              href: videoHref(role, v),
            })),
          };
        case 'users':
          return {
            kind: g.kind,
            options: g.items.map((u) => ({
              key: `u${u.id}`,
              kind: g.kind,
              label: `@${u.username}`,
              sub: [`user ${u.id}`, u.email, u.standing].filter(Boolean).join(' · '),
              href: `/users/${u.id}`,
            })),
          };
        case 'campaigns':
          return {
            kind: g.kind,
            options: g.items.map((c) => ({
              key: `c${c.id}`,
              kind: g.kind,
              label: c.name,
              sub: `campaign ${c.id} · ${c.advertiserName}`,
              href: `/campaigns/${c.id}`,
            })),
          };
        case 'cases':
          return {
            kind: g.kind,
            options: g.items.map((k) => ({
              key: `k${k.id}`,
              kind: g.kind,
              label: `Case ${k.id}: ${k.title || `video ${k.videoId}`}`,
              sub: k.status.replace('_', ' '),
              href: `/moderation/cases/${k.id}`,
            })),
          };
      }
    });
}

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/**
 * The header search (`/` focuses it): videos, users, campaigns and cases in groups, as the
 * signed-in role may see them; ↑/↓ move, Enter opens, Escape closes.
 */
export function SearchBox() {
  const account = useAccount();
  const navigate = useNavigate();
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
      event.preventDefault();
      inputRef.current?.focus();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const { result, loading, error } = useSearch(q);
  // A new answer starts at its first option.
  useEffect(() => setActive(0), [result]);

  const groups = useMemo(() => optionsOf(result, account.role), [result, account.role]);
  const flat = groups.flatMap((g) => g.options);
  const go = (o: Option | undefined) => {
    if (!o?.href) return;
    setOpen(false);
    setQ('');
    inputRef.current?.blur();
    navigate(o.href);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') setActive((a) => Math.min(flat.length - 1, a + 1));
    else if (event.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (event.key === 'Enter') go(flat[active]);
    else if (event.key === 'Escape') {
      setOpen(false);
      inputRef.current?.blur();
    } else return;
    event.preventDefault();
  };
  const shown = open && q.trim() !== '';
  const activeId = flat[active] ? `${listId}-${flat[active]!.key}` : undefined;
  let index = -1;
  return (
    <div className="search" data-testid="search">
      <label className="visually-hidden" htmlFor={`${listId}-input`}>
        Search
      </label>
      <input
        id={`${listId}-input`}
        ref={inputRef}
        className="input search__input"
        type="search"
        role="combobox"
        aria-expanded={shown}
        aria-controls={`${listId}-list`}
        aria-autocomplete="list"
        aria-activedescendant={shown ? activeId : undefined}
        placeholder="Search videos, users, campaigns, cases   ( / )"
        autoComplete="off"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        data-testid="search-input"
      />
      {shown && (
        <div className="search__panel" id={`${listId}-list`} role="listbox" aria-label="Search results" data-testid="search-results">
          {loading && !result && (
            <p className="search__state" role="status">
              Searching…
            </p>
          )}
          {error && (
            <p className="search__state text-warning" role="alert">
              Search failed: {error}
            </p>
          )}
          {!loading && !error && result && flat.length === 0 && (
            <p className="search__state" data-testid="search-empty">
              Nothing found for “{q.trim()}”.
            </p>
          )}
          {groups.map((g) => (
            <ul key={g.kind} className="search__group" role="group" aria-label={GROUP_LABEL[g.kind]} data-testid={`search-group-${g.kind}`}>
              <li className="search__group-label" role="presentation">
                {GROUP_LABEL[g.kind]}
              </li>
              {g.options.map((o) => {
                index += 1;
                const i = index;
                return (
                  <li
                    key={o.key}
                    id={`${listId}-${o.key}`}
                    role="option"
                    className="search__option"
                    aria-selected={i === active}
                    aria-disabled={!o.href}
                    onMouseDown={(e) => e.preventDefault()}
                    onMouseEnter={() => setActive(i)}
                    onClick={() => go(o)}
                  >
                    <span>{o.label}</span>
                    <span className="search__option-sub">{o.sub}</span>
                  </li>
                );
              })}
            </ul>
          ))}
        </div>
      )}
    </div>
  );
}
