// How the console signs in, from GET /api/console/config: the API-key dialog of api.js (auth mode
// api-key, the local profile) or, in entra mode, an Entra ID sign-in with MSAL (authorization code
// with PKCE, vendored @azure/msal-browser) whose access token goes in the Authorization header.
import { api, useCredentials } from './api.js';

let config = { auth: { mode: 'api-key' }, basemap_url: '' };

/** The console's configuration (auth mode, basemap URL), read once at start. */
export function consoleConfig() {
  return config;
}

export async function startAuth() {
  config = await api('/api/console/config');
  document.documentElement.dataset.authMode = config.auth.mode;
  if (config.auth.mode === 'entra') await useEntra(config.auth.entra);
}

async function useEntra(entra) {
  await loadScript('vendor/msal/msal-browser.min.js');
  const client = new window.msal.PublicClientApplication({
    auth: { clientId: entra.client_id, authority: entra.authority, redirectUri: new URL('./', location.href).href },
    cache: { cacheLocation: 'sessionStorage' },
  });
  await client.initialize();
  const redirected = await client.handleRedirectPromise();
  let account = (redirected && redirected.account) || client.getAllAccounts()[0] || null;
  let token = redirected ? redirected.accessToken : null;
  const request = () => ({ scopes: entra.scopes, account });

  async function obtain() {
    try {
      if (!account) {
        const login = await client.loginPopup({ scopes: entra.scopes });
        account = login.account;
      }
      token = (await client.acquireTokenSilent(request())).accessToken;
    } catch (silentFailed) {
      try {
        const result = await client.acquireTokenPopup(request());
        account = result.account;
        token = result.accessToken;
      } catch (cancelled) {
        return false;
      }
    }
    useCredentials(provider);
    return Boolean(token);
  }

  const provider = {
    headers: () => (token ? { Authorization: `Bearer ${token}` } : {}),
    obtain,
    describe: () => (account ? `signed in as ${account.username}` : 'not signed in (Entra ID)'),
  };
  useCredentials(provider);
  if (account && !token) {
    try {
      token = (await client.acquireTokenSilent(request())).accessToken;
      useCredentials(provider);
    } catch (notSilently) {
      // signing in again waits for the first write that needs it
    }
  }
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${src} is missing: run scripts/vendor-console`));
    document.head.append(script);
  });
}
