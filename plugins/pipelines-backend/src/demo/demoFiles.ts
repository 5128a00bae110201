/** Files of the demo repository `shop-web`: shell only, no toolchain. */
export const demoFiles: Record<string, string> = {
  'README.md': `# shop-web

Demo component of GoLive. Its pipeline builds, tests, and deploys to
staging, then to production once someone approves.
`,
  'src/prices.txt': `apple 120
pear 95
plum 60
`,
  'scripts/build.sh': `#!/bin/sh
set -e
mkdir -p dist
echo "Building shop-web at $(date -u +%H:%M:%S)"
for i in 1 2 3; do echo "compiling module $i/3"; sleep 1; done
cp src/prices.txt dist/prices.txt
echo "shop-web built from \${GOLIVE_SHA:-unknown}" > dist/VERSION
echo "Build done"
`,
  'scripts/test.sh': `#!/bin/sh
set -e
mkdir -p reports
total=0
while read -r item price; do total=$((total + price)); done < src/prices.txt
echo "Sum of prices: $total"
cat > reports/junit.xml <<XML
<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="3" failures="0">
  <testsuite name="prices" tests="3" failures="0" time="0.03">
    <testcase classname="prices" name="lists three items" time="0.01"/>
    <testcase classname="prices" name="sums to 275" time="0.01"/>
    <testcase classname="prices" name="has no negative price" time="0.01"/>
  </testsuite>
</testsuites>
XML
test "$total" -eq 275
echo "3 tests passed"
`,
  'scripts/deploy.sh': `#!/bin/sh
set -e
echo "Deploying shop-web to $1"
sleep 2
echo "shop-web is live on https://$1.shop.example.com"
`,
  '.golive/pipeline.yaml': `name: shop-web
on:
  push:
    branches: [main]
  manual:
    inputs:
      reason:
        type: string
        description: Why this run
        default: demo
env:
  APP_NAME: shop-web
jobs:
  build:
    name: Build
    steps:
      - name: Compile
        run: sh scripts/build.sh
    artifacts: [dist/**]
  test:
    name: Test
    needs: [build]
    steps:
      - name: Unit tests
        run: sh scripts/test.sh
    reports:
      junit: [reports/junit.xml]
  deploy-staging:
    name: Deploy to staging
    needs: [test]
    environment: staging
    steps:
      - name: Deploy
        run: sh scripts/deploy.sh staging
  deploy-production:
    name: Deploy to production
    needs: [deploy-staging]
    environment:
      name: production
      approval: true
    steps:
      - name: Deploy
        run: sh scripts/deploy.sh production
`,
};
