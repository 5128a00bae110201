import { ConfigReader } from '@backstage/config';
import { FakeRepository } from './startFakeGithub';

export const TOKEN = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
export const MAIN_SHA = '6113728f27ae82c7b1a177c8d03f9e96e0adf246';
export const TAG_SHA = '9049f1265b7d61be4a8904a9a27120d2064dab3b';

export const PIPELINE = `name: shop
on:
  push:
    branches: [main]
jobs:
  build:
    steps:
      - run: yarn install --immutable
      - run: yarn test
`;

/** The acme/shop repository with a pipeline file at main and v1.4.0. */
export function shopRepository(): FakeRepository {
  return {
    defaultBranch: 'main',
    refs: { main: MAIN_SHA, 'v1.4.0': TAG_SHA },
    tags: ['v1.4.0'],
    files: {
      [MAIN_SHA]: {
        '.golive/pipeline.yaml': PIPELINE,
        'src/index.ts': 'export {};\n',
      },
      [TAG_SHA]: {
        '.golive/pipeline.yaml': PIPELINE.replace('shop', 'shop-1.4'),
      },
    },
    workflows: [],
    runs: [],
    jobs: [],
  };
}

/** Backstage config whose github.com integration points at the local server. */
export function githubConfig(baseUrl: string, extra: object = {}) {
  return new ConfigReader({
    integrations: {
      github: [{ host: 'github.com', apiBaseUrl: baseUrl, token: TOKEN }],
    },
    ...extra,
  });
}
