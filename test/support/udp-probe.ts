/**
 * Sends one datagram to a published UDP port on 127.0.0.1 and returns the first answer, or fails
 * after a second: UDP has no "refused" worth trusting through a port forward, only silence.
 */
import { createSocket } from 'node:dgram';

export function udpExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no UDP answer on 127.0.0.1:${port}`));
    }, 1_000);
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
    socket.once('message', (message) => {
      clearTimeout(timer);
      socket.close();
      resolve(message.toString());
    });
    socket.send(text, port, '127.0.0.1');
  });
}

/** The answer, or `silence (why)` when none came: for `expect.poll`. */
export async function udpExchangeOrSilence(port: number, text: string): Promise<string> {
  try {
    return await udpExchange(port, text);
  } catch (error) {
    // Silence, or the ICMP "port unreachable" of a forward not there yet: no answer either way.
    return `silence (${error instanceof Error ? error.message : String(error)})`;
  }
}
