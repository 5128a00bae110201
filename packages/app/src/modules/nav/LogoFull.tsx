import { goliveColors } from '../theme/goliveColors';
import { LogoMark } from './LogoMark';

/** The GoLive mark with the word "GoLive", for the open sidebar. */
export function LogoFull() {
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 156 40"
      height={30}
      role="img"
      aria-label="GoLive"
    >
      <LogoMark />
      <text
        x="50"
        y="29"
        fontFamily="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
        fontSize="26"
        fontWeight="700"
        letterSpacing="-0.5"
        fill="#ffffff"
      >
        Go<tspan fill={goliveColors.tealLighter}>Live</tspan>
      </text>
    </svg>
  );
}
