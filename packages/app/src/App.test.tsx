import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  const env = process.env;

  beforeEach(() => {
    process.env = {
      ...env,
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          context: 'test',
          data: {
            app: { title: 'GoLive', baseUrl: 'http://localhost:3000' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
        },
      ] as any,
    };
    // Without a backend, no earlier session exists and nothing is fetched.
    jest
      .spyOn(global, 'fetch')
      .mockRejectedValue(new TypeError('fetch failed'));
    jest.spyOn(console, 'warn').mockImplementation(() => {});
  });

  afterEach(() => {
    process.env = env;
    jest.restoreAllMocks();
  });

  it('opens on the GoLive sign-in page with guest sign-in only', async () => {
    render(App.createRoot());

    expect(
      await screen.findByRole('button', { name: 'Enter' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Sign in to GoLive')).toBeInTheDocument();
    expect(screen.queryByText('GitHub')).not.toBeInTheDocument();
  });
});
