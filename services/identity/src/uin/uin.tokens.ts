export const UIN_POLICY = Symbol('UIN_POLICY');
