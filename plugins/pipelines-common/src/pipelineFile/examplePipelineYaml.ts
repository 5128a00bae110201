/**
 * A realistic pipeline file: build, test with a JUnit report, deploy to
 * staging, then to production after an approval. Its steps only need a
 * POSIX shell, so it runs anywhere; tests, docs and the demo use it.
 *
 * @public
 */
export const EXAMPLE_PIPELINE_YAML = `# .golive/pipeline.yaml
name: Build, test and deploy

on:
  push:
    branches: [main, 'release/**']
    tags: ['v*']
  pull_request:
    branches: [main]
  manual:
    inputs:
      deploy:
        type: boolean
        description: Deploy to staging and production after the tests
        default: true

env:
  APP_NAME: demo-service

jobs:
  build:
    name: Build
    steps:
      - name: Compile
        run: |
          mkdir -p dist
          echo "$APP_NAME built from \${GIT_SHA:-a local checkout}" > dist/app.txt
          cat dist/app.txt
    artifacts: [dist/**]

  test:
    name: Test
    needs: [build]
    steps:
      - name: Unit tests
        run: |
          mkdir -p reports
          cat > reports/junit.xml <<'XML'
          <?xml version="1.0" encoding="UTF-8"?>
          <testsuites tests="3" failures="0">
            <testsuite name="demo-service" tests="3" failures="0" time="0.012">
              <testcase classname="app" name="starts" time="0.004"/>
              <testcase classname="app" name="answers health checks" time="0.005"/>
              <testcase classname="app" name="reads its config" time="0.003"/>
            </testsuite>
          </testsuites>
          XML
          echo "3 tests passed"
    reports:
      junit: [reports/junit.xml]

  deploy-staging:
    name: Deploy to staging
    needs: [test]
    if: \${{ git.event != 'pull_request' && (inputs.deploy || git.branch == 'main') }}
    environment: staging
    steps:
      - name: Deploy
        run: echo "Deploying $APP_NAME to staging"

  deploy-production:
    name: Deploy to production
    needs: [deploy-staging]
    environment:
      name: production
      approval: true
    steps:
      - name: Deploy
        run: echo "Deploying $APP_NAME to production"
`;
