import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: true }, mutations: { retry: false } },
});

// The first Intl formatter of a page loads the locale's data: done here, before the first paint,
// instead of in the middle of drawing the dashboard (a long task while the page should respond).
new Intl.DateTimeFormat(navigator.language, { hour: 'numeric', minute: '2-digit' }).format(0);
new Intl.NumberFormat(navigator.language, { style: 'currency', currency: 'USD' }).format(0);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
