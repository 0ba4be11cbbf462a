// Outcome notices (docs/moderation.md#outcome-notices): when a case is decided, each reporter and
// the video's creator get an email. The templates are pure functions of what that person may
// know: a reporter learns what happened to the video they reported, never who made it; the
// creator learns what happened to their video and why, never who reported it (not even how many).
import type { Outcome } from './moderation.service.js';

export interface NoticeRecipient {
  role: 'creator' | 'reporter';
  userId: number;
  email: string;
  displayName: string;
  username: string;
  title: string;
  videoId: number;
}

export interface NoticeDecision {
  decisionId: number;
  caseId: number;
  outcome: Outcome;
  policyReason: string;
  /** A reversal: the outcome changed on a second look. */
  reversal: boolean;
}

export interface Notice {
  to: string[];
  subject: string;
  text: string;
  from?: string;
}

const POLICY: Record<string, string> = {
  no_violation: 'it does not break our Community Guidelines',
  spam: 'our rules on spam',
  nudity: 'our rules on nudity and sexual content',
  violence: 'our rules on violent content',
  hate: 'our rules on hate speech',
  harassment: 'our rules on harassment and bullying',
  self_harm: 'our rules on suicide and self-harm',
  misinformation: 'our rules on harmful misinformation',
  copyright: 'copyright law and our copyright rules',
  other: 'our Community Guidelines',
};

function policyText(reason: string): string {
  return POLICY[reason] ?? 'our Community Guidelines';
}

function greeting(r: NoticeRecipient): string {
  return `Hello ${r.displayName || r.username},`;
}

const SIGNATURE = ['', 'Thank you,', 'The Pulse Trust & Safety team', '', 'This is an automatic message; replies are not read.'];

/** What the reporter is told: the video (by title) and the outcome; nothing about its creator. */
export function reporterNotice(r: NoticeRecipient, d: NoticeDecision): Omit<Notice, 'from'> {
  const what: Record<Outcome, string> = {
    remove: `We removed the video: it breaks ${policyText(d.policyReason)}.`,
    age_restrict: `We restricted the video to adult viewers under ${policyText(d.policyReason)}.`,
    dismiss: 'We reviewed the video and found that it does not break our Community Guidelines, so it stays up.',
    escalate: 'The video is with a senior reviewer.',
  };
  return {
    to: [r.email],
    subject: d.reversal ? 'Update on a video you reported' : 'We reviewed a video you reported',
    text: [
      greeting(r),
      '',
      `You reported the video “${r.title}”. ${d.reversal ? 'We looked at it again and changed our decision. ' : ''}${what[d.outcome]}`,
      '',
      'Reports like yours help keep Pulse safe. We do not tell anyone who reported a video.',
      ...SIGNATURE,
    ].join('\n'),
  };
}

/** What the creator is told: their video, the outcome and the policy; nothing about who reported it. */
export function creatorNotice(r: NoticeRecipient, d: NoticeDecision): Omit<Notice, 'from'> {
  const what: Record<Outcome, string> = {
    remove: `We removed your video because it breaks ${policyText(d.policyReason)}.`,
    age_restrict: `We restricted your video to adult viewers under ${policyText(d.policyReason)}.`,
    dismiss: 'We found that it does not break our Community Guidelines: it stays up as it was.',
    escalate: 'It is with a senior reviewer.',
  };
  return {
    to: [r.email],
    subject: d.reversal ? 'We changed our decision on your video' : 'A decision on your video',
    text: [
      greeting(r),
      '',
      `Your video “${r.title}” was reviewed after it was reported. ${d.reversal ? 'We looked at it again and changed our decision. ' : ''}${what[d.outcome]}`,
      ...(d.outcome === 'remove' || d.outcome === 'age_restrict'
        ? ['', 'If you think we made a mistake, you can appeal from the video’s page in the app.']
        : []),
      ...SIGNATURE,
    ].join('\n'),
  };
}

/** Every notice of a decision, with its outbox group key (one row per recipient and decision). */
export function noticesFor(recipients: NoticeRecipient[], d: NoticeDecision, from: string): { groupKey: string; payload: Notice }[] {
  if (d.outcome === 'escalate') return [];
  return recipients
    .filter((r) => r.email)
    .map((r) => ({
      groupKey: `moderation:decision:${d.decisionId}:${r.role}:${r.userId}`,
      payload: { ...(r.role === 'creator' ? creatorNotice(r, d) : reporterNotice(r, d)), from },
    }));
}
