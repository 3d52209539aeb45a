import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/client.js';
import { App } from './app/app.js';
import './styles/tokens.css';
import './styles/app.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App api={new ApiClient()} storage={window.localStorage} />
    </StrictMode>,
  );
}
