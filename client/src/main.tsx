import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles/base.css';
import './styles/shell.css';
import './styles/components.css';
import './styles/tables.css';
import './styles/states.css';
import './styles/narrow.css';
import './styles/forms.css';
import './styles/admin.css';
import './styles/alerting.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
