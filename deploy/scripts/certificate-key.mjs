#!/usr/bin/env node
// A new key for the certificates of approved applications: REGISTRATION_CERTIFICATE_KEY (the private P-256 key, into
// the registration block's secret store; every replica holds the same). Its public half is served at
// /registration/certificates/jwks.json. `npm run keys:certificate`; prints a shell-quoted line.
import { generateKeyPairSync } from 'node:crypto';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
console.log(`REGISTRATION_CERTIFICATE_KEY='${JSON.stringify(privateKey.export({ format: 'jwk' }))}'`);
