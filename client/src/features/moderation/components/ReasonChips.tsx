import { REASON_LABEL } from '../api/moderationApi';

export function ReasonChips({ reasons }: { reasons: string[] }) {
  return (
    <span className="chips">
      {reasons.map((reason) => (
        <span key={reason} className={`chip chip--${reason}`}>
          {REASON_LABEL[reason] ?? reason}
        </span>
      ))}
    </span>
  );
}
