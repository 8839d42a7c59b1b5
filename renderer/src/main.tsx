import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { DICTIONARIES } from './app/dictionaries';
import { I18nProvider } from './i18n/i18n-context';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

createRoot(root).render(
  <StrictMode>
    <I18nProvider dictionaries={DICTIONARIES}>
      <App />
    </I18nProvider>
  </StrictMode>,
);
