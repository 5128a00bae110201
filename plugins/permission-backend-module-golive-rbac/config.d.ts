export interface Config {
  golive?: {
    /**
     * GoLive's roles and what they may do, read once at start by
     * `@golive/plugin-permission-backend-module-golive-rbac`. Invalid values
     * stop the backend with an error that names the key.
     */
    rbac?: {
      /**
       * Catalog entity refs per role, matched case-insensitively against
       * the signed-in user's ownership entity refs (their user ref and the
       * groups they are a member of). A bare name such as `platform-team`
       * means `group:default/platform-team`. A user who matches several
       * roles gets the strongest: admin, then developer, then tester. Users
       * who match none are viewers. A role left out maps no one.
       */
      roles?: {
        /** Default: `[]`. */
        admin?: string[];
        /** Default: `[]`. */
        developer?: string[];
        /** Default: `[]`. */
        tester?: string[];
        /**
         * Explicit viewers. Default: `[]`. Users of no mapped group are
         * viewers anyway, so this list only documents intent.
         */
        viewer?: string[];
      };

      /**
       * Per-plugin overrides: plugin id (the first segment of a permission
       * name) to role to the actions that role may take in that plugin.
       * An entry replaces the role's defaults for that plugin only.
       * Developers' non-read actions on catalog entities stay limited to
       * entities their groups own. Admins cannot be restricted: an `admin`
       * entry is rejected. Default:
       * `{ testing: { tester: [read, create, update, use] } }`; configured
       * entries replace it per plugin and role.
       */
      plugins?: {
        [pluginId: string]: {
          developer?: Array<'read' | 'create' | 'update' | 'delete' | 'use'>;
          tester?: Array<'read' | 'create' | 'update' | 'delete' | 'use'>;
          viewer?: Array<'read' | 'create' | 'update' | 'delete' | 'use'>;
        };
      };
    };
  };
}
