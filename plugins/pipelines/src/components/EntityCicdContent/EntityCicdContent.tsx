import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useState } from 'react';
import { EntityRunsContent } from '../EntityRunsContent';
import { SecretsPanel } from '../SecretsPanel';

/** The CI/CD tab of a component: its runs, and the secrets its jobs get. */
export function EntityCicdContent() {
  const { entity } = useEntity();
  const [tab, setTab] = useState(0);
  return (
    <Box>
      <Tabs
        value={tab}
        onChange={(_, value) => setTab(value)}
        indicatorColor="primary"
        aria-label="CI/CD views"
      >
        <Tab label="Runs" />
        <Tab label="Secrets" />
      </Tabs>
      <Box mt={2}>
        {tab === 0 ? (
          <EntityRunsContent />
        ) : (
          <SecretsPanel entityRef={stringifyEntityRef(entity)} />
        )}
      </Box>
    </Box>
  );
}
