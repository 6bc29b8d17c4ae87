import { createServer, type Server } from 'node:http';
import { DemoPortalError } from './demo-portal-error.ts';
import { ExpiringMap } from './expiring-map.ts';
import { LogoutTokenVerifier } from './logout-token-verifier.ts';
import { createPageShell } from './page-layout.ts';
import type { LoginTransaction, PortalContext } from './portal-context.ts';
import { checkDemoPortalOptions, type DemoPortalOptions } from './portal-options.ts';
import { createPortalRouter } from './portal-router.ts';
import { PortalSessions } from './portal-sessions.ts';
import { createProviderLink } from './provider-link.ts';

export interface RunningDemoPortal {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Sign-ins in progress at once; more evict the oldest (a demo bound, not a capacity plan). */
const MAX_LOGIN_TRANSACTIONS = 1000;

const listen = (server: Server, options: DemoPortalOptions): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new DemoPortalError(
              `Port ${options.port} (demo portal ${options.id}) is already in use: stop what holds it or pick another port.`,
            )
          : error,
      ),
    );
    server.listen({ port: options.port, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : options.port);
    });
  });

/**
 * Starts one demo portal on 127.0.0.1. It answers at once; the provider is discovered on the first sign-in, so the
 * portal may start before the provider does.
 */
export const startDemoPortal = async (options: DemoPortalOptions): Promise<RunningDemoPortal> => {
  checkDemoPortalOptions(options);
  const write = options.log ?? (() => {});
  const log = (message: string) => write(`[demo-portal ${options.id}] ${message}`);
  let router: ReturnType<typeof createPortalRouter> | undefined;
  const server = createServer((req, res) => {
    if (!router) {
      res.writeHead(503).end();
      return;
    }
    void router(req, res);
  });
  const port = await listen(server, options);
  const url = `http://127.0.0.1:${port}`;
  const context: PortalContext = {
    options,
    portalUrl: url,
    secureCookies: false,
    // Cookies are shared by every port of a host: each portal's cookies carry its id so that two portals on
    // 127.0.0.1 keep separate sessions.
    cookieNames: { session: `${options.id}-session`, login: `${options.id}-login`, language: `${options.id}-lang` },
    provider: createProviderLink({
      issuer: options.issuer,
      clientId: options.clientId,
      privateJwk: options.privateJwk,
      log,
    }),
    shell: createPageShell(options.id, options.name, options.issuer),
    sessions: new PortalSessions(),
    logins: new ExpiringMap<LoginTransaction>({ maxEntries: MAX_LOGIN_TRANSACTIONS }),
    logoutTokens: new LogoutTokenVerifier({ clientId: options.clientId }),
    log,
  };
  router = createPortalRouter(context);
  log(`listening on ${url}`);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
