import { LoggerService, UserInfoService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { decideForRole } from './decideForRole';
import { readRbacConfig } from './readRbacConfig';
import { resolveRole } from './resolveRole';
import { RbacSettings } from './types';

/**
 * The permission policy of GoLive's four roles. The role comes from the
 * user's ownership entity refs (their groups) matched against
 * `golive.rbac.roles`.
 */
export class GoLiveRbacPolicy implements PermissionPolicy {
  /** Reads and validates `golive.rbac`; throws on invalid config. */
  static fromConfig(
    config: Config,
    deps: { logger: LoggerService; userInfo: UserInfoService },
  ): GoLiveRbacPolicy {
    return new GoLiveRbacPolicy(
      readRbacConfig(config),
      deps.logger.child({ component: 'golive-rbac' }),
      deps.userInfo,
    );
  }

  private constructor(
    private readonly settings: RbacSettings,
    private readonly logger: LoggerService,
    private readonly userInfo: UserInfoService,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }

    // The user info service rather than the deprecated `user.info`; it is
    // cached per token, so this costs no extra round trip.
    const { userEntityRef, ownershipEntityRefs } =
      await this.userInfo.getUserInfo(user.credentials);
    const role = resolveRole(ownershipEntityRefs, this.settings.roleRefs);
    const decision = decideForRole(
      role,
      request.permission,
      ownershipEntityRefs,
      this.settings.plugins,
    );

    this.logger.debug('Resolved GoLive role', {
      userEntityRef,
      role,
      permission: request.permission.name,
      result: decision.result,
    });
    return decision;
  }
}
