export * from './caller';
export * from './token-verifier';
export * from './remote-key-set';
export * from './auth.guard';
