import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The app tests render whole pages whose code loads lazily on first use;
// on a busy two-core machine, with other suites running beside them, that
// can take many seconds.
configure({ asyncUtilTimeout: 20_000 });
jest.setTimeout(60_000);
