import { useSyncExternalStore } from 'react';
import { useT } from '../../i18n/use-t';
import type { IncidentTodoStore } from './incident-todo-store';
import { todoCount } from './incident-todo';
import './incident-todo.css';

const useTodo = (store: IncidentTodoStore) => useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);

/** The top bar's 待我处理 button: how many incidents wait for this user; a click opens the list filtered to them. */
export function TodoBadge({ store, onOpen }: { store: IncidentTodoStore; onOpen: () => void }) {
  const t = useT();
  const state = useTodo(store);
  const count = todoCount(state);
  return (
    <button type="button" className={count > 0 ? 'ghost todo-badge has-todo' : 'ghost todo-badge'} data-testid="todo-badge" data-count={state.loaded ? count : ''} title={t('todo.badge.title', { count })} onClick={onOpen}>
      {t('todo.badge')}
      <span className="todo-count" aria-hidden={!state.loaded}>
        {state.loaded ? count : '…'}
      </span>
    </button>
  );
}

/**
 * New to-do notices as a strip in the page's flow under the top bar: it pushes the work area down instead of lying
 * over it, so it never covers a control (the alarm dock keeps the right-hand side). Each stays until dismissed or
 * opened; the badge keeps the count either way.
 */
export function TodoNotices({ store, onOpenIncident }: { store: IncidentTodoStore; onOpenIncident: (incidentId: string) => void }) {
  const t = useT();
  const { notices } = useTodo(store);
  if (notices.length === 0) return null;
  return (
    <div className="todo-notices" role="status" aria-live="polite" aria-label={t('todo.notices')} data-testid="todo-notices">
      {notices.map((n) => (
        <div key={n.key} className={`todo-notice todo-notice-${n.kind}`} data-testid="todo-notice" data-incident-id={n.incidentId} data-kind={n.kind}>
          <span className="todo-notice-text">{t(n.kind === 'new' ? 'todo.notice.new' : 'todo.notice.supervised', { code: n.code, title: n.title })}</span>
          <button
            type="button"
            className="ghost"
            data-testid="todo-notice-open"
            onClick={() => {
              store.dismiss(n.key);
              onOpenIncident(n.incidentId);
            }}
          >
            {t('todo.notice.open')}
          </button>
          <button type="button" className="icon-button" data-testid="todo-notice-dismiss" aria-label={t('todo.notice.dismiss')} title={t('todo.notice.dismiss')} onClick={() => store.dismiss(n.key)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
