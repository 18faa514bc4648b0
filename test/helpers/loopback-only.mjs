// Preloaded with `node --import` in tests: any TCP connection or DNS lookup that is not loopback
// throws, so a test proves a command works offline even where network namespaces are unavailable.
import net from 'node:net';
import dns from 'node:dns';

const loopback = (host) => host === undefined || host === 'localhost' || /^127\./.test(host) || host === '::1' || host === '[::1]';
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  // net.connect() passes its normalized [options, callback] array as the first argument.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const host = typeof first === 'object' && first !== null ? first.host : typeof args[1] === 'string' ? args[1] : undefined;
  const isPath = typeof first === 'object' && first !== null && typeof first.path === 'string';
  if (!isPath && !loopback(host)) throw new Error(`network blocked in test: ${host}`);
  return originalConnect.apply(this, args);
};
const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname, ...rest) {
  if (!loopback(hostname)) throw new Error(`DNS blocked in test: ${hostname}`);
  return originalLookup.call(this, hostname, ...rest);
};
