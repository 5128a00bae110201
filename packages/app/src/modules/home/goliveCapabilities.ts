/** A part of GoLive and the plugin that brings it. */
export interface GoLiveCapability {
  pluginId: string;
  title: string;
  description: string;
}

/**
 * What GoLive covers, in the order a newcomer meets it. A part counts as
 * installed when the app has its plugin, so this list stays true as plugins
 * are added.
 */
export const goliveCapabilities: GoLiveCapability[] = [
  {
    pluginId: 'catalog',
    title: 'Software catalog',
    description:
      'Services, APIs, websites and libraries, with their owners and what they depend on.',
  },
  {
    pluginId: 'search',
    title: 'Search',
    description: 'Finds catalog entries by name, description or owner.',
  },
  {
    pluginId: 'notifications',
    title: 'Notifications',
    description: 'Messages for you and your teams, delivered while you work.',
  },
  {
    pluginId: 'pipelines',
    title: 'Pipelines',
    description:
      "Runs of each service's .golive/pipeline.yaml: builds, tests and deployments with live logs.",
  },
  {
    pluginId: 'testing',
    title: 'Tests and code quality',
    description:
      'Test reports of every run, flaky tests and code quality findings.',
  },
  {
    pluginId: 'ai-assistant',
    title: 'AI assistant',
    description:
      'Explains why a run failed and answers questions about your services.',
  },
  {
    pluginId: 'jira',
    title: 'Jira',
    description: 'The issues behind each change, linked to runs and releases.',
  },
  {
    pluginId: 'monitoring',
    title: 'Monitoring',
    description:
      'Health, metrics and delivery figures (DORA) for every service.',
  },
];
