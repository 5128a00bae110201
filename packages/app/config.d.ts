export interface Config {
  golive?: {
    auth?: {
      guest?: {
        /**
         * Offers guest sign-in on the sign-in page. The production config
         * turns it off, since the guest provider only works in
         * development. Ignored when GitHub sign-in is off, so that the
         * page always offers a way in. Default: true.
         * @visibility frontend
         */
        enabled?: boolean;
      };
      github?: {
        /**
         * Offers "Sign in with GitHub" on the sign-in page. Turn it on only
         * where the auth backend has a GitHub provider configured. Guest
         * sign-in is offered either way. Default: false.
         * @visibility frontend
         */
        enabled?: boolean;
      };
    };
  };
}
