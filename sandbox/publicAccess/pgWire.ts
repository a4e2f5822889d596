// The few pieces of the Postgres wire protocol the public host's gate needs: reading the
// length-prefixed packets that precede authentication, and writing an ErrorResponse.
import type { Duplex } from 'node:stream';

export const SSL_REQUEST_CODE = 80877103;
export const GSSENC_REQUEST_CODE = 80877104;
export const CANCEL_REQUEST_CODE = 80877102;
export const PROTOCOL_3 = 196608;

/** Reads one `int32 length, body` packet (the length counts itself); undefined when the stream ends first. */
export function readPacket(stream: Duplex, maxLength = 10_000): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const done = (result: Buffer | undefined, error?: Error) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('close', onEnd);
      stream.off('error', onError);
      stream.pause();
      if (error) reject(error);
      else resolve(result);
    };
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < 4) return;
      const length = buffered.readInt32BE(0);
      if (length < 8 || length > maxLength) return done(undefined, new Error(`invalid length of startup packet (${length})`));
      if (buffered.length < length) return;
      // Anything after the packet belongs to the next phase: give it back to the stream.
      if (buffered.length > length) stream.unshift(buffered.subarray(length));
      done(buffered.subarray(0, length));
    };
    const onEnd = () => done(undefined);
    const onError = (error: Error) => done(undefined, error);
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('close', onEnd);
    stream.once('error', onError);
    stream.resume();
  });
}

export function packetCode(packet: Buffer): number {
  return packet.readInt32BE(4);
}

/** The key/value parameters of a StartupMessage (user, database, application_name, …). */
export function startupParameters(packet: Buffer): Record<string, string> {
  const fields = packet.subarray(8).toString('utf8').split('\0');
  const params: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length && fields[i] !== ''; i += 2) params[fields[i]] = fields[i + 1];
  return params;
}

/** A FATAL ErrorResponse, as the server sends when it refuses a connection. */
export function fatalError(sqlState: string, message: string): Buffer {
  const fields = Buffer.concat([
    field('S', 'FATAL'), field('V', 'FATAL'), field('C', sqlState), field('M', message), Buffer.from([0]),
  ]);
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields]);
}

function field(code: string, value: string): Buffer {
  return Buffer.concat([Buffer.from(code), Buffer.from(value, 'utf8'), Buffer.from([0])]);
}
