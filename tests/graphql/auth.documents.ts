import { graphql } from '../gql';

/** Documents of the sign-in tests (tests/sign-in.e2e.test.ts). */

export const REFRESH_TOKEN = graphql(`
  mutation RefreshToken($refreshToken: String!) {
    refreshToken(refreshToken: $refreshToken) {
      accessToken
      expiresAt
      refreshToken
      refreshTokenExpiresAt
      user {
        id
        role
      }
    }
  }
`);

export const LOGOUT = graphql(`
  mutation Logout($refreshToken: String, $everywhere: Boolean) {
    logout(refreshToken: $refreshToken, everywhere: $everywhere)
  }
`);
