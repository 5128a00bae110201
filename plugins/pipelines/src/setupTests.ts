import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Pages load their code lazily on first render; on a busy two-core machine
// that can take longer than the default second, and a test longer than five.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);
