// Strings of 待我处理 (the top bar's to-do badge, its notices and the incident list's filter), in a table of their own.
export const incidentTodoZhCN = {
  'todo.badge': '待我处理',
  'todo.badge.title': '{count} 件事件等待您处理，点击查看',
  'todo.notices': '待办提示',
  'todo.notice.new': '新的待处理事件 {code}：{title}',
  'todo.notice.supervised': '待处理事件 {code} 已被督办：{title}',
  'todo.notice.open': '查看',
  'todo.notice.dismiss': '关闭提示',
  'incidents.filter.todo': '待我处理',
} as const;

export const incidentTodoEn: Record<keyof typeof incidentTodoZhCN, string> = {
  'todo.badge': 'My to-do',
  'todo.badge.title': '{count} incidents wait for your action; click to see them',
  'todo.notices': 'To-do notices',
  'todo.notice.new': 'New incident for you {code}: {title}',
  'todo.notice.supervised': 'Incident {code} waiting for you is supervised: {title}',
  'todo.notice.open': 'Open',
  'todo.notice.dismiss': 'Dismiss',
  'incidents.filter.todo': 'Waiting for me',
};
