import { PipelineProblem } from '@golive/plugin-pipelines-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import ErrorIcon from '@material-ui/icons/ErrorOutline';

export interface ProblemListProps {
  problems: PipelineProblem[];
  /** Accessible name of the list. */
  label?: string;
}

function whereOf(problem: PipelineProblem): string | undefined {
  const position =
    problem.line !== undefined
      ? `Line ${problem.line}${
          problem.column !== undefined ? `, column ${problem.column}` : ''
        }`
      : undefined;
  return [position, problem.path].filter(Boolean).join(' · ') || undefined;
}

/** The problems of a pipeline file, each with where it is. */
export function ProblemList(props: ProblemListProps) {
  const { problems, label = 'Problems' } = props;
  return (
    <List dense aria-label={label}>
      {problems.map((problem, index) => (
        <ListItem key={index}>
          <ListItemIcon>
            <ErrorIcon color="error" />
          </ListItemIcon>
          <ListItemText
            primary={problem.message}
            secondary={whereOf(problem)}
          />
        </ListItem>
      ))}
    </List>
  );
}
