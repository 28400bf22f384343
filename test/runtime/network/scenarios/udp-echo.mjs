// A UDP echo server for the published-UDP-port test: busybox has no UDP server, so the host's
// node runs in the container (its /usr bind-mounted read-only). Replies "echo:<datagram>".
import { Buffer } from 'node:buffer';
import { createSocket } from 'node:dgram';
import process from 'node:process';

const socket = createSocket('udp4');
socket.on('message', (message, remote) =>
  socket.send(Buffer.concat([Buffer.from('echo:'), message]), remote.port, remote.address),
);
socket.bind(Number(process.argv[2] ?? 5353));
