import i18n, { i18nReady } from './i18n';
import './styles/base.css';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App, preloadRoute } from './App';
import { ME_KEY } from './api/auth';
import { ApiError, isUnauthorized } from './api/client';

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (err) => {
      // a session that expired mid-use: forget the user so the guards send them to /login
      if (isUnauthorized(err)) queryClient.setQueryData(ME_KEY, null);
    },
  }),
  defaultOptions: {
    queries: {
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// server texts (problem details, import reports) come in the request's language: fetch them again after a switch
i18n.on('languageChanged', () => void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' }));

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

// (a page whose chunk fails to load renders anyway: its route asks again and shows the error)
void Promise.all([i18nReady, preloadRoute(location.pathname).catch(() => {})]).then(() =>
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
