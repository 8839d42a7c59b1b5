/**
 * Script of the local first-start setup page (bundled to setup.js). Asks for the gateway address and hands it to
 * the shell through `window.desktop.setup.submitGateway`; the shell validates it, checks the gateway answers and
 * then opens the console. Text only through textContent; no inline script (the page's CSP forbids it).
 */
import type { DesktopApi, SetGatewayResult } from '../../contracts/src/desktop-api';

declare global {
  interface Window {
    desktop?: DesktopApi;
  }
}

const zh = navigator.language.toLowerCase().startsWith('zh');
const t = zh
  ? {
      title: '连接视频网关',
      intro: '未在本机找到视频网关。请输入网关地址（可向管理员索取），例如 https://192.168.1.10:8443。',
      label: '网关地址',
      connect: '连接',
      checking: '正在检查网关……',
      connected: '已连接，正在打开控制台……',
      invalid: '地址无效：',
      unreachable: '无法连接网关：',
      failed: '出错：',
      noShell: '此页面只能在桌面控制台中使用。',
    }
  : {
      title: 'Connect to the video gateway',
      intro: 'No video gateway was found on this computer. Enter the gateway address (ask your administrator), e.g. https://192.168.1.10:8443.',
      label: 'Gateway address',
      connect: 'Connect',
      checking: 'Checking the gateway…',
      connected: 'Connected, opening the console…',
      invalid: 'Invalid address: ',
      unreachable: 'The gateway does not answer: ',
      failed: 'Error: ',
      noShell: 'This page only works inside the desktop console.',
    };

function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`setup page: #${id} missing`);
  return element as T;
}

function describe(result: SetGatewayResult): string {
  if (result.ok) return t.connected;
  if (result.reason === 'invalid-url') return t.invalid + result.message;
  if (result.reason === 'unreachable') return t.unreachable + result.message;
  return t.failed + result.message;
}

function init(): void {
  document.documentElement.lang = zh ? 'zh-CN' : 'en';
  document.title = t.title;
  byId('heading').textContent = t.title;
  byId('intro').textContent = t.intro;
  byId('label').textContent = t.label;
  const button = byId<HTMLButtonElement>('connect');
  button.textContent = t.connect;
  const input = byId<HTMLInputElement>('address');
  const status = byId('status');
  const show = (text: string, error: boolean) => {
    status.textContent = text;
    status.classList.toggle('error', error);
  };
  const desktop = window.desktop;
  if (!desktop) {
    show(t.noShell, true);
    button.disabled = true;
    return;
  }
  input.focus();
  byId<HTMLFormElement>('form').addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    show(t.checking, false);
    desktop.setup
      .submitGateway(input.value)
      .then((result) => show(describe(result), !result.ok))
      .catch((err: unknown) => show(t.failed + String((err as Error)?.message ?? err), true))
      .finally(() => {
        button.disabled = false;
      });
  });
}

init();
