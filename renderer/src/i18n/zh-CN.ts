// The source dictionary of the strings that belong to no feature (shell, login, player reasons). Features keep their
// own tables; app/dictionaries.ts merges them. Other languages must have exactly these keys (enforced by the type of
// `en` and by app/dictionaries.test.ts). Placeholders are written {name}.
import { reasonZhCN } from './reason-strings';

export const zhCN = {
  'app.title': '县域视频指挥平台',
  'app.loading': '正在加载…',

  'lang.label': '语言',
  'lang.zh-CN': '中文',
  'lang.en': 'EN',

  'topbar.user': '当前用户：{name}（{role}）',
  'topbar.logout': '退出登录',
  'topbar.layout': '画面布局',
  'topbar.layoutN': '{n} 画面',
  'topbar.online': '在线 {online} / {total}',

  'role.admin': '系统管理员',
  'role.county-operator': '指挥大厅值班员',
  'role.township-officer': '乡镇值班员',
  'role.technician': '运维技术员',
  'role.viewer': '查看员',

  'login.title': '用户登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.submitting': '正在登录…',
  'login.failed': '用户名或密码错误',
  'login.error': '登录失败：{message}',
  'login.required': '请输入用户名和密码',

  'session.checking': '正在检查登录状态…',
  'session.expired': '登录已失效，请重新登录',

  'gateway.unreachable': '与网关的连接异常：{message}',
  'gateway.network': '无法连接到网关',

  'tree.title': '监控点位',
  'tree.search': '搜索点位或区域',
  'tree.clearSearch': '清除搜索',
  'tree.empty': '没有匹配的点位',
  'tree.loading': '正在加载点位…',
  'tree.other': '未归属区域',
  'tree.countTitle': '在线 {online} / 共 {total}',
  'tree.expand': '展开',
  'tree.collapse': '收起',
  'tree.cameraTitle': '{name}（{status}）— 单击或拖到画面播放',

  'camera.status.online': '在线',
  'camera.status.offline': '离线',
  'camera.status.unknown': '未知',

  'wall.label': '视频墙',

  'tile.live': '直播',
  'tile.connecting': '连接中',
  'tile.reconnecting': '重连中',
  'tile.offline': '离线',
  'tile.empty': '单击或拖入左侧点位播放',
  'tile.latency': '延迟 {seconds} 秒',
  'tile.lagging': '滞后',
  'tile.behind': '落后实时 {seconds} 秒',
  'tile.frameAge': '最新画面 {seconds} 秒前',
  'tile.close': '关闭画面',
  'tile.hint': '双击放大 / 还原；拖动可交换画面',
  'tile.profile.main': '主码流',
  'tile.profile.sub': '子码流',
  'tile.subForCapacity': '转码路数已满，主码流暂不可看，改播子码流',
  'tile.stream.menu': '码流选择',
  'tile.stream.auto': '自动',
  'tile.stream.main': '主码流',
  'tile.stream.sub': '子码流',
  'tile.unknownCamera': '点位 {id}',
  'tile.authStopped': '认证失败，已停止重试',
  'tile.retry': '重试',
  'tile.audioOn': '打开声音',
  'tile.audioOff': '关闭声音',

  'reason.frozen': '画面停止更新',
  'reason.unsupported': '当前浏览器不支持 HLS 播放',
  'reason.network': '网络错误',
  'reason.media': '解码错误',
  'reason.noPipeline': '等待取流',

  'date.input.date': '如 2026-12-07',
  'date.input.dateTime': '如 2026-12-07 08:00',
  'date.input.invalid': '无法识别的日期，请按示例格式填写',

  ...reasonZhCN,
} as const;

export type { MessageKey } from './messages';
