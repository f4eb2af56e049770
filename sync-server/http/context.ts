/** What every request handler can reach: the server's dependencies and the signed-in user. */

import type { SessionUser } from "../auth/sessions";
import type { Config } from "../config";
import type { Db, DbKind } from "../db/database";
import type { Mailer } from "../email/mailer";
import type { Logger } from "../log";
import type { SyncHub } from "../sync/hub";

export interface Deps {
  db: Db;
  dbKind: DbKind;
  config: Config;
  log: Logger;
  mailer: Mailer;
  hub: SyncHub;
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    requestId: string;
    log: Logger;
    /** Set by the authenticate middleware when the request carries a valid session. */
    user: SessionUser | undefined;
    sessionId: string | undefined;
  };
}
