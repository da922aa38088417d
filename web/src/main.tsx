import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { i18nPreload } from './lib/i18n';
import './styles/base.css';
import './styles/services.css';

// The messages of an English user come first (their own chunk); a Dutch user waits for nothing.
void i18nPreload().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
