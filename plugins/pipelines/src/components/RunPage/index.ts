export { RunPage, RunView } from './RunPage';
