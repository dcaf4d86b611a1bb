/**
 * @peculiar/x509, ready to use in Node: it resolves its ASN.1 schemas through tsyringe, which
 * needs the reflect-metadata polyfill loaded first, and it needs a WebCrypto provider.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export { x509 };
