import { goliveColors } from '../theme/goliveColors';

/**
 * The GoLive mark, drawn on a 40 by 40 grid: a signal trace that goes live
 * on a teal tile. Rendered inside the full logo and the icon-only logo.
 */
export function LogoMark() {
  return (
    <g>
      <rect width="40" height="40" rx="10" fill={goliveColors.teal} />
      <polyline
        points="7,22 13,22 17,12 23,29 26.5,20 29.5,20"
        fill="none"
        stroke="#ffffff"
        strokeWidth="3.2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <circle cx="33" cy="20" r="2.8" fill={goliveColors.tealLighter} />
    </g>
  );
}
