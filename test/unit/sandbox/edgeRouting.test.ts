// The sandbox edge's reading of a real ClientHello (made by Node's TLS client on loopback) and its
// verdicts.
import assert from 'node:assert/strict';
import { createServer, AddressInfo } from 'node:net';
import { connect } from 'node:tls';
import { edgeVerdict, readClientHelloServerName } from '../../../sandbox/network/edgeRouting';

async function clientHello(servername?: string): Promise<Buffer> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const received = new Promise<Buffer>((resolve) => server.once('connection', (socket) => socket.once('data', (d: Buffer) => { resolve(d); socket.destroy(); })));
    const tls = connect({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, servername, rejectUnauthorized: false });
    tls.on('error', () => undefined);
    const hello = await received;
    tls.destroy();
    return hello;
  } finally {
    server.close();
  }
}

describe('sandbox edge routing', () => {
  it('reads the server name of a ClientHello, and waits for the rest of a partial one', async () => {
    const hello = await clientHello('Abc.Private-PG.psdb.cloud');
    assert.deepEqual(readClientHelloServerName(hello), { complete: true, serverName: 'abc.private-pg.psdb.cloud' });
    assert.deepEqual(readClientHelloServerName(hello.subarray(0, 40)), { complete: false });
  });

  it('reads a ClientHello without a server name as complete with none', async () => {
    assert.deepEqual(readClientHelloServerName(await clientHello('')), { complete: true });
  });

  it('calls anything else malformed', () => {
    assert.ok('malformed' in readClientHelloServerName(Buffer.from('GET / HTTP/1.1\r\n')));
  });

  it('refuses another service\'s branch and a missing name; passes its own branches and unknown names', () => {
    const directory = { serviceNameForHost: (h: string) => ({ 'orders.x': 'svc-us', 'analytics.x': 'svc-eu' } as Record<string, string>)[h] };
    assert.deepEqual(edgeVerdict(directory, 'svc-us', 'orders.x'), { allowed: true });
    assert.deepEqual(edgeVerdict(directory, 'svc-us', 'unknown.x'), { allowed: true });
    assert.match((edgeVerdict(directory, 'svc-us', 'analytics.x') as { reason: string }).reason, /analytics\.x is served by svc-eu, not by this endpoint's service svc-us/);
    assert.equal(edgeVerdict(directory, 'svc-us', undefined).allowed, false);
  });
});
