import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { Request } from 'express';
import type { DatabaseRunStore } from '../database/DatabaseRunStore';
import type { RunRecord } from '../database/types';

/** What the route groups share: auth helpers over the services. */
export class RouteContext {
  private constructor(
    readonly httpAuth: HttpAuthService,
    readonly permissions: PermissionsService,
    readonly auditor: AuditorService,
    readonly runs: DatabaseRunStore,
    readonly logger: LoggerService,
  ) {}

  static create(options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    runs: DatabaseRunStore;
    logger: LoggerService;
  }) {
    return new RouteContext(
      options.httpAuth,
      options.permissions,
      options.auditor,
      options.runs,
      options.logger,
    );
  }

  credentials(req: Request) {
    return this.httpAuth.credentials(req, { allow: ['user', 'service'] });
  }

  /** Entity ref of a user, or `service:<subject>` for a service. */
  actorOf(credentials: BackstageCredentials): string {
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
      subject?: string;
    };
    return principal.userEntityRef ?? `service:${principal.subject}`;
  }

  async authorize(
    permission: ResourcePermission<'catalog-entity'>,
    entityRef: string,
    credentials: BackstageCredentials,
  ) {
    const [decision] = await this.permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to ${permission.name} on "${entityRef}"`,
      );
    }
  }

  /**
   * The entities whose runs the caller may see with a permission, or
   * `undefined` when the policy allows them all. An unconditional answer
   * costs one check; only a conditional one is resolved entity by entity.
   */
  async readableRefs(
    permission: ResourcePermission<'catalog-entity'>,
    credentials: BackstageCredentials,
  ): Promise<string[] | undefined> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    if (decision.result === AuthorizeResult.DENY) return [];
    return this.allowedRefs(
      permission,
      await this.runs.listEntityRefs(),
      credentials,
    );
  }

  /** Which of these entities the caller may use a permission on. */
  async allowedRefs(
    permission: ResourcePermission<'catalog-entity'>,
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    if (!entityRefs.length) return [];
    const decisions = await this.permissions.authorize(
      entityRefs.map(resourceRef => ({ permission, resourceRef })),
      { credentials },
    );
    return entityRefs.filter(
      (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
    );
  }

  /**
   * Loads a run the caller may see with a permission, or 404s (a run the
   * caller may not read is not found, so ids do not leak).
   */
  async runFor(
    runId: string,
    permission: ResourcePermission<'catalog-entity'>,
    credentials: BackstageCredentials,
    readPermission?: ResourcePermission<'catalog-entity'>,
  ): Promise<RunRecord> {
    const run = await this.runs.getRun(runId);
    if (!run) throw new NotFoundError(`Run "${runId}" not found`);
    if (readPermission) {
      const [readable] = await this.allowedRefs(
        readPermission,
        [run.entityRef],
        credentials,
      );
      if (!readable) throw new NotFoundError(`Run "${runId}" not found`);
    }
    await this.authorize(permission, run.entityRef, credentials);
    return run;
  }
}
