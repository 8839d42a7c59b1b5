// The to-do store on the shell's socket: it loads `?todo=true` when the socket subscribes afresh, applies `incidents`
// pushes, and the top bar's badge and the notice strip render what it holds, in Chinese.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { IncidentListResponse } from '../../../../contracts/src/incident';
import { DICTIONARIES } from '../../app/dictionaries';
import { I18nContext } from '../../i18n/i18n-context';
import { createTranslate } from '../../i18n/translate';
import { visibleTexts, zhLeaks } from '../../i18n/visible-text.test-util';
import { incident } from './incident-fixtures.test-util';
import { createIncidentTodoStore } from './incident-todo-store';
import { todoCount } from './incident-todo';
import { TodoBadge, TodoNotices } from './IncidentTodo';

const t = createTranslate('zh-CN', DICTIONARIES);
const waiting = (id: string, minute: number) => incident({ id, code: `2025-101-0000${id}`, title: '占道经营', state: 'dispatched', responsibleOrgUnitId: '141130101', updatedAt: new Date(Date.UTC(2025, 5, 1, 8, minute)).toISOString() });

describe('incident to-do store', () => {
  it('loads on a fresh subscription, counts pushes once, and renders the badge and a dismissable notice', async () => {
    const queries: string[] = [];
    const store = createIncidentTodoStore({
      api: { list: (q) => (queries.push(q), Promise.resolve<IncidentListResponse>({ items: [waiting('1', 0)], total: 1 })) },
      viewer: { role: 'township-officer', orgUnitId: '141130101' },
    });
    expect(store.wsOptions.extraTopics).toEqual(['incidents']);
    store.wsOptions.onSubscribed?.(false);
    expect(queries).toEqual([]);
    store.wsOptions.onSubscribed?.(true);
    await Promise.resolve();
    await Promise.resolve();
    expect(queries).toEqual(['todo=true&limit=500']);
    expect(todoCount(store.getSnapshot())).toBe(1);

    const event = (id: string, minute: number, seq: number) => ({ seq, topic: 'incidents', at: '', data: { action: 'dispatch', incident: waiting(id, minute) } });
    store.wsOptions.onTopicEvent?.(event('2', 1, 10));
    store.wsOptions.onTopicEvent?.(event('2', 1, 11)); // the same change pushed again (place and responsible unit)
    store.wsOptions.onTopicEvent?.({ seq: 12, topic: 'alarms', at: '', data: { action: 'dispatch', incident: waiting('3', 1) } });
    expect(todoCount(store.getSnapshot())).toBe(2);
    expect(store.getSnapshot().notices).toHaveLength(1);

    const html = renderToStaticMarkup(
      <I18nContext.Provider value={{ lang: 'zh-CN', t, setLang: () => undefined }}>
        <TodoBadge store={store} onOpen={() => undefined} />
        <TodoNotices store={store} onOpenIncident={() => undefined} />
      </I18nContext.Provider>,
    );
    expect(html).toContain('data-count="2"');
    const texts = visibleTexts(html);
    expect(texts).toContain('待我处理');
    expect(texts).toContain('新的待处理事件 2025-101-00002：占道经营');
    expect(texts.flatMap((x) => zhLeaks(x))).toEqual([]);

    store.dismiss(store.getSnapshot().notices[0]!.key);
    expect(store.getSnapshot().notices).toEqual([]);
    expect(todoCount(store.getSnapshot())).toBe(2);
    store.stop();
  });
});

describe('incident to-do store while polling', () => {
  it('reloads on a timer only while polling, and starts one timer however often it is told', async () => {
    vi.useFakeTimers();
    try {
      let loads = 0;
      const store = createIncidentTodoStore({ api: { list: () => (loads++, Promise.resolve<IncidentListResponse>({ items: [], total: 0 })) }, viewer: { role: 'township-officer', orgUnitId: '141130101' }, pollMs: 1000 });
      store.setPolling(true);
      store.setPolling(true);
      expect(loads).toBe(1);
      await vi.advanceTimersByTimeAsync(2500);
      expect(loads).toBe(3);
      store.setPolling(false);
      await vi.advanceTimersByTimeAsync(5000);
      expect(loads).toBe(3);
      store.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
