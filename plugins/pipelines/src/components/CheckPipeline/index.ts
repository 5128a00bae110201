export { CheckPipeline } from './CheckPipeline';
