// Words for the timeline notes the gateway writes itself (contracts/src/incident-notes.ts). Spread into
// incident-strings.ts; zh-CN is the source.
export const incidentTextZhCN = {
  'incidents.note.fromAlarm': '由告警转入：{alarm}',
  'incidents.note.linkedAlarms': '关联告警：{alarms}',
  'incidents.note.dispatch': '转办至 {to}，办理期限 {deadline}',
  'incidents.note.category': '类别由 {from} 改为 {to}',
  'incidents.note.alarmUnknown': '一条告警',
  'incidents.note.withNote': '{line}：{note}',
} as const;

export const incidentTextEn: Record<keyof typeof incidentTextZhCN, string> = {
  'incidents.note.fromAlarm': 'Converted from alarm: {alarm}',
  'incidents.note.linkedAlarms': 'Linked alarms: {alarms}',
  'incidents.note.dispatch': 'Dispatched to {to}, deadline {deadline}',
  'incidents.note.category': 'Category changed from {from} to {to}',
  'incidents.note.alarmUnknown': 'an alarm',
  'incidents.note.withNote': '{line}: {note}',
};
