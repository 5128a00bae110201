export type { OutboundHttp, OutboundRequestInit } from './OutboundHttp';
export { AllowListOutboundHttp } from './AllowListOutboundHttp';
export { outboundHttpServiceRef } from './outboundHttpServiceRef';
export type { HostResolver } from './createGuardedLookup';
export { isPublicAddress } from './isPublicAddress';
