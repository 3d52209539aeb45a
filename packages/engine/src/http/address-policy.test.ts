import { expect, test } from 'vitest';
import { privateAddressKind } from './address-policy.js';

test.each([
  ['8.8.8.8', null],
  ['1.1.1.1', null],
  ['127.0.0.1', 'a loopback address (this computer)'],
  ['127.255.0.9', 'a loopback address (this computer)'],
  ['10.20.30.40', 'a private network address'],
  ['172.16.0.1', 'a private network address'],
  ['172.32.0.1', null],
  ['192.168.1.1', 'a private network address'],
  ['100.64.0.1', 'a carrier-grade NAT address'],
  ['169.254.169.254', 'a link-local address'],
  ['0.0.0.0', 'an unspecified address'],
  ['224.0.0.1', 'a multicast address'],
  ['255.255.255.255', 'a reserved address'],
  ['::1', 'a loopback address (this computer)'],
  ['[::1]', 'a loopback address (this computer)'],
  ['::', 'an unspecified address'],
  ['fd12:3456::1', 'a private network address'],
  ['fe80::1%eth0', 'a link-local address'],
  ['ff02::1', 'a multicast address'],
  ['::ffff:127.0.0.1', 'a loopback address (this computer)'],
  ['::ffff:7f00:1', 'a loopback address (this computer)'],
  ['::ffff:10.0.0.1', 'a private network address'],
  ['::ffff:8.8.8.8', null],
  ['2001:4860:4860::8888', null],
  ['api.example.com', null],
])('%s -> %s', (address, kind) => {
  expect(privateAddressKind(address)).toBe(kind);
});
