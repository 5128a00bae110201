import { LogoMark } from './LogoMark';

/** The GoLive mark alone, for the collapsed sidebar. */
export function LogoIcon() {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 40 40"
      height={28}
      role="img"
      aria-label="GoLive"
    >
      <LogoMark />
    </svg>
  );
}
