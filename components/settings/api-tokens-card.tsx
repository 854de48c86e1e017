import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { Cell, DataTable } from '@/components/ui/table';
import { formatDate } from '@/lib/format';
import { CreateApiTokenForm } from './create-api-token-form';
import { RevokeApiTokenButton } from './revoke-api-token-button';

/** A token as listed: never its hash, never the token. */
export interface ListedApiToken {
  id: number;
  name: string;
  tokenPrefix: string;
  scopes: readonly string[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

function status(token: ListedApiToken, asOf: Date) {
  if (token.revokedAt) return <Badge tone="bad">Revoked</Badge>;
  if (token.expiresAt && token.expiresAt <= asOf) return <Badge tone="warn">Expired</Badge>;
  return <Badge tone="good">Active</Badge>;
}

/** Settings → API tokens: create (shown once), list with last use, revoke. */
export function ApiTokensCard({ tokens, asOf }: { tokens: readonly ListedApiToken[]; asOf: Date }) {
  return (
    <Card title="API tokens">
      <p className="mb-4 text-sm text-slate-600">
        MDM sync scripts call <code>/api/v1/devices</code> with <code>Authorization: Bearer &lt;token&gt;</code>. Only a hash of each token is kept.
      </p>
      {tokens.length === 0 ? (
        <EmptyState title="No API tokens have been created">Create one below for each script, with only the scopes it needs.</EmptyState>
      ) : (
        <DataTable caption="API tokens" headers={['Name', 'Token', 'Scopes', 'Created', 'Expires', 'Last used', 'Status', '']}>
          {tokens.map((token) => (
            <tr key={token.id}>
              <Cell className="font-medium">{token.name}</Cell>
              <Cell><code>{token.tokenPrefix}…</code></Cell>
              <Cell>{token.scopes.join(', ')}</Cell>
              <Cell>{formatDate(token.createdAt)}</Cell>
              <Cell>{token.expiresAt ? formatDate(token.expiresAt) : 'Never'}</Cell>
              <Cell>{token.lastUsedAt ? formatDate(token.lastUsedAt) : 'Never used'}</Cell>
              <Cell>{status(token, asOf)}</Cell>
              <Cell>{token.revokedAt ? null : <RevokeApiTokenButton tokenId={token.id} name={token.name} />}</Cell>
            </tr>
          ))}
        </DataTable>
      )}
      <div className="mt-6 border-t border-slate-200 pt-4">
        <h3 className="mb-3 text-sm font-semibold text-slate-900">Create a token</h3>
        <CreateApiTokenForm />
      </div>
    </Card>
  );
}
