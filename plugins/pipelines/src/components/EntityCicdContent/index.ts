export { EntityCicdContent } from './EntityCicdContent';
