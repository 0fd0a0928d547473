/**
 * The sign-in page of @keystone-6/auth, in the browser's language: the same form and mutation as Keystone's own
 * (admin/build-files.ts points the generated page here), with its words translated. A refusal the server explains
 * (an account that is not an administrator's) comes in the language of the request.
 */
import { useState, type FormEvent } from 'react';
import { Button } from '@keystar/ui/button';
import { Grid, HStack, VStack } from '@keystar/ui/layout';
import { Notice } from '@keystar/ui/notice';
import { PasswordField } from '@keystar/ui/password-field';
import { useNavigate } from '@keystar/ui/router';
import { Content } from '@keystar/ui/slots';
import { TextField } from '@keystar/ui/text-field';
import { Heading, Text } from '@keystar/ui/typography';
import { gql, useMutation } from '@keystone-6/core/admin-ui/apollo';
import { GraphQLErrorNotice, Logo } from '@keystone-6/core/admin-ui/components';
import { useLanguage } from './use-language';

/** What @keystone-6/auth passes to its sign-in page. */
interface SigninProps {
  identityField: string;
  secretField: string;
  authGqlNames: {
    authenticateItemWithPassword: string;
    ItemAuthenticationWithPasswordSuccess: string;
    ItemAuthenticationWithPasswordFailure: string;
  };
}

/** The mutation's answer: the signed-in item, or a failure. */
interface SigninResult {
  authenticate: { __typename: string; item?: { id: string } } | null;
}

function SigninPage({ identityField, secretField, authGqlNames }: SigninProps) {
  const { t } = useLanguage();
  const navigate = useNavigate();
  const [state, setState] = useState({ identity: '', secret: '' });
  const { authenticateItemWithPassword, ItemAuthenticationWithPasswordSuccess: successTypename, ItemAuthenticationWithPasswordFailure: failureTypename } = authGqlNames;
  const [tryAuthenticate, { error, loading, data }] = useMutation<SigninResult>(
    gql`
      mutation KsAuthSignin($identity: String!, $secret: String!) {
        authenticate: ${authenticateItemWithPassword}(${identityField}: $identity, ${secretField}: $secret) {
          ... on ${successTypename} {
            item {
              id
            }
          }
          ... on ${failureTypename} {
            message
          }
        }
      }
    `,
    // Only a session changes the admin meta; refetching it after a failure would remount this page and lose the notice.
    { refetchQueries: (result) => (result.data?.authenticate?.__typename === successTypename ? ['KsFetchAdminMeta'] : []) },
  );
  const onSubmit = async (event: FormEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget) return;
    event.preventDefault();
    try {
      const result = await tryAuthenticate({ variables: { identity: state.identity, secret: state.secret } });
      if (result.data?.authenticate?.item) navigate('/');
    } catch (caught) {
      // The error is shown by GraphQLErrorNotice below.
      console.error(caught);
    }
  };
  const typename = data?.authenticate?.__typename;
  return (
    <>
      <title>{t('SalesGraph admin – sign in')}</title>
      <Grid alignItems="center" marginX="auto" maxWidth="100%" minHeight="100vh" minWidth={0} paddingX="xlarge" rows="auto 1fr" width="container.xsmall">
        <HStack paddingY="xlarge">
          <Logo />
        </HStack>
        <VStack elementType="form" onSubmit={onSubmit} flex gap="xxlarge" paddingY="xlarge">
          <Heading elementType="h1" size="regular">
            {t('Sign in')}
          </Heading>
          <GraphQLErrorNotice errors={[error]} />
          {typename === failureTypename && (
            <Notice tone="critical">
              <Content>
                {/* Keystone's failure message is English only ("Authentication failed."): say it here. */}
                <Text>{t('Wrong email or password.')}</Text>
              </Content>
            </Notice>
          )}
          <VStack gap="large">
            <TextField autoFocus id="identity" isRequired label={t('Email')} name="identity" onChange={(identity) => setState({ ...state, identity })} value={state.identity} />
            <PasswordField
              id="password"
              isRequired
              label={t('Password')}
              // @ts-expect-error: the field passes `name` on to its input (as Keystone's own page relies on); its types omit it
              name="password"
              onChange={(secret) => setState({ ...state, secret })}
              value={state.secret}
            />
          </VStack>
          <Button alignSelf="start" isPending={loading || typename === successTypename} prominence="high" type="submit">
            {t('Sign in')}
          </Button>
        </VStack>
      </Grid>
    </>
  );
}

/** Like @keystone-6/auth's `makeSigninPage`: the generated `pages/signin.js` calls it with the auth config. */
export default function makeSigninPage(props: SigninProps) {
  return () => <SigninPage {...props} />;
}
