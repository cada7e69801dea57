#!/usr/bin/env node
// A new key pair for the secrets sealed in events (ADR 0013), as the two settings that hold it:
// MESSAGING_SEALING_KEY (the private key: into the messaging block's secret store only) and
// IDENTITY_SEALING_PUBLIC_KEY and FEEDBACK_SEALING_PUBLIC_KEY (the public key: the identity block seals one-time
// codes with it, the feedback block the recipients of hotline notices).
// `npm run keys:sealing`; prints shell-quoted lines for an env file or a secret store.
import { generateKeyPairSync } from 'node:crypto';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const jwk = privateKey.export({ format: 'jwk' });
const publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
console.log(`MESSAGING_SEALING_KEY='${JSON.stringify(jwk)}'`);
console.log(`IDENTITY_SEALING_PUBLIC_KEY='${JSON.stringify(publicJwk)}'`);
console.log(`FEEDBACK_SEALING_PUBLIC_KEY='${JSON.stringify(publicJwk)}'`);
