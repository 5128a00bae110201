export { FindYourWayCard } from './FindYourWayCard';
