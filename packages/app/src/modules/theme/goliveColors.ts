/**
 * The GoLive palette. Teal carries actions and focus, deep indigo the
 * navigation, so the portal reads as GoLive rather than stock Backstage.
 */
export const goliveColors = {
  teal: '#0b7a75',
  tealDark: '#075c58',
  tealLight: '#5cc8be',
  tealLighter: '#8fdcd4',
  indigo: '#4c4fc9',
  indigoLight: '#9ea2f2',
  ink: '#101c3d',
  inkDeep: '#0a1230',
  navText: '#c4cbe6',
} as const;
