import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The app tests render whole pages whose code loads lazily on first use;
// on a busy two-core machine that can take longer than the default second.
configure({ asyncUtilTimeout: 5000 });
