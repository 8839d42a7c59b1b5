/** The few strings the main process shows itself (dialogs, window titles), in zh-CN first and en. */
export type Locale = 'zh-CN' | 'en';

export function pickLocale(systemLocale: string): Locale {
  return systemLocale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

const zhCN = {
  productName: '县域视频指挥平台',
  setupTitle: '连接视频网关',
  wallTitle: (n: number) => `视频墙 ${n}`,
  alarmWindowTitle: '告警窗口',
  trust: '信任并连接',
  cancel: '取消',
  quit: '退出',
  switchNow: '切换并重启',
  firstUseTitle: '首次连接此网关',
  firstUseMessage: (origin: string) => `网关 ${origin} 使用自签名证书。请向管理员核对证书指纹，一致后再信任。`,
  fingerprint: (fp: string) => `SHA-256 指纹：\n${fp}`,
  mismatchTitle: '网关证书已变更',
  mismatchMessage: (origin: string) => `网关 ${origin} 出示的证书与首次连接时记录的不一致，可能有人冒充网关。已停止连接。`,
  mismatchDetail: (pinned: string, presented: string) =>
    `记录的指纹：\n${pinned}\n\n当前出示的指纹：\n${presented}\n\n如确认网关已重新安装，请与管理员核对新指纹后，以 --forget-certificate 参数启动一次控制台。`,
  switchTitle: '切换视频网关',
  switchMessage: (origin: string) => `将控制台切换到网关 ${origin}？控制台将重新启动。`,
  badSwitchTitle: '网关地址无效',
};

const en: typeof zhCN = {
  productName: 'County Video Command Console',
  setupTitle: 'Connect to the video gateway',
  wallTitle: (n) => `Video wall ${n}`,
  alarmWindowTitle: 'Alarm window',
  trust: 'Trust and connect',
  cancel: 'Cancel',
  quit: 'Quit',
  switchNow: 'Switch and restart',
  firstUseTitle: 'First connection to this gateway',
  firstUseMessage: (origin) => `The gateway ${origin} uses a self-signed certificate. Compare its fingerprint with the one your administrator gives you before trusting it.`,
  fingerprint: (fp) => `SHA-256 fingerprint:\n${fp}`,
  mismatchTitle: 'Gateway certificate changed',
  mismatchMessage: (origin) => `The gateway ${origin} presented a certificate that differs from the one pinned at the first connection; something may be impersonating it. The console will not connect.`,
  mismatchDetail: (pinned, presented) =>
    `Pinned fingerprint:\n${pinned}\n\nPresented fingerprint:\n${presented}\n\nIf the gateway was re-installed, verify the new fingerprint with your administrator, then start the console once with --forget-certificate.`,
  switchTitle: 'Switch video gateway',
  switchMessage: (origin) => `Switch the console to the gateway ${origin}? The console restarts.`,
  badSwitchTitle: 'Invalid gateway address',
};

export type Messages = typeof zhCN;

export function messagesFor(locale: Locale): Messages {
  return locale === 'zh-CN' ? zhCN : en;
}
