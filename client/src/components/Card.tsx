import { useId, type HTMLAttributes, type ReactNode } from 'react';

interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title: ReactNode;
  /** Right side of the header: a badge, a count, a button. */
  actions?: ReactNode;
  /** Under the body, e.g. a total. */
  footer?: ReactNode;
  /** Body without padding, for tables that run edge to edge. */
  flush?: boolean;
  children: ReactNode;
}

export function Card({ title, actions, footer, flush = false, children, className, ...rest }: CardProps) {
  const titleId = useId();
  return (
    <section className={['card', className].filter(Boolean).join(' ')} aria-labelledby={titleId} {...rest}>
      <header className="card__header">
        <h2 className="card__title" id={titleId}>
          {title}
        </h2>
        {actions !== undefined && <div className="card__actions">{actions}</div>}
      </header>
      <div className={flush ? 'card__body card__body--flush' : 'card__body'}>{children}</div>
      {footer !== undefined && <footer className="card__footer">{footer}</footer>}
    </section>
  );
}
