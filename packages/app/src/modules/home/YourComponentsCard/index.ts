export {
  YourComponentsCard,
  YOUR_COMPONENTS_LIMIT,
} from './YourComponentsCard';
